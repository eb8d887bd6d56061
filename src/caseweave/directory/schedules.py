"""Is a service open at a given moment? Computed from HSDS schedule rows (RFC 5545 RRULE parts).

Conventions, where HSDS leaves a gap:
- Times with an explicit offset (``09:00:00Z``) are in that offset; otherwise the schedule's
  ``timezone`` (a UTC offset in hours) applies; otherwise the deployment's time zone, with
  its daylight-saving rules.
- A window whose ``closes_at`` is not after ``opens_at`` runs past midnight into the next day.
- A schedule with ``valid_from`` and ``valid_to`` but no opening times is a closure
  (a holiday): the service is closed on those dates whatever its regular hours say.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule, weekday

WEEKDAYS = {"MO": MO, "TU": TU, "WE": WE, "TH": TH, "FR": FR, "SA": SA, "SU": SU}

SCHEDULE_FIELDS = (
    "valid_from",
    "valid_to",
    "dtstart",
    "timezone",
    "until",
    "count",
    "wkst",
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
)


def _time_and_zone(text: str) -> tuple[time, tzinfo | None]:
    parsed = time.fromisoformat(text.replace("Z", "+00:00"))
    return parsed.replace(tzinfo=None), parsed.tzinfo


def _zone(schedule: dict[str, Any], explicit: tzinfo | None, default: tzinfo) -> tzinfo:
    if explicit is not None:
        return explicit
    offset = schedule.get("timezone")
    if isinstance(offset, int | float):
        return timezone(timedelta(hours=float(offset)))
    return default


def _date(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def _byweekday(byday: str) -> list[weekday]:
    days = []
    for token in filter(None, (part.strip() for part in byday.split(","))):
        code, ordinal = token[-2:], token[:-2]
        days.append(WEEKDAYS[code](int(ordinal)) if ordinal else WEEKDAYS[code])
    return days


def occurs_on(schedule: dict[str, Any], day: date) -> bool:
    """Whether the schedule's recurrence includes ``day`` (its validity dates included)."""
    valid_from, valid_to, until = (
        _date(schedule.get(k)) for k in ("valid_from", "valid_to", "until")
    )
    if (
        (valid_from and day < valid_from)
        or (valid_to and day > valid_to)
        or (until and day > until)
    ):
        return False
    freq = schedule.get("freq")
    if not freq:
        return True
    interval = int(schedule.get("interval") or 1)
    count = schedule.get("count")
    start = _date(schedule.get("dtstart")) or valid_from or day
    if day < start:
        return False
    if count is None:
        # Move the start close to ``day`` by whole periods, so the rule need not be
        # walked from a start years back; the phase of ``interval`` is kept.
        if freq == "WEEKLY":
            periods = (day - start).days // (7 * interval) - 1
            if periods > 0:
                start += timedelta(weeks=interval * periods)
        else:
            months = (day.year - start.year) * 12 + day.month - start.month
            periods = months // interval - 1
            if periods > 0:
                start += relativedelta(months=interval * periods)
    options: dict[str, Any] = {"interval": interval}
    if schedule.get("byday"):
        options["byweekday"] = _byweekday(str(schedule["byday"]))
    if schedule.get("bymonthday"):
        options["bymonthday"] = [
            int(x) for x in str(schedule["bymonthday"]).split(",") if x.strip()
        ]
    elif freq == "MONTHLY" and not schedule.get("byday"):
        options["bymonthday"] = [(_date(schedule.get("dtstart")) or start).day]
    if schedule.get("wkst") in WEEKDAYS:
        options["wkst"] = WEEKDAYS[str(schedule["wkst"])]
    if isinstance(count, int | float):
        options["count"] = int(count)
    rule = rrule(
        WEEKLY if freq == "WEEKLY" else MONTHLY,
        dtstart=datetime.combine(start, time()),
        **options,
    )
    midnight = datetime.combine(day, time())
    # Occurrences fall at midnight, so the next midnight must not count.
    return bool(rule.between(midnight, midnight + timedelta(hours=23), inc=True))


def _is_closure(schedule: dict[str, Any]) -> bool:
    return (
        not schedule.get("opens_at")
        and not schedule.get("closes_at")
        and bool(schedule.get("valid_from"))
        and bool(schedule.get("valid_to"))
    )


def is_open(schedules: list[dict[str, Any]], at: datetime, default_zone: str) -> bool | None:
    """True if open at ``at`` (aware), False if closed, None when no opening hours are known."""
    default = ZoneInfo(default_zone)
    for schedule in schedules:
        if _is_closure(schedule) and occurs_on(
            schedule, at.astimezone(_zone(schedule, None, default)).date()
        ):
            return False
    known = False
    for schedule in schedules:
        if not schedule.get("opens_at") or not schedule.get("closes_at"):
            continue
        known = True
        opens, explicit = _time_and_zone(str(schedule["opens_at"]))
        closes, _ = _time_and_zone(str(schedule["closes_at"]))
        local = at.astimezone(_zone(schedule, explicit, default))
        now, today = local.time().replace(tzinfo=None), local.date()
        overnight = closes <= opens
        if now >= opens and (overnight or now < closes) and occurs_on(schedule, today):
            return True
        if overnight and now < closes and occurs_on(schedule, today - timedelta(days=1)):
            return True
    return False if known else None

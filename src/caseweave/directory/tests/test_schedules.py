"""Open now: across midnight, weekly and monthly rules, holiday closures, time zones."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from caseweave.directory.schedules import is_open, occurs_on

TORONTO = "America/Toronto"


def at(text: str, zone: str = TORONTO) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


WEEKDAYS_9_TO_5 = {
    "freq": "WEEKLY",
    "byday": "MO,TU,WE,TH,FR",
    "opens_at": "09:00",
    "closes_at": "17:00",
}


def test_it_is_open_inside_weekday_hours_and_closed_outside() -> None:
    assert is_open([WEEKDAYS_9_TO_5], at("2026-11-24T10:00"), TORONTO) is True  # Tuesday
    assert is_open([WEEKDAYS_9_TO_5], at("2026-11-24T17:00"), TORONTO) is False
    assert is_open([WEEKDAYS_9_TO_5], at("2026-11-28T10:00"), TORONTO) is False  # Saturday


def test_a_night_shelter_stays_open_past_midnight_into_the_next_day() -> None:
    night = {"freq": "WEEKLY", "byday": "FR", "opens_at": "20:00", "closes_at": "08:00"}
    assert is_open([night], at("2026-11-27T23:30"), TORONTO) is True  # Friday night
    assert is_open([night], at("2026-11-28T07:59"), TORONTO) is True  # Saturday morning
    assert is_open([night], at("2026-11-28T08:00"), TORONTO) is False
    assert (
        is_open([night], at("2026-11-27T07:00"), TORONTO) is False
    )  # Friday morning: Thursday is not open


def test_monthly_rules_pick_the_named_weekday_of_the_month() -> None:
    second_monday = {"freq": "MONTHLY", "byday": "2MO", "opens_at": "13:00", "closes_at": "15:00"}
    last_friday = {"freq": "MONTHLY", "byday": "-1FR", "opens_at": "13:00", "closes_at": "15:00"}
    assert occurs_on(second_monday, datetime(2026, 11, 9).date())
    assert not occurs_on(second_monday, datetime(2026, 11, 2).date())
    assert occurs_on(last_friday, datetime(2026, 11, 27).date())
    assert not occurs_on(last_friday, datetime(2026, 11, 20).date())
    assert is_open([second_monday], at("2026-11-09T14:00"), TORONTO) is True


def test_every_other_week_follows_the_phase_of_dtstart() -> None:
    fortnightly = {"freq": "WEEKLY", "interval": 2, "byday": "WE", "dtstart": "2024-01-03"}
    assert occurs_on(fortnightly, datetime(2026, 11, 25).date()) != occurs_on(
        fortnightly, datetime(2026, 11, 18).date()
    )
    weeks = (datetime(2026, 11, 25) - datetime(2024, 1, 3)).days // 7
    assert occurs_on(fortnightly, datetime(2026, 11, 25).date()) == (weeks % 2 == 0)


def test_a_rule_with_a_count_ends_after_that_many_occurrences() -> None:
    three_mondays = {"freq": "WEEKLY", "byday": "MO", "dtstart": "2026-11-02", "count": 3}
    assert occurs_on(three_mondays, datetime(2026, 11, 16).date())
    assert not occurs_on(three_mondays, datetime(2026, 11, 23).date())


def test_a_holiday_closure_overrides_regular_hours() -> None:
    christmas = {"valid_from": "2026-12-25", "valid_to": "2026-12-26", "description": "Closed"}
    assert is_open([WEEKDAYS_9_TO_5, christmas], at("2026-12-25T10:00"), TORONTO) is False
    assert is_open([WEEKDAYS_9_TO_5, christmas], at("2026-12-24T10:00"), TORONTO) is True


def test_validity_dates_bound_a_seasonal_schedule() -> None:
    winter = {**WEEKDAYS_9_TO_5, "valid_from": "2026-11-01", "valid_to": "2027-03-31"}
    assert is_open([winter], at("2026-11-24T10:00"), TORONTO) is True
    assert is_open([winter], at("2027-04-01T10:00"), TORONTO) is False


def test_times_are_read_in_the_schedule_offset_or_the_deployment_zone() -> None:
    utc_hours = {"freq": "WEEKLY", "byday": "TU", "opens_at": "14:00:00Z", "closes_at": "22:00:00Z"}
    offset_hours = {
        "freq": "WEEKLY",
        "byday": "TU",
        "timezone": -5,
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    moment = datetime(2026, 11, 24, 14, 30, tzinfo=UTC)  # 09:30 in Toronto (EST)
    assert is_open([utc_hours], moment, TORONTO) is True
    assert is_open([offset_hours], moment, TORONTO) is True
    assert is_open([WEEKDAYS_9_TO_5], moment, "Europe/Amsterdam") is True  # 15:30 Tuesday
    assert is_open([WEEKDAYS_9_TO_5], moment, "Asia/Tokyo") is False  # 23:30 Tuesday


def test_daylight_saving_time_moves_the_utc_opening_hour() -> None:
    summer = datetime(2026, 7, 14, 13, 30, tzinfo=UTC)  # 09:30 EDT
    winter = datetime(2026, 11, 24, 13, 30, tzinfo=UTC)  # 08:30 EST
    assert is_open([WEEKDAYS_9_TO_5], summer, TORONTO) is True
    assert is_open([WEEKDAYS_9_TO_5], winter, TORONTO) is False


def test_no_opening_hours_means_unknown() -> None:
    assert is_open([], at("2026-11-24T10:00"), TORONTO) is None

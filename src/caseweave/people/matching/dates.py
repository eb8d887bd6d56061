"""Birth dates as people actually give them: exact, month only, year only, or an age."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "DateLevel",
    "DateParseError",
    "PartialDate",
    "date_similarity",
    "parse_partial_date",
]


class DateParseError(ValueError):
    """A birth date could not be read; the message says what was given and what is accepted."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; ``estimated`` when derived from an age.

    ``month`` is only set with ``year``, ``day`` only with ``month``.
    """

    year: int
    month: int | None = None
    day: int | None = None
    estimated: bool = False

    def __post_init__(self) -> None:
        if not 1850 <= self.year <= 2200:
            raise DateParseError(f"year {self.year} is outside 1850-2200")
        if self.month is None and self.day is not None:
            raise DateParseError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateParseError(f"month {self.month} is not 1-12")
        if self.day is not None:
            assert self.month is not None
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise DateParseError(
                    f"{self.year:04d}-{self.month:02d}-{self.day:02d} is not a date"
                ) from exc

    @property
    def precision(self) -> str:
        """ "day", "month", "year" or "estimated"."""
        if self.estimated:
            return "estimated"
        return "day" if self.day else "month" if self.month else "year"

    @property
    def is_complete(self) -> bool:
        return self.day is not None and not self.estimated

    def isoformat(self) -> str:
        """ "1985-03-07", "1985-03", "1985", or "~1985" for an estimate."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return ("~" if self.estimated else "") + text

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})\.?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/. ](\d{4})$")
_CIRCA = re.compile(r"^(?:c\.?|ca\.?|circa|about|approx\.?|~)\s*(\d{4})$")
_AGE = re.compile(
    r"^(?:age[d]?\s*|about\s*|approx\.?\s*|~\s*)?(\d{1,3})\s*(?:y|yrs?|years?(?:\s*old)?)?$"
)


def parse_partial_date(
    raw: str | dt.date | PartialDate | None,
    *,
    day_first: bool = True,
    today: dt.date | None = None,
) -> PartialDate | None:
    """Read a birth date written in any of the usual ways; empty input gives ``None``.

    Accepted: ``1985-03-07``, ``19850307``, ``1985-03``, ``1985``, ``07/03/1985`` and
    ``7.3.1985`` (day first unless ``day_first=False``; a first number above 12 is always a
    day), ``03/1985``, ``c. 1985`` / ``~1985`` (estimated year), and an age (``40``, ``age 40``,
    ``~40``, ``40 years``) which becomes an estimated year counted back from ``today``.
    Two-digit years are read as the most recent past year. Raises :class:`DateParseError`.
    """
    if raw is None:
        return None
    if isinstance(raw, PartialDate):
        return raw
    if isinstance(raw, dt.datetime):
        return PartialDate.from_date(raw.date())
    if isinstance(raw, dt.date):
        return PartialDate.from_date(raw)
    text = " ".join(str(raw).strip().lower().split())
    if not text:
        return None
    try:
        return _parse_cached(text, day_first, today or dt.date.today())
    except DateParseError as exc:
        raise DateParseError(f"birth date {str(raw)!r}: {exc}") from None


@lru_cache(maxsize=131_072)  # birth dates repeat (about 25,000 distinct days in a century)
def _parse_cached(text: str, day_first: bool, today: dt.date) -> PartialDate:
    return _parse_text(text, day_first=day_first, today=today)


def _parse_text(text: str, *, day_first: bool, today: dt.date) -> PartialDate:
    if match := _ISO.match(text):
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return PartialDate(year, month, day)
    if match := _COMPACT.match(text):
        year, month, day = (int(g) for g in match.groups())
        return PartialDate(year, month, day)
    if match := _NUMERIC.match(text):
        first, second, year_text = match.groups()
        a, b = int(first), int(second)
        day, month = (a, b) if day_first else (b, a)
        if month > 12 >= day:  # "13/05" can only be day 13, whichever order was asked for
            day, month = month, day
        return PartialDate(_full_year(year_text, today), month, day)
    if match := _MONTH_YEAR.match(text):
        return PartialDate(int(match.group(2)), int(match.group(1)))
    if match := _CIRCA.match(text):
        return PartialDate(int(match.group(1)), estimated=True)
    if match := _AGE.match(text):
        age = int(match.group(1))
        if age > 130:
            raise DateParseError(f"age {age} is not plausible")
        return PartialDate(today.year - age, estimated=True)
    raise DateParseError(
        "not a date; use YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, YYYY, 'c. YYYY' or an age"
    )


def _full_year(text: str, today: dt.date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year else year - 100


class DateLevel(enum.IntEnum):
    """How two birth dates compare, from strongest agreement to none (MISSING: can't tell)."""

    EXACT = 0
    PARTIAL = 1
    SWAPPED_DAY_MONTH = 2
    ONE_DIGIT_OFF = 3
    SAME_YEAR = 4
    DIFFERENT = 5
    MISSING = 6


def date_similarity(a: PartialDate | None, b: PartialDate | None) -> DateLevel:
    """Compare two birth dates.

    EXACT: same full date. PARTIAL: they agree on every part both know (one is a month or
    year only). SWAPPED_DAY_MONTH: 1985-03-07 vs 1985-07-03. ONE_DIGIT_OFF: YYYYMMDD differs
    in a single digit or by two adjacent digits transposed (1985 vs 1958). SAME_YEAR: same year,
    or estimated years within two of each other. DIFFERENT: otherwise. MISSING: either absent.
    """
    if a is None or b is None:
        return DateLevel.MISSING
    if a.estimated or b.estimated:
        return DateLevel.SAME_YEAR if abs(a.year - b.year) <= 2 else DateLevel.DIFFERENT
    if a.is_complete and b.is_complete:
        if a == b:
            return DateLevel.EXACT
        if a.year == b.year and a.day == b.month and a.month == b.day:
            return DateLevel.SWAPPED_DAY_MONTH
        if _one_digit_off(_digits(a), _digits(b)):
            return DateLevel.ONE_DIGIT_OFF
        return DateLevel.SAME_YEAR if a.year == b.year else DateLevel.DIFFERENT
    if a.year == b.year:
        if a.month is None or b.month is None or a.month == b.month:
            return DateLevel.PARTIAL
        return DateLevel.SAME_YEAR
    if _one_digit_off(str(a.year), str(b.year)):
        return DateLevel.ONE_DIGIT_OFF
    return DateLevel.DIFFERENT


def _digits(value: PartialDate) -> str:
    return f"{value.year:04d}{value.month or 0:02d}{value.day or 0:02d}"


def _one_digit_off(x: str, y: str) -> bool:
    diffs = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    if len(diffs) == 1:
        return True
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and x[diffs[0]] == y[diffs[1]]
        and (x[diffs[1]] == y[diffs[0]])
    )

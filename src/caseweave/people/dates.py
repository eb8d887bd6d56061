"""Storing the matching engine's partial birth dates on ``Person`` and reading them back."""

from __future__ import annotations

import datetime as dt

from caseweave.people.choices import DatePrecision
from caseweave.people.matching.dates import PartialDate, parse_partial_date

__all__ = ["parse_birth_date", "partial_date_of", "stored_birth_date"]

_PRECISION = {
    "day": DatePrecision.EXACT,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
    "estimated": DatePrecision.ESTIMATED,
}


def stored_birth_date(value: PartialDate | None) -> tuple[dt.date | None, str]:
    """(date, precision) for the model: partial dates sit on their first day; an estimate on
    1 July of the estimated year, halfway through it."""
    if value is None:
        return None, DatePrecision.UNKNOWN
    if value.estimated:
        return dt.date(value.year, 7, 1), DatePrecision.ESTIMATED
    return dt.date(value.year, value.month or 1, value.day or 1), _PRECISION[value.precision]


def parse_birth_date(text: str, *, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """Parse what staff typed ("1987-03-12", "12.03.1987", "1987", "~40"); raises
    ``ValueError`` (``DateParseError``) with a message naming the value."""
    today = today or dt.date.today()
    date, precision = stored_birth_date(parse_partial_date(text, today=today))
    if date is not None and date > today:
        raise ValueError(f"birth date {text!r} is in the future")
    return date, precision


def partial_date_of(value: dt.date | None, precision: str) -> PartialDate | None:
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.ESTIMATED:
        return PartialDate(value.year, estimated=True)
    if precision == DatePrecision.YEAR:
        return PartialDate(value.year)
    if precision == DatePrecision.MONTH:
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)

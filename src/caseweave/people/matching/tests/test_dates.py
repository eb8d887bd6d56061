import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseweave.people.matching.normalise import (
    DateLevel,
    DateParseError,
    PartialDate,
    date_similarity,
    parse_partial_date,
)

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-03-07", PartialDate(1985, 3, 7)),
        ("19850307", PartialDate(1985, 3, 7)),
        ("07/03/1985", PartialDate(1985, 3, 7)),
        ("7.3.1985.", PartialDate(1985, 3, 7)),
        ("25/12/85", PartialDate(1985, 12, 25)),
        ("1985-03", PartialDate(1985, 3)),
        ("03/1985", PartialDate(1985, 3)),
        ("1985", PartialDate(1985)),
        ("c. 1985", PartialDate(1985, estimated=True)),
        ("about 40", PartialDate(1986, estimated=True)),
        ("40 years", PartialDate(1986, estimated=True)),
        (dt.date(1985, 3, 7), PartialDate(1985, 3, 7)),
    ],
)
def test_it_reads_the_usual_ways_of_writing_a_birth_date(raw, expected):
    assert parse_partial_date(raw, today=TODAY) == expected


def test_month_first_is_used_when_asked_unless_the_month_cannot_be_one():
    assert parse_partial_date("03/07/1985", day_first=False) == PartialDate(1985, 3, 7)
    assert parse_partial_date("13/07/1985", day_first=False) == PartialDate(1985, 7, 13)


def test_a_two_digit_year_is_the_most_recent_past_one():
    assert parse_partial_date("01/01/30", today=TODAY) == PartialDate(1930, 1, 1)
    assert parse_partial_date("01/01/20", today=TODAY) == PartialDate(2020, 1, 1)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_an_empty_date_is_none(raw):
    assert parse_partial_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [("31/02/1985", "not a date"), ("1985-13", "month 13"), ("yesterday", "not a date"),
     ("age 200", "not plausible"), ("1700", "outside")],
)  # fmt: skip
def test_an_unreadable_date_says_what_was_given_and_why(raw, reason):
    with pytest.raises(DateParseError) as error:
        parse_partial_date(raw, today=TODAY)
    assert repr(raw) in str(error.value)
    assert reason in str(error.value)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("1985-03-07", "1985-03-07", DateLevel.EXACT),
        ("1985-03-07", "1985-03", DateLevel.PARTIAL),
        ("1985", "1985-03-07", DateLevel.PARTIAL),
        ("1985-03-07", "1985-07-03", DateLevel.SWAPPED_DAY_MONTH),
        ("1985-03-07", "1985-03-08", DateLevel.ONE_DIGIT_OFF),
        ("1985-03-07", "1986-03-07", DateLevel.ONE_DIGIT_OFF),
        ("1985-03-07", "1958-03-07", DateLevel.ONE_DIGIT_OFF),
        ("1985-03-07", "1985-11-24", DateLevel.SAME_YEAR),
        ("1985-03", "1985-04", DateLevel.SAME_YEAR),
        ("c. 1985", "1987-01-01", DateLevel.SAME_YEAR),
        ("1985-03-07", "1972-10-21", DateLevel.DIFFERENT),
        ("1985-03-07", None, DateLevel.MISSING),
    ],
)
def test_it_grades_how_two_birth_dates_agree(a, b, level):
    assert date_similarity(parse_partial_date(a), parse_partial_date(b)) is level
    assert date_similarity(parse_partial_date(b), parse_partial_date(a)) is level


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_a_date_is_exact_with_itself_and_round_trips_through_iso(day):
    value = PartialDate.from_date(day)
    assert date_similarity(value, value) is DateLevel.EXACT
    assert parse_partial_date(value.isoformat()) == value


@given(st.dates(), st.dates())
def test_date_similarity_is_symmetric(x, y):
    if not (1850 <= x.year <= 2200 and 1850 <= y.year <= 2200):
        return
    a, b = PartialDate.from_date(x), PartialDate.from_date(y)
    assert date_similarity(a, b) is date_similarity(b, a)

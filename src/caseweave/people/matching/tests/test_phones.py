import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseweave.people.matching.normalise import normalise_phone


@pytest.mark.parametrize(
    "raw",
    ["(613) 555-0199", "613.555.0199", "1-613-555-0199", "+1 613 555 0199", "613 555 0199 ext. 4"],
)
def test_north_american_spellings_reduce_to_one_number(raw):
    assert normalise_phone(raw) == "+16135550199"


def test_a_national_number_drops_its_trunk_zero_in_its_country():
    assert normalise_phone("061 234 5678", default_country="381") == "+381612345678"
    assert normalise_phone("+381 61 234 5678", default_country="1") == "+381612345678"
    assert normalise_phone("00381612345678", default_country="1") == "+381612345678"
    assert normalise_phone("011 381 61 234 5678") == "+381612345678"


@pytest.mark.parametrize("raw", ["", None, "n/a", "12345", "+1234567890123456"])
def test_values_that_are_not_phone_numbers_give_none(raw):
    assert normalise_phone(raw) is None


@given(st.text(alphabet="0123456789 -().+x", max_size=30))
def test_the_result_is_none_or_e164_digits(raw):
    result = normalise_phone(raw)
    assert result is None or (result[0] == "+" and result[1:].isdigit() and 8 <= len(result) <= 16)

import pytest

from caseweave.people.matching.normalise import (
    IdentifierError,
    IdentifierType,
    identifier_type,
    luhn_valid,
    normalise_identifier,
    register_identifier_type,
)


def test_luhn_accepts_valid_numbers_and_rejects_one_wrong_digit():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398714")
    assert not luhn_valid("7992739871a")


def test_a_canadian_sin_is_cleaned_and_checked():
    assert normalise_identifier("ca_sin", "130 692 544") == "130692544"
    with pytest.raises(
        IdentifierError, match="Canadian Social Insurance Number fails its check digit"
    ):
        normalise_identifier("ca_sin", "130 692 545")
    with pytest.raises(IdentifierError, match="must have 9 digits"):
        normalise_identifier("ca_sin", "13069254")


def test_an_error_names_the_identifier_but_never_echoes_its_value():
    with pytest.raises(IdentifierError) as error:
        normalise_identifier("health_card", "1234 5678 90")
    assert "Health card number" in str(error.value)
    assert "1234" not in str(error.value)


def test_an_unknown_type_lists_the_known_ones():
    with pytest.raises(IdentifierError, match="unknown identifier type 'xx'.*ca_sin"):
        identifier_type("xx")


def test_an_agency_can_register_its_own_identifier_type():
    register_identifier_type(
        IdentifierType("test_even", "Even test number", r"\d{4}", lambda v: int(v) % 2 == 0)
    )
    assert normalise_identifier("test_even", "12-34") == "1234"
    with pytest.raises(IdentifierError, match="Even test number"):
        normalise_identifier("test_even", "1235")

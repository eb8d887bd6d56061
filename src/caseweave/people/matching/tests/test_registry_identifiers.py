"""The registry's identifier checks go through the matcher's single implementation."""

from caseweave.people.identifiers import identifier_problem, normalise_identifier
from caseweave.people.matching.identifiers import identifier_type, strip_separators


def test_registry_and_matcher_normalise_the_same_way():
    assert normalise_identifier("046 454-286") == strip_separators("046 454-286") == "046454286"


def test_a_social_insurance_number_is_checked_by_the_matchers_rule():
    assert identifier_problem("social_insurance", "046 454 286") is None
    assert identifier_type("ca_sin").problem("046 454 286") is None
    problem = identifier_problem("social_insurance", "046 454 287")
    assert (
        problem == "social insurance number '046 454 287' fails its check digit (probably a typo)"
    )
    assert "9 digits" in (identifier_problem("social_insurance", "04645428") or "")


def test_a_health_card_needs_ten_digits_and_may_carry_a_version_code():
    assert identifier_problem("health_card", "1234-567-890 AB") is None
    assert "10 digits" in (identifier_problem("health_card", "12345") or "")


def test_types_without_a_format_need_only_a_value_of_sensible_length():
    assert identifier_problem("passport", "x1") is None
    assert identifier_problem("agency_case", " - ") == "the number is empty"
    assert "longer than 64" in (identifier_problem("national_id", "9" * 65) or "")
    assert identifier_problem("library_card", "1") == "unknown identifier type 'library_card'"

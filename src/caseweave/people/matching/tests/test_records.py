import pytest

from caseweave.people.matching import PersonRecord
from caseweave.people.matching.normalise import IdentifierError, PartialDate


def test_build_normalises_the_raw_values():
    person = PersonRecord.build(
        42, given_names="Ana", birth_date="07/03/1985", sex="Female", phone="(613) 555-0199",
        email=" Ana@Example.ORG", postcode="k1a 0b1", identifiers={"ca_sin": "130-692-544"},
    )  # fmt: skip
    assert person.record_id == "42"
    assert person.birth_date == PartialDate(1985, 3, 7)
    assert person.sex == "f"
    assert person.phone == "+16135550199"
    assert person.email == "ana@example.org"
    assert person.postcode == "K1A0B1"
    assert person.identifiers == {"ca_sin": "130692544"}


def test_a_mistyped_identifier_is_not_evidence_unless_strict():
    person = PersonRecord.build(1, identifiers={"ca_sin": "130 692 545"})
    assert person.identifiers == {}
    with pytest.raises(IdentifierError):
        PersonRecord.build(1, identifiers={"ca_sin": "130 692 545"}, strict_identifiers=True)

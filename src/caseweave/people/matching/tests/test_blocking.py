from typing import Any

from caseweave.people.matching import PersonRecord, blocking_keys


def record(record_id: int, **fields: Any) -> PersonRecord:
    return PersonRecord.build(record_id, **fields)


def shares_a_key(a: PersonRecord, b: PersonRecord) -> bool:
    return bool(blocking_keys(a) & blocking_keys(b))


BASE = record(1, given_names="William", family_names="Petrović", birth_date="1985-03-07",
              phone="613 555 0199")  # fmt: skip


def test_typical_errors_still_share_a_key():
    variants = [
        record(2, given_names="Bill", family_names="Petrovic", birth_date="1985-03-07"),
        record(3, given_names="Petrovich", family_names="William", birth_date="1985-07-03"),
        record(4, given_names="William", family_names="Jones", birth_date="1985-03-07"),
        record(5, given_names="Wiliam", family_names="Petrovic", birth_date=None),
        record(6, given_names="Bob", family_names="Smith", phone="+1 (613) 555-0199"),
    ]
    for other in variants:
        assert shares_a_key(BASE, other), other


def test_unrelated_people_share_no_key():
    other = record(9, given_names="Amira", family_names="Hodžić", birth_date="1992-11-02")
    assert not shares_a_key(BASE, other)


def test_no_key_is_a_single_common_value():
    for key in blocking_keys(BASE):
        kind, _, rest = key.partition(":")
        assert rest, key
        if kind in {"ny", "nn", "cy", "dg"}:
            assert ":" in rest, key


def test_identifiers_and_email_are_keys():
    keys = blocking_keys(record(1, email=" A@Example.org ", identifiers={"ca_sin": "130 692 544"}))
    assert keys == {"em:a@example.org", "id:ca_sin:130692544"}

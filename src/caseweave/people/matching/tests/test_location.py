"""Where two records live is one comparison: address, postcode and town together."""

from __future__ import annotations

import numpy as np
import pytest

from caseweave.people.matching import PersonRecord
from caseweave.people.matching.comparisons import FIELD_INDEX, FIELDS, compare
from caseweave.people.matching.table import RecordTable

HOME = {"address": "12 Rideau St", "postcode": "K1N 5Y3", "locality": "Ottawa"}


def place(key: int, parts: dict[str, str]) -> PersonRecord:
    return PersonRecord.build(
        key, address=parts.get("address"), postcode=parts.get("postcode"),
        locality=parts.get("locality"),
    )  # fmt: skip


def location(first: dict[str, str], second: dict[str, str]) -> str:
    table = RecordTable.build([place(1, first), place(2, second)])
    level = int(
        compare(table, table, np.array([0]), np.array([1])).levels[0, FIELD_INDEX["location"]]
    )
    return "missing" if level < 0 else FIELDS[FIELD_INDEX["location"]].codes[level]


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (HOME, "same_address"),
        ({**HOME, "address": "12 Rideau Street"}, "similar_address"),
        ({**HOME, "postcode": ""}, "same_address"),  # one side lacks it: no contradiction
        ({**HOME, "address": "14 Rideau St", "postcode": "K1N 5Y8"}, "similar_address"),
        ({**HOME, "address": "12 Rideu St", "postcode": "K1N 5Y8"}, "same_address"),  # typos
        ({**HOME, "postcode": "K2P 0A4"}, "similar_address"),  # same address, other postcode
        ({**HOME, "address": "440 Bank St"}, "same_postcode"),
        ({**HOME, "address": "440 Bank St", "postcode": "K1N 5Y8"}, "same_postcode"),
        ({**HOME, "address": "440 Bank St", "postcode": "K2P 0A4"}, "same_town"),
        ({"address": "440 Bank St", "postcode": "K2P 0A4", "locality": "Otawa"}, "same_town"),
        ({"address": "440 Bank St", "postcode": "J8X 1C6", "locality": "Gatineau"}, "different"),
        ({"locality": "Ottawa"}, "same_town"),
        ({"locality": "Gatineau"}, "different"),
        ({}, "missing"),
    ],
)
def test_location_levels_run_from_the_same_address_to_elsewhere(other, expected) -> None:
    assert location(HOME, other) == expected


def test_a_move_within_town_is_one_piece_of_evidence_not_three() -> None:
    spec = FIELDS[FIELD_INDEX["location"]]
    assert [name for name in (s.name for s in FIELDS) if name in {"postcode", "address"}] == []
    assert spec.tf_level == spec.codes.index("same_town")

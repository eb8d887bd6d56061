"""Address and postcode are one comparison; the town stays a comparison of its own."""

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


def level(first: dict[str, str], second: dict[str, str], field: str = "location") -> str:
    table = RecordTable.build([place(1, first), place(2, second)])
    f = FIELD_INDEX[field]
    found = int(compare(table, table, np.array([0]), np.array([1])).levels[0, f])
    return "missing" if found < 0 else FIELDS[f].codes[found]


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (HOME, "same_address"),
        ({**HOME, "address": "12 Rideu St"}, "same_address"),  # a typo is near-exact
        ({**HOME, "postcode": ""}, "address_only"),  # one side lacks it: no contradiction
        ({**HOME, "postcode": "K1N 5Y8"}, "address_only"),  # a postcode typo
        ({**HOME, "address": "14 Rideau St"}, "similar_address"),
        ({**HOME, "address": "12 Rideau Street", "postcode": ""}, "similar_address"),
        ({**HOME, "postcode": "K2P 0A4"}, "similar_address"),  # same address, other postcode
        ({**HOME, "address": "440 Bank St"}, "same_postcode"),
        ({**HOME, "address": "440 Bank St", "postcode": "K1N 5Y8"}, "postcode_typo"),
        ({**HOME, "address": "12 Bank St"}, "partly_similar"),
        ({**HOME, "address": "440 Bank St", "postcode": "K2P 0A4"}, "different"),
        ({"locality": "Ottawa"}, "missing"),
    ],
)
def test_location_levels_run_from_the_same_address_to_a_different_one(other, expected) -> None:
    assert level(HOME, other) == expected


def test_a_move_within_town_changes_one_comparison_and_keeps_the_town() -> None:
    moved = {"address": "440 Bank St", "postcode": "K2P 0A4", "locality": "Ottawa"}
    assert (level(HOME, moved), level(HOME, moved, "locality")) == ("different", "same")
    assert not {"postcode", "address"} & {spec.name for spec in FIELDS}

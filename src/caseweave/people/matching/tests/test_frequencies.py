"""Term frequencies: common names, common full names and shared name parts count for less."""

from __future__ import annotations

import numpy as np
import pytest

from caseweave.people.matching import PersonRecord
from caseweave.people.matching.model import MatchModel
from caseweave.people.matching.table import RecordTable
from caseweave.people.matching.tests.factories import people_with_duplicates


@pytest.fixture(scope="module")
def model() -> MatchModel:
    records, _ = people_with_duplicates()
    return MatchModel.fit(records)


def weights(model: MatchModel, records: list[PersonRecord], pairs: list[tuple[int, int]]):
    table = RecordTable.build(records)
    left = np.array([p for p, _ in pairs], np.int32)
    right = np.array([q for _, q in pairs], np.int32)
    return model.score_pairs(table, table, left, right, tf_from_data=True).weight


def person(key: int, given: str, family: str, born: str | None = None) -> PersonRecord:
    return PersonRecord.build(key, given_names=given, family_names=family, birth_date=born)


def crowd(given: str, family: str, count: int, start: int) -> list[PersonRecord]:
    return [
        PersonRecord.build(start + k, given_names=given, family_names=family,
                           birth_date=f"{1940 + k % 60}-0{1 + k % 9}-1{k % 10}")
        for k in range(count)
    ]  # fmt: skip


def test_a_family_name_written_as_a_given_name_is_not_rewarded_as_a_rare_given_name(model):
    records = [
        person(0, "Mehmet", "Kaya", "1951-08-25"),
        person(1, "Kaya", "Mehmet", "1951-08-25"),
        person(2, "Mehmet", "Kaya", "1951-08-25"),
        *crowd("Mehmet", "Yılmaz", 30, 10),
        *crowd("Ayşe", "Kaya", 30, 100),
    ]
    swapped, straight = weights(model, records, [(1, 0), (2, 0)])
    assert swapped <= straight + 1e-9


def test_a_full_name_commoner_than_its_two_names_suggest_counts_for_less(model):
    pair = [
        person(0, "Văn Đức", "Nguyễn", "1993-12-07"),
        person(1, "Văn Đức", "Nguyễn", "1993-12-07"),
    ]
    # the same name frequencies, the names always together or never together
    together = [*pair, *crowd("Văn Đức", "Nguyễn", 40, 10), *crowd("Lan", "Trần", 40, 100)]
    apart = [*pair, *crowd("Văn Đức", "Trần", 40, 10), *crowd("Lan", "Nguyễn", 40, 100)]
    assert weights(model, together, [(0, 1)])[0] < weights(model, apart, [(0, 1)])[0] - 0.5


def test_sharing_a_common_part_of_the_given_names_says_little(model):
    records = [
        person(0, "Thị Hương", "Phạm", "1985-09-18"),
        person(1, "Thị Mai", "Phạm", "1985-09-18"),
        person(2, "Hương Lan", "Phạm", "1985-09-18"),
        person(3, "Hương Mai", "Phạm", "1985-09-18"),
        *[
            person(10 + k, f"Thị {name}", "Trần")
            for k, name in enumerate(["Lan", "Hoa", "Thu"] * 9)
        ],
    ]
    common_part, rare_part = weights(model, records, [(0, 1), (2, 0)])
    assert "given_name.token" in model.score(records[0], records[1]).reason_codes()
    assert common_part < rare_part

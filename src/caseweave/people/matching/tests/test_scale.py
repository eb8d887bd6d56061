"""What makes the engine scale must not change its answers: columnar encoding, chunked and
threaded comparison, and the blocking pair budget."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseweave.people.matching.candidates import candidate_pairs, sorted_unique
from caseweave.people.matching.comparisons import FIELDS
from caseweave.people.matching.dates import DateParseError
from caseweave.people.matching.model import compare_codes, set_workers
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.table import RecordTable
from caseweave.people.matching.tests.factories import people_with_duplicates

NAMES = ["Ana", "Đorđe", "Ђорђе", "Bill", "William", "Nguyễn Văn", "de la Cruz", "", "O'Brien"]
DATES = ["1985-03-07", "07/03/1985", "1985", "about 40", "", "1985-07-03", "19850307"]
PHONES = ["613 555 0100", "(613) 555-0100", "+381 61 234 5678", "", "12"]
POSTCODES = ["K1A 0B1", "k1a0b1", "", "K1A 0B2"]
PLACES = ["12b Main St", "12 main street", "", "Rue Saint-Denis 4"]
SEXES = ["M", "female", "x", "", "woman"]
SINS = ["046 454 286", "046 454 287", "", "130692544"]

row = st.fixed_dictionaries({
    "given_names": st.sampled_from(NAMES), "family_names": st.sampled_from(NAMES),
    "other_names": st.sampled_from(["", "Bata", "Bata;Kiki"]),
    "birth_date": st.sampled_from(DATES), "sex": st.sampled_from(SEXES),
    "phone": st.sampled_from(PHONES), "email": st.sampled_from(["", "A@b.org ", "x"]),
    "postcode": st.sampled_from(POSTCODES), "address": st.sampled_from(PLACES),
    "locality": st.sampled_from(["Ottawa", "ottawa", "", "Gatineau"]),
    "ca_sin": st.sampled_from(SINS),
})  # fmt: skip


def _strings(table: RecordTable) -> dict[str, list[object]]:
    """Every column decoded back to strings, so tables with different ids compare equal."""
    v = table.vocab
    decoded: dict[str, list[object]] = {}
    for name, vocab in [
        ("given_full", v.names), ("family_full", v.names), ("given_tok", v.names),
        ("family_tok", v.names), ("given_phon", v.phonetic), ("family_phon", v.phonetic),
        ("canon", v.canonical), ("phone", v.phone), ("email", v.email),
        ("postcode", v.postcode), ("address", v.address), ("locality", v.locality),
    ]:  # fmt: skip
        ids = getattr(table, name).ravel().tolist()
        decoded[name] = [vocab.strings[i] if i >= 0 else None for i in ids]
    for name in ("year", "month", "day", "estimated", "sex"):
        decoded[name] = getattr(table, name).tolist()
    sin = table.identifier_column("ca_sin").tolist()
    decoded["ca_sin"] = [v.identifier.strings[i] if i >= 0 else None for i in sin]
    return decoded


@settings(max_examples=40, deadline=None)
@given(st.lists(row, min_size=1, max_size=25))
def test_columns_encode_exactly_as_records_do(rows):
    ids = [f"r{i}" for i in range(len(rows))]
    records = [
        PersonRecord.build(
            i, **{k: v for k, v in r.items() if k not in {"other_names", "ca_sin"}},
            other_names=r["other_names"].split(";"), identifiers={"ca_sin": r["ca_sin"]},
        )
        for i, r in zip(ids, rows, strict=True)
    ]  # fmt: skip
    columns = {k: [r[k] for r in rows] for k in rows[0] if k != "ca_sin"}
    from_columns = RecordTable.from_columns(
        ids, columns, identifiers={"ca_sin": [r["ca_sin"] for r in rows]}
    )
    assert _strings(from_columns) == _strings(RecordTable.build(records))
    assert from_columns.record_ids == ids


def test_an_unreadable_birth_date_names_the_record():
    with pytest.raises(DateParseError, match="record 'b'.*31/02/1985|record 'b'"):
        RecordTable.from_columns(["a", "b"], {"birth_date": ["1985", "31.02.1985x"]})


@pytest.fixture(scope="module")
def sample_table():
    records, _ = people_with_duplicates(n_people=300, n_duplicates=60)
    return RecordTable.build(records)


@settings(max_examples=15, deadline=None)
@given(chunk=st.integers(1, 5000), workers=st.sampled_from([1, 2]))
def test_chunked_and_threaded_comparison_gives_the_same_patterns(sample_table, chunk, workers):
    left, right = candidate_pairs(sample_table)
    whole = compare_codes(sample_table, sample_table, left, right, chunk=len(left) + 1)
    set_workers(workers)
    try:
        chunked = compare_codes(sample_table, sample_table, left, right, chunk=chunk)
    finally:
        set_workers(1)
    assert np.array_equal(whole, chunked)
    assert len(FIELDS) * 3 + 1 <= 31  # pattern codes still fit an int32


def _table(families: list[str]) -> RecordTable:
    return RecordTable.build(
        [PersonRecord.build(f"r{i}", given_names=f"G{i}", family_names=f) for i, f in
         enumerate(families)]
    )  # fmt: skip


def test_the_budget_takes_the_smallest_blocks_first():
    # blocks by family name: 2 x "Zed" (1 pair), 4 x "Kovac" (6 pairs), 8 x "Smith" (28);
    # the budget counts a block once per kind of key that forms it
    table = _table(["Zed"] * 2 + ["Kovac"] * 4 + ["Smith"] * 8)
    names = table.vocab.names.strings

    def families(budget: float) -> set[str]:
        left, right = candidate_pairs(table, pairs_per_record=budget / len(table))
        if budget <= 40:  # beyond, the broad given-name key pairs across families too
            assert (table.family_full[left] == table.family_full[right]).all()
        return {names[i] for i in table.family_full[left].tolist()}

    assert families(0.5) == set()
    assert families(5) == {"zed"}
    assert families(40) == {"zed", "kovac"}
    assert families(10_000) == {"zed", "kovac", "smith"}
    left, right = candidate_pairs(table, pairs_per_record=10_000)
    assert (table.family_full[left] == table.family_full[right]).sum() == 1 + 6 + 28


def test_a_block_over_the_cap_is_never_paired():
    table = _table(["Smith"] * 9 + ["Zed"] * 2)
    left, _ = candidate_pairs(table, max_block=8, pairs_per_record=100)
    assert len(left) == 1


def test_pairs_are_distinct_and_ordered():
    table = _table(["Zed"] * 5)
    left, right = candidate_pairs(table, pairs_per_record=100)
    assert (left < right).all()
    assert len(set(zip(left.tolist(), right.tolist(), strict=True))) == len(left) == 10
    assert sorted_unique(np.array([3, 1, 3, 2, 1], np.int64)).tolist() == [1, 2, 3]

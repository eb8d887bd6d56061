import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from caseweave.people.matching import PersonRecord, blocking_keys
from caseweave.people.matching.candidates import candidate_pairs
from caseweave.people.matching.resolve import clusters
from caseweave.people.matching.table import RecordTable
from caseweave.people.matching.tests.factories import people_with_duplicates


def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    return [find(x) for x in range(n)]


@given(st.integers(1, 40).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1),
                                                       st.integers(0, n - 1)), max_size=60))
))  # fmt: skip
def test_clusters_are_the_connected_components(case):
    n, edges = case
    left = np.array([a for a, _ in edges], np.int32)
    right = np.array([b for _, b in edges], np.int32)
    labels = clusters(n, left, right).tolist()
    reference = _components(n, edges)
    for x in range(n):
        for y in range(n):
            assert (labels[x] == labels[y]) == (reference[x] == reference[y])
        assert labels[x] == min(z for z in range(n) if reference[z] == reference[x])


def test_candidate_pairs_include_every_pair_sharing_an_indexable_key():
    records, _ = people_with_duplicates(150, 30, seed=3)
    table = RecordTable.build(records)
    left, right = candidate_pairs(table, max_block=10_000)
    found = set(zip(left.tolist(), right.tolist(), strict=True))
    keys = [blocking_keys(r) for r in records]
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if keys[i] & keys[j]:
                assert (i, j) in found, (records[i], records[j], keys[i] & keys[j])


def test_dedupe_pairs_are_distinct_and_ordered_and_link_pairs_cross_the_tables():
    records, _ = people_with_duplicates(100, 20, seed=5)
    table = RecordTable.build(records)
    left, right = candidate_pairs(table)
    assert (left < right).all()
    assert len(set(zip(left.tolist(), right.tolist(), strict=True))) == len(left)
    a = RecordTable.build(records[:60])
    b = RecordTable.build(records[60:], vocab=a.vocab)
    left, right = candidate_pairs(a, b)
    assert left.max() < 60
    assert right.max() < len(records) - 60


def test_an_oversized_block_is_skipped():
    same = [PersonRecord.build(i, given_names="John", family_names="Smith") for i in range(30)]
    table = RecordTable.build(same)
    left, _ = candidate_pairs(table, max_block=10)
    assert len(left) == 0
    left, _ = candidate_pairs(table, max_block=50)
    assert len(left) == 30 * 29 // 2

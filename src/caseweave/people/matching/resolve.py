"""find_duplicates and link: blocking, scoring and clustering for whole sets of records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.candidates import DEFAULT_MAX_BLOCK, candidate_pairs
from caseweave.people.matching.model import MatchModel, ScoredPairs, compare_codes
from caseweave.people.matching.nicknames import NicknameTable
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.table import IntArray, RecordTable

__all__ = ["Resolution", "clusters", "find_duplicates", "link"]


@dataclass
class Resolution:
    """Pairs at or above the threshold; ``cluster[i]`` labels the left table's rows
    (records linked through any chain of pairs share a label; dedupe only)."""

    left: RecordTable
    right: RecordTable
    pairs: ScoredPairs
    model: MatchModel
    candidates: int  # pairs compared
    cluster: IntArray | None = None

    def id_pairs(self) -> list[tuple[str, str, float]]:
        lids, rids = self.left.record_ids, self.right.record_ids
        return [
            (lids[i], rids[j], float(p))
            for i, j, p in zip(
                self.pairs.left.tolist(), self.pairs.right.tolist(),
                self.pairs.probability.tolist(), strict=True,
            )
        ]  # fmt: skip


def find_duplicates(
    records: Sequence[PersonRecord] | RecordTable,
    *,
    model: MatchModel | None = None,
    threshold: float | None = None,
    nicknames: NicknameTable | None = None,
    max_block: int = DEFAULT_MAX_BLOCK,
    tf_from_data: bool = True,
) -> Resolution:
    """Duplicate pairs within ``records``, and clusters of the same person.

    Without ``model``, one is fitted on the records themselves (EM needs no labels).
    ``tf_from_data=False`` weighs names by the model's stored frequencies instead of the
    records' own (for a handful of records, whose own frequencies say nothing).
    """
    table = records if isinstance(records, RecordTable) else RecordTable.build(records, nicknames)
    if model is None:
        model, (left, right, codes) = MatchModel.fit_tables(
            table, nicknames=nicknames, max_block=max_block
        )
    else:
        left, right = candidate_pairs(table, max_block=max_block)
        codes = compare_codes(table, table, left, right)
    scored = model.score_pairs(table, table, left, right, codes, tf_from_data=tf_from_data)
    cut = model.match_threshold if threshold is None else threshold
    kept = scored.select(scored.probability >= cut)
    return Resolution(
        table, table, kept, model, len(left), clusters(len(table), kept.left, kept.right)
    )


def link(
    left_records: Sequence[PersonRecord] | RecordTable,
    right_records: Sequence[PersonRecord] | RecordTable,
    *,
    model: MatchModel | None = None,
    threshold: float | None = None,
    nicknames: NicknameTable | None = None,
    max_block: int = DEFAULT_MAX_BLOCK,
    tf_from_data: bool | None = None,
) -> Resolution:
    """Likely matches between two sets (a file against the registry, two agencies' lists)."""
    a = (
        left_records
        if isinstance(left_records, RecordTable)
        else RecordTable.build(left_records, nicknames)
    )
    b = (
        right_records
        if isinstance(right_records, RecordTable)
        else RecordTable.build(right_records, nicknames, vocab=a.vocab)
    )
    if b.vocab is not a.vocab:
        raise ValueError("link: the right table must be built with the left table's vocab")
    fitted_here = model is None
    if model is None:
        model, (left, right, codes) = MatchModel.fit_tables(
            a, b, nicknames=nicknames, max_block=max_block
        )
    else:
        left, right = candidate_pairs(a, b, max_block=max_block)
        codes = compare_codes(a, b, left, right)
    use_data = fitted_here if tf_from_data is None else tf_from_data
    scored = model.score_pairs(a, b, left, right, codes, tf_from_data=use_data)
    cut = model.match_threshold if threshold is None else threshold
    return Resolution(a, b, scored.select(scored.probability >= cut), model, len(left))


def clusters(n: int, left: IntArray, right: IntArray) -> IntArray:
    """Connected components: label each of ``n`` rows with the smallest row in its component."""
    label = np.arange(n, dtype=np.int32)
    if len(left) == 0:
        return label
    x, y = left.astype(np.int64), right.astype(np.int64)
    while True:
        # hook each edge's larger label onto the smaller, then compress paths
        lx, ly = label[x], label[y]
        low = np.minimum(lx, ly)
        np.minimum.at(label, lx, low)
        np.minimum.at(label, ly, low)
        while True:
            parent = label[label]
            if np.array_equal(parent, label):
                break
            label = parent
        if np.array_equal(label[x], label[y]):
            return label


def pair_probabilities(resolution: Resolution) -> npt.NDArray[np.float64]:
    return resolution.pairs.probability

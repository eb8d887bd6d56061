"""Candidate pairs from blocking keys, as arrays, for whole tables (dedupe and link).

The same keys as :func:`caseweave.people.matching.blocking.blocking_keys`, packed into
int64 so a million records block in a few numpy sorts instead of Python loops.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.table import IntArray, RecordTable, Vocabulary

__all__ = ["DEFAULT_MAX_BLOCK", "candidate_pairs"]

Int64Array = npt.NDArray[np.int64]
# A block bigger than this (a very common name in a popular birth year) is skipped: its pairs
# are mostly non-matches, and the record's other keys still find its true duplicates.
DEFAULT_MAX_BLOCK = 400
DEFAULT_PAIRS_PER_RECORD = 25.0
_SHIFT = np.int64(28)
_MASK = np.int64((1 << 28) - 1)
(_NY, _NN, _CY, _DG, _PF, _PH, _EM, _ID, _DF, _PG, _DP, _AH, _LF, _LG, _LH, _PX) = (
    np.int64(k) for k in range(1, 17)
)
# Broad keys: one value on its own. Their blocks are small only in small files, and
# ``max_block`` drops the big ones, so they add recall where it is cheap.
(_DATE, _G1, _F1, _PC) = (np.int64(k) for k in range(17, 21))
# Key kinds for the training sessions: pairs sharing a full birth date (to learn the name
# fields), and pairs sharing phonetic given and family names (to learn the birth date).
TRAINING_DATE = int(_DATE)
TRAINING_NAMES = int(_NN)
_NUMBERED_WORD = re.compile(r"\S*\d\S*")
_NON_DIGIT = re.compile(r"\D")


def _pack(kind: np.int64, x: IntArray | Int64Array, y: IntArray | Int64Array) -> Int64Array:
    return (
        (kind << np.int64(56))
        | ((x.astype(np.int64) & _MASK) << _SHIFT)
        | (y.astype(np.int64) & _MASK)
    )


def record_keys(
    table: RecordTable, kinds: frozenset[int] | None = None
) -> tuple[Int64Array, IntArray]:
    """(keys, rows): every blocking key of every record, flattened. With ``kinds``, only
    keys of those kinds; the birth-date-only kind (for training) is made only when asked."""
    n = len(table)
    rows_all = np.arange(n, dtype=np.int32)
    keys: list[Int64Array] = []
    rows: list[IntArray] = []
    wanted = kinds if kinds is not None else frozenset(range(1, 21))

    def add(kind: np.int64, mask: npt.NDArray[np.bool_], x: Any, y: Any) -> None:
        if int(kind) in wanted:
            keys.append(_pack(kind, np.asarray(x)[mask], np.asarray(y)[mask]))
            rows.append(rows_all[mask])

    year = table.year.astype(np.int64)
    dated = (year > 0) & ~table.estimated
    phon = np.concatenate([table.given_phon, table.family_phon], axis=1)
    for col in range(phon.shape[1]):
        add(_NY, dated & (phon[:, col] >= 0), phon[:, col], year)
    zeros = np.zeros(n, np.int64)
    for col in range(table.given_phon.shape[1]):
        add(_G1, table.given_phon[:, col] >= 0, table.given_phon[:, col], zeros)
    for col in range(table.family_phon.shape[1]):
        add(_F1, table.family_phon[:, col] >= 0, table.family_phon[:, col], zeros)
    add(_PC, table.postcode >= 0, table.postcode, zeros)
    for g in range(table.given_phon.shape[1]):
        for f in range(table.family_phon.shape[1]):
            pg, pf = table.given_phon[:, g], table.family_phon[:, f]
            add(_NN, (pg >= 0) & (pf >= 0), np.minimum(pg, pf), np.maximum(pg, pf))
    for col in range(table.canon.shape[1]):
        add(_CY, dated & (table.canon[:, col] >= 0), table.canon[:, col], year)
    complete = dated & (table.day > 0)
    date_code = year * 10000 + table.month.astype(np.int64) * 100 + table.day
    initials = _initials(table)
    for g in range(table.given_tok.shape[1]):
        tok = table.given_tok[:, g]
        add(_DG, complete & (tok >= 0), date_code, initials[np.maximum(tok, 0)])
    first_family_tok = table.family_tok[:, 0]
    add(
        _DF,
        complete & (first_family_tok >= 0),
        date_code,
        initials[np.maximum(first_family_tok, 0)],
    )
    add(_DATE, complete, date_code, np.zeros(n, np.int64))
    has_postcode = table.postcode >= 0
    add(_DP, complete & has_postcode, date_code, table.postcode)
    first_family = table.family_phon[:, 0]
    add(_PF, has_postcode & (first_family >= 0), table.postcode, first_family)
    first_given = table.given_phon[:, 0]
    add(_PG, has_postcode & (first_given >= 0), table.postcode, first_given)
    house = house_numbers(table)[np.maximum(table.address, 0)]
    add(_AH, has_postcode & (table.address >= 0) & (house > 0), table.postcode, house)
    has_locality = table.locality >= 0
    add(_LF, has_locality & (first_family >= 0), table.locality, first_family)
    add(_LG, has_locality & (first_given >= 0), table.locality, first_given)
    add(_LH, has_locality & (table.address >= 0) & (house > 0), table.locality, house)
    prefixes = _prefixes(table)
    for g in range(table.given_tok.shape[1]):
        gp = prefixes[np.maximum(table.given_tok[:, g], 0)]
        for f in range(table.family_tok.shape[1]):
            fp = prefixes[np.maximum(table.family_tok[:, f], 0)]
            both = (table.given_tok[:, g] >= 0) & (table.family_tok[:, f] >= 0)
            add(_PX, both, np.minimum(gp, fp), np.maximum(gp, fp))
    add(_PH, table.phone >= 0, table.phone, zeros)
    add(_EM, table.email >= 0, table.email, zeros)
    for column in table.identifiers.values():
        add(_ID, column >= 0, column, zeros)
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    return np.concatenate(keys), np.concatenate(rows)


def house_numbers(table: RecordTable) -> Int64Array:
    """The first number in each address of the vocabulary (0 if none): "12b main st" -> 12."""
    return _per_string(table.vocab.address, house_number)


def house_number(address: str) -> int:
    for word in _NUMBERED_WORD.findall(address):
        digits = _NON_DIGIT.sub("", word)
        if len(digits) <= 6:
            return int(digits)
    return 0


def _prefixes(table: RecordTable) -> Int64Array:
    """The first three letters of each name in the vocabulary, packed into an integer."""
    return _per_string(
        table.vocab.names, lambda s: int.from_bytes(s[:3].encode("ascii", "replace"), "big")
    )


def _initials(table: RecordTable) -> Int64Array:
    return _per_string(table.vocab.names, lambda s: ord(s[0]))


# Derived integers per vocabulary string, kept while the vocabulary lives and extended as it
# grows, so the three blocking passes of a fit (and every later call) compute them once.
_DERIVED: weakref.WeakKeyDictionary[Vocabulary, dict[Any, Int64Array]] = weakref.WeakKeyDictionary()


def _per_string(vocab: Vocabulary, value_of: Callable[[str], int]) -> Int64Array:
    cache = _DERIVED.setdefault(vocab, {})
    known = cache.get(value_of.__code__, np.zeros(0, np.int64))
    strings = vocab.strings
    if len(known) < len(strings):
        tail = np.fromiter(
            (value_of(s) for s in strings[len(known) :]), np.int64, len(strings) - len(known)
        )
        known = cache[value_of.__code__] = np.concatenate([known, tail])
    return known if len(known) else np.zeros(1, np.int64)


def candidate_pairs(
    a: RecordTable,
    b: RecordTable | None = None,
    *,
    max_block: int = DEFAULT_MAX_BLOCK,
    kinds: frozenset[int] | None = None,
    pairs_per_record: float = DEFAULT_PAIRS_PER_RECORD,
) -> tuple[IntArray, IntArray]:
    """Distinct (left, right) row pairs sharing a blocking key.

    With one table: pairs within it, left < right. With two (sharing a vocabulary): pairs
    across them, left indexing ``a`` and right ``b``.

    Blocks are taken smallest first (the most specific evidence) until they would generate
    more than ``pairs_per_record`` pairs per record in all; bigger blocks, and any block over
    ``max_block`` records, are skipped. A small file is thus compared broadly (every pair
    sharing a surname, say) and a million-record registry only on its specific keys, with
    work growing linearly in the number of records.
    """
    if b is None:
        keys, rows = record_keys(a, kinds)
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        starts, sizes = _groups(keys)
        keep = (sizes >= 2) & (sizes <= max_block)
        keep &= _within_budget(sizes * (sizes - 1) // 2, keep, pairs_per_record * len(a))
        left, right = _pairs_within(rows, starts[keep], sizes[keep])
        width = np.int64(len(a))
    else:
        ka, ra = record_keys(a, kinds)
        kb, rb = record_keys(b, kinds)
        keys = np.concatenate([ka, kb])
        side = np.concatenate([np.zeros(len(ka), np.int8), np.ones(len(kb), np.int8)])
        rows = np.concatenate([ra, rb])
        order = np.lexsort((side, keys))
        keys, side, rows = keys[order], side[order], rows[order]
        starts, sizes = _groups(keys)
        n_left = np.add.reduceat(1 - side.astype(np.int64), starts) if len(starts) else starts
        n_right = sizes - n_left
        keep = (n_left > 0) & (n_right > 0) & (sizes <= max_block)
        budget = pairs_per_record * max(len(a), len(b))
        keep &= _within_budget(n_left * n_right, keep, budget)
        left, right = _pairs_across(rows, starts[keep], n_left[keep], n_right[keep])
        width = np.int64(len(b))
    if len(left) == 0:
        return left, right
    code = sorted_unique(left.astype(np.int64) * width + right)
    return (code // width).astype(np.int32), (code % width).astype(np.int32)


def sorted_unique(values: Int64Array) -> Int64Array:
    """Distinct values, sorted (sorts ``values`` in place; faster than np.unique's hashing
    on tens of millions of pair codes)."""
    if len(values) == 0:
        return values
    values.sort()
    first = np.empty(len(values), np.bool_)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _within_budget(
    pairs: Int64Array, eligible: npt.NDArray[np.bool_], budget: float
) -> npt.NDArray[np.bool_]:
    """Mark the eligible blocks that fit the pair budget, taking the smallest first."""
    order = np.argsort(np.where(eligible, pairs, np.iinfo(np.int64).max), kind="stable")
    spent = np.cumsum(np.where(eligible, pairs, 0)[order])
    ok = np.zeros(len(pairs), np.bool_)
    ok[order[spent <= budget]] = True
    return ok & eligible


def _groups(keys: Int64Array) -> tuple[Int64Array, Int64Array]:
    if len(keys) == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty
    boundary = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], boundary]).astype(np.int64)
    sizes = np.diff(np.concatenate([starts, [len(keys)]])).astype(np.int64)
    return starts, sizes


def _pairs_within(
    rows: IntArray, starts: Int64Array, sizes: Int64Array
) -> tuple[IntArray, IntArray]:
    """All p<q position pairs inside each group, mapped to rows (then ordered left<right)."""
    # each position p in a group pairs with the (end - p - 1) positions after it
    ends = starts + sizes
    positions = _ranges(starts, sizes)
    group_end = np.repeat(ends, sizes)
    partners = group_end - positions - 1
    first = np.repeat(positions, partners)
    second = first + _ranges(np.ones(len(partners), np.int64), partners)
    x, y = rows[first], rows[second]
    keep = x != y
    x, y = x[keep], y[keep]
    return np.minimum(x, y), np.maximum(x, y)


def _pairs_across(
    rows: IntArray, starts: Int64Array, n_left: Int64Array, n_right: Int64Array
) -> tuple[IntArray, IntArray]:
    left_positions = _ranges(starts, n_left)
    partners = np.repeat(n_right, n_left)
    right_start = np.repeat(starts + n_left, n_left)
    first = np.repeat(left_positions, partners)
    second = np.repeat(right_start, partners) + _ranges(np.zeros(len(partners), np.int64), partners)
    return rows[first], rows[second]


def _ranges(starts: Int64Array, lengths: Int64Array) -> Int64Array:
    """Concatenation of arange(s, s + l) for each (s, l), without a Python loop."""
    lengths = lengths.astype(np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts.astype(np.int64), lengths) + (
        np.arange(total, dtype=np.int64) - offsets
    )

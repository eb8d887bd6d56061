"""Comparison levels: how two records agree, field by field, for arrays of record pairs.

Each field compares to a small integer level (0 = strongest agreement), or -1 when either
record lacks the value; -1 carries no weight in the model. Levels are defined once, here,
with the codes and sentences the per-field reasons are made of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler

from caseweave.people.matching.table import IntArray, RecordTable, Vocabulary

__all__ = ["FIELDS", "Comparison", "FieldSpec", "compare"]

Levels = npt.NDArray[np.int8]
_WORKERS = 1  # set by callers that may use more cores (rapidfuzz releases the GIL)


@dataclass(frozen=True)
class FieldSpec:
    """A compared field: its levels as (code, reason sentence), strongest first."""

    name: str
    label: str
    levels: tuple[tuple[str, str], ...]
    tf_level: int | None = None  # level whose weight is adjusted for the value's frequency

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.levels)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("given_name", "Given name", (
        ("exact", "Given names are the same"),
        ("token", "One given name is the same"),
        ("nickname", "Given names are nickname variants of each other"),
        ("similar", "Given names are spelled similarly"),
        ("near", "Given names are somewhat alike"),
        ("different", "Given names differ"),
    ), tf_level=0),
    FieldSpec("family_name", "Family name", (
        ("exact", "Family names are the same"),
        ("token", "One family name or alias is the same (hyphenated or partial name)"),
        ("similar", "Family names are spelled similarly"),
        ("near", "Family names are somewhat alike"),
        ("different", "Family names differ"),
    ), tf_level=0),
    FieldSpec("birth_date", "Birth date", (
        ("exact", "Birth date is the same"),
        ("partial", "Birth dates agree as far as both are known"),
        ("swapped", "Birth dates differ by a swapped day and month"),
        ("typo", "Birth dates differ by one digit"),
        ("same_year", "Birth year is the same, the day differs"),
        ("different", "Birth dates differ"),
    )),
    FieldSpec("sex", "Sex", (("same", "Same sex"), ("different", "Sex differs"))),
    FieldSpec("phone", "Phone", (("same", "Same phone number"), ("different", "Phone differs"))),
    FieldSpec("email", "E-mail", (
        ("same", "Same e-mail address"), ("different", "E-mail differs"),
    )),
    # One comparison for address and postcode: a household move changes both at once, and
    # the same address implies the same postcode, so they are not independent evidence.
    # The town stays a comparison of its own (measured: docs/performance.md).
    FieldSpec("location", "Address", (
        ("same_address", "Same address and postcode"),
        ("address_only", "Same address"),
        ("similar_address", "Similar address in the same area"),
        ("partly_similar", "Same postcode, addresses share some words"),
        ("same_postcode", "Same postcode, different address"),
        ("postcode_typo", "Postcodes differ by one character, different address"),
        ("different", "Address and postcode differ"),
    )),
    FieldSpec("locality", "Town", (
        ("same", "Same town or suburb"),
        ("similar", "Town or suburb spelled similarly"),
        ("different", "Town or suburb differs"),
    ), tf_level=0),
    FieldSpec("identifier", "Identifier", (
        ("same", "Same identifier"),
        ("typo", "Identifiers differ by one character"),
        ("different", "Identifiers differ"),
    )),
)  # fmt: skip
FIELD_INDEX = {spec.name: i for i, spec in enumerate(FIELDS)}


@dataclass
class Comparison:
    """Levels for ``len(left)`` pairs: ``levels[:, f]`` is field ``FIELDS[f]``."""

    left: IntArray
    right: IntArray
    levels: Levels  # (pairs, fields) int8, -1 = missing
    swapped: npt.NDArray[np.bool_]  # names matched across given/family order


def compare(a: RecordTable, b: RecordTable, left: IntArray, right: IntArray) -> Comparison:
    """Compare records ``a[left[k]]`` with ``b[right[k]]`` for every k. Tables share a vocab."""
    left = np.asarray(left, np.int32)
    right = np.asarray(right, np.int32)
    n = len(left)
    levels = np.full((n, len(FIELDS)), -1, np.int8)
    names = a.vocab.names
    ga, gb = a.given_full[left], b.given_full[right]
    fa, fb = a.family_full[left], b.family_full[right]
    given = _given_levels(a, b, left, right, ga, gb, names)
    family = _family_levels(a, b, left, right, fa, fb, names)
    swapped = np.zeros(n, np.bool_)
    poor = (given >= 4) & (family >= 3) & (ga >= 0) & (gb >= 0) & (fa >= 0) & (fb >= 0)
    if poor.any():
        idx = np.flatnonzero(poor)
        cross_g = _string_levels(ga[idx], fb[idx], names, (0.92, 0.8), exact_level=0, offset=3)
        cross_f = _string_levels(fa[idx], gb[idx], names, (0.92, 0.8), exact_level=0, offset=2)
        better = (cross_g <= 3) & (cross_f <= 2)
        given[idx[better]] = cross_g[better]
        family[idx[better]] = cross_f[better]
        swapped[idx[better]] = True
    levels[:, FIELD_INDEX["given_name"]] = given
    levels[:, FIELD_INDEX["family_name"]] = family
    levels[:, FIELD_INDEX["birth_date"]] = _date_levels(a, b, left, right)
    levels[:, FIELD_INDEX["sex"]] = _equal_levels(a.sex[left], b.sex[right])
    levels[:, FIELD_INDEX["phone"]] = _equal_levels(a.phone[left], b.phone[right])
    levels[:, FIELD_INDEX["email"]] = _equal_levels(a.email[left], b.email[right])
    levels[:, FIELD_INDEX["location"]] = _location_levels(a, b, left, right)
    levels[:, FIELD_INDEX["locality"]] = _string_levels(
        a.locality[left], b.locality[right], a.vocab.locality, (0.88,), exact_level=0, offset=1
    )
    levels[:, FIELD_INDEX["identifier"]] = _identifier_levels(a, b, left, right)
    return Comparison(left, right, levels, swapped)


def similarity(
    vocab: Vocabulary,
    x: IntArray,
    y: IntArray,
    scorer: Callable[..., Any] = JaroWinkler.normalized_similarity,
    scale: float = 1.0,
) -> npt.NDArray[np.float32]:
    """``scorer(x[k], y[k]) / scale`` for vocabulary strings; 0 where either is missing.

    Computed once per distinct (x, y) pair: names repeat, so this is far fewer calls.
    """
    out = np.zeros(len(x), np.float32)
    ok = (x >= 0) & (y >= 0)
    if not ok.any():
        return out
    width = np.int64(max(len(vocab), 1))
    keys = x[ok].astype(np.int64) * width + y[ok]
    unique, inverse = np.unique(keys, return_inverse=True)
    strings = vocab.strings
    xs = [strings[i] for i in (unique // width).tolist()]
    ys = [strings[i] for i in (unique % width).tolist()]
    values = process.cpdist(xs, ys, scorer=scorer, workers=_WORKERS) / scale
    out[ok] = np.asarray(values, np.float32)[inverse.reshape(-1)]
    return out


def _string_levels(
    x: IntArray,
    y: IntArray,
    vocab: Vocabulary,
    thresholds: tuple[float, ...],
    *,
    exact_level: int,
    offset: int,
) -> Levels:
    """exact -> exact_level; similarity >= thresholds[i] -> offset + i; else the last level."""
    out = np.full(len(x), offset + len(thresholds), np.int8)
    sim = similarity(vocab, x, y)
    for i, threshold in reversed(list(enumerate(thresholds))):
        out[sim >= threshold] = offset + i
    out[(x == y)] = exact_level
    out[(x < 0) | (y < 0)] = -1
    return out


def _any_equal(x: IntArray, y: IntArray) -> npt.NDArray[np.bool_]:
    """Row-wise: does any non-missing value of x[k, :] appear in y[k, :]?"""
    hit = np.zeros(len(x), np.bool_)
    for i in range(x.shape[1]):
        for j in range(y.shape[1]):
            hit |= (x[:, i] == y[:, j]) & (x[:, i] >= 0)
    return hit


def _given_levels(
    a: RecordTable,
    b: RecordTable,
    left: IntArray,
    right: IntArray,
    ga: IntArray,
    gb: IntArray,
    names: Vocabulary,
) -> Levels:
    out = _string_levels(ga, gb, names, (0.92, 0.8), exact_level=0, offset=3)
    pending = out >= 3
    nickname = pending & _any_equal(a.canon[left], b.canon[right])
    out[nickname] = 2
    token = pending & _any_equal(a.given_tok[left], b.given_tok[right])
    out[token] = 1
    return out


def _family_levels(
    a: RecordTable,
    b: RecordTable,
    left: IntArray,
    right: IntArray,
    fa: IntArray,
    fb: IntArray,
    names: Vocabulary,
) -> Levels:
    out = _string_levels(fa, fb, names, (0.92, 0.8), exact_level=0, offset=2)
    token = (out >= 2) & _any_equal(a.family_tok[left], b.family_tok[right])
    out[token] = 1
    return out


def _equal_levels(x: npt.NDArray[Any], y: npt.NDArray[Any]) -> Levels:
    out = np.where(x == y, 0, 1).astype(np.int8)
    out[(x < 0) | (y < 0)] = -1
    return out


def _typo_levels(x: IntArray, y: IntArray, vocab: Vocabulary) -> Levels:
    """0 same, 1 one edit or adjacent transposition apart, 2 different, -1 missing."""
    distance = similarity(vocab, x, y, OSA.distance)
    out = np.where(x == y, 0, np.where(distance <= 1, 1, 2)).astype(np.int8)
    out[(x < 0) | (y < 0)] = -1
    return out


# Levels of the location comparison (see FIELDS).
SAME_ADDRESS, ADDRESS_ONLY, SIMILAR_ADDRESS, PARTLY_SIMILAR, SAME_POSTCODE, POSTCODE_TYPO = range(6)
ELSEWHERE = 6


def _location_levels(a: RecordTable, b: RecordTable, left: IntArray, right: IntArray) -> Levels:
    """Where two records live, as one comparison of address and postcode.

    Each part is compared only when both records have it; a part that one record lacks
    neither supports nor contradicts. A pair where neither can be compared is missing (-1).
    """
    xa, ya = a.address[left], b.address[right]
    xp, yp = a.postcode[left], b.postcode[right]
    has_address, has_postcode = (xa >= 0) & (ya >= 0), (xp >= 0) & (yp >= 0)
    address = similarity(a.vocab.address, xa, ya, fuzz.token_sort_ratio, 100.0)
    address[has_address & (xa == ya)] = 1.0
    postcode_edits = similarity(a.vocab.postcode, xp, yp, OSA.distance)
    same_postcode = has_postcode & (xp == yp)
    postcode_near = has_postcode & (postcode_edits <= 1)  # one typo, or the same
    postcode_differs = has_postcode & ~postcode_near
    close = has_address & (address >= 0.8)
    exact = has_address & (address >= 0.95)
    out = np.full(len(left), ELSEWHERE, np.int8)
    out[postcode_near] = POSTCODE_TYPO
    out[same_postcode] = SAME_POSTCODE
    out[same_postcode & (address >= 0.6)] = PARTLY_SIMILAR
    out[(close & ~postcode_differs) | exact] = SIMILAR_ADDRESS
    out[exact & ~postcode_differs] = ADDRESS_ONLY
    out[exact & same_postcode] = SAME_ADDRESS
    out[~(has_address | has_postcode)] = -1
    return out


def _identifier_levels(a: RecordTable, b: RecordTable, left: IntArray, right: IntArray) -> Levels:
    out = np.full(len(left), -1, np.int8)
    for code in sorted(set(a.identifiers) & set(b.identifiers)):
        x, y = a.identifiers[code][left], b.identifiers[code][right]
        both = (x >= 0) & (y >= 0)
        if not both.any():
            continue
        level = _typo_levels(x, y, a.vocab.identifier)
        # the strongest agreement over identifier types wins; a "same" is never overridden
        current = np.where(out < 0, 99, out)
        out = np.where(both, np.minimum(current, level), out).astype(np.int8)
    return out


def _date_levels(a: RecordTable, b: RecordTable, left: IntArray, right: IntArray) -> Levels:
    ya, yb = a.year[left].astype(np.int32), b.year[right].astype(np.int32)
    ma, mb = a.month[left].astype(np.int32), b.month[right].astype(np.int32)
    da, db = a.day[left].astype(np.int32), b.day[right].astype(np.int32)
    est = a.estimated[left] | b.estimated[right]
    out = np.full(len(left), 5, np.int8)
    complete = (da > 0) & (db > 0) & ~est
    partial = ~complete & ~est
    same_year = ya == yb
    # complete dates
    digits_a = ya * 10000 + ma * 100 + da
    digits_b = yb * 10000 + mb * 100 + db
    one_off = _one_digit_off(digits_a, digits_b, 8)
    year_off = _one_digit_off(ya, yb, 4)
    out[complete & same_year] = 4
    out[complete & one_off] = 3
    out[complete & same_year & (da == mb) & (ma == db)] = 2
    out[complete & (digits_a == digits_b)] = 0
    # partial dates: agree as far as both are known
    out[partial & year_off] = 3
    out[partial & same_year] = 4
    out[partial & same_year & ((ma == 0) | (mb == 0) | (ma == mb))] = 1
    # estimated years
    out[est & (np.abs(ya - yb) <= 2)] = 4
    out[(ya == 0) | (yb == 0)] = -1
    return out


def _one_digit_off(x: npt.NDArray[np.int32], y: npt.NDArray[np.int32], width: int) -> Any:
    """One differing digit, or two adjacent digits transposed, in ``width``-digit numbers."""
    dx = np.stack([(x // 10**k) % 10 for k in range(width)])
    dy = np.stack([(y // 10**k) % 10 for k in range(width)])
    differ = dx != dy
    count = differ.sum(axis=0)
    transposed = np.zeros(len(x), np.bool_)
    for k in range(width - 1):
        transposed |= differ[k] & differ[k + 1] & (dx[k] == dy[k + 1]) & (dx[k + 1] == dy[k])
    return (count == 1) | ((count == 2) & transposed)

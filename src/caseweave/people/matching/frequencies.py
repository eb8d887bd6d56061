"""Term frequencies: how common a name or a town is, so agreeing on a rare one counts more.

Given and family names are adjusted each by their own frequency, as Splink does. That
treats them as independent, and they are not: family names cluster within naming traditions
("Nguyễn" goes with Vietnamese given names), so two strangers share a common full name far
more often than the product of the two frequencies says. Where both names agree exactly,
the full name's own frequency (how many other records carry it) is used when it is the
larger. A model stores full names only when at least ``FULL_NAME_MIN`` records share them,
so a stored model names no one.

Agreeing on one of several given names ("token" level) counts for less when the shared name
is a common part of names: sharing "Thị" (in most Vietnamese women's given names) or "Maria"
says little. Only names at least ``FULL_NAME_MIN`` records carry are adjusted, and only
downwards, for the same reason as full names.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.table import IntArray, RecordTable, Vocabulary

__all__ = [
    "FULL_NAME",
    "FULL_NAME_MIN",
    "TF_COLUMNS",
    "TOKEN_COLUMNS",
    "data_frequencies",
    "token_frequencies",
    "full_name_from_data",
    "full_name_stored",
    "registry_frequencies",
]

TF_COLUMNS = {"given_name": "given_full", "family_name": "family_full", "locality": "locality"}
TOKEN_COLUMNS = {"given_name": "given_tok", "family_name": "family_tok"}
FULL_NAME = "full_name"  # key of the stored full-name frequencies
FULL_NAME_MIN = 20  # records sharing a full name before a model stores its frequency
_KEEP = 50_000  # most frequent values stored with a persisted model
_SEPARATOR = "\t"

Frequencies = npt.NDArray[np.float64]


def vocabulary(table: RecordTable, column: str) -> Vocabulary:
    return table.vocab.locality if column == "locality" else table.vocab.names


def _counts(values: IntArray, size: int) -> Frequencies:
    return np.bincount(values[values >= 0], minlength=size).astype(np.float64)


def data_frequencies(a: RecordTable, b: RecordTable, column: str) -> Frequencies:
    """Share of the records in ``a`` and ``b`` (once if the same) holding each value."""
    size = len(vocabulary(a, column))
    counts = _counts(getattr(a, column), size)
    total = float((getattr(a, column) >= 0).sum())
    if b is not a:
        counts += _counts(getattr(b, column), size)
        total += float((getattr(b, column) >= 0).sum())
    return counts / max(total, 1.0)


def token_frequencies(a: RecordTable, b: RecordTable, column: str) -> Frequencies:
    """Share of the records holding each name as one of their ``column`` tokens."""
    size = len(a.vocab.names)
    tables = (a,) if b is a else (a, b)
    counts = np.zeros(size)
    for table in tables:
        tokens = getattr(table, column)
        for slot in range(tokens.shape[1]):
            # a name written twice in one record counts once
            first = np.all(tokens[:, :slot] != tokens[:, slot : slot + 1], axis=1)
            counts += _counts(np.where(first, tokens[:, slot], -1), size)
    return counts / max(sum(len(t) for t in tables), 1)


def token_key(field: str) -> str:
    return f"{field}.token"


def _full_names(table: RecordTable, width: np.int64) -> npt.NDArray[np.int64]:
    given, family = table.given_full.astype(np.int64), table.family_full.astype(np.int64)
    both = (given >= 0) & (family >= 0)
    return (given * width + family)[both]


def _full_name_counts(
    a: RecordTable, b: RecordTable
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], int, np.int64]:
    width = np.int64(len(a.vocab.names) + 1)
    keys = _full_names(a, width)
    if b is not a:
        keys = np.concatenate([keys, _full_names(b, width)])
    unique, counts = np.unique(keys, return_counts=True)
    return unique, counts, len(a) + (len(b) if b is not a else 0), width


def full_name_from_data(
    a: RecordTable, b: RecordTable, given: IntArray, family: IntArray
) -> Frequencies:
    """Per pair agreeing on (``given``, ``family``): the share of the other records (not the
    two compared) that carry the same full name."""
    unique, counts, total, width = _full_name_counts(a, b)
    if len(unique) == 0:
        return np.zeros(len(given))
    keys = given.astype(np.int64) * width + family
    at = np.clip(np.searchsorted(unique, keys), 0, len(unique) - 1)
    found = np.where(unique[at] == keys, counts[at], 0)
    # only a full name that many records carry: in a small file full of duplicates a rare
    # name's count is the person's own records, not other people
    found = np.where(found >= FULL_NAME_MIN, found - 2, 0)
    share: Frequencies = found / max(total, 1)
    return share


def full_name_stored(
    stored: dict[str, float], names: Vocabulary, given: IntArray, family: IntArray
) -> Frequencies:
    """As :func:`full_name_from_data`, from a model's stored full names (0 when not stored)."""
    if not stored or len(given) == 0:
        return np.zeros(len(given))
    strings = names.strings
    return np.fromiter(
        (
            stored.get(f"{strings[g]}{_SEPARATOR}{strings[f]}", 0.0)
            for g, f in zip(given.tolist(), family.tolist(), strict=True)
        ),
        np.float64,
        len(given),
    )


def registry_frequencies(
    a: RecordTable, b: RecordTable | None
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Frequencies to store with a fitted model: per field its ``_KEEP`` most common values
    and the rarest frequency seen (the default for unseen values), and the full names that
    at least ``FULL_NAME_MIN`` records share."""
    right = b if b is not None else a
    tf: dict[str, dict[str, float]] = {}
    default: dict[str, float] = {}
    for field, column in TF_COLUMNS.items():
        freq = data_frequencies(a, right, column)
        strings = vocabulary(a, column).strings
        top = np.argsort(-freq)[:_KEEP]
        top = top[freq[top] > 0]
        tf[field] = {strings[i]: float(freq[i]) for i in top.tolist()}
        seen = freq[freq > 0]
        default[field] = float(seen.min()) if len(seen) else 1e-6
    for field, column in TOKEN_COLUMNS.items():
        freq = token_frequencies(a, right, column)
        top = np.argsort(-freq)[:_KEEP]
        top = top[freq[top] > 0]
        tf[token_key(field)] = {a.vocab.names.strings[i]: float(freq[i]) for i in top.tolist()}
    unique, counts, total, width = _full_name_counts(a, right)
    common = counts >= FULL_NAME_MIN
    names = a.vocab.names.strings
    tf[FULL_NAME] = {
        f"{names[key // width]}{_SEPARATOR}{names[key % width]}": float(count) / max(total, 1)
        for key, count in zip(unique[common].tolist(), counts[common].tolist(), strict=True)
    }
    return tf, default

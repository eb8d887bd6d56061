"""RecordTable: records encoded as numpy columns, so millions of pairs compare without loops.

Every text value is folded once and replaced by an integer id into a vocabulary; comparisons
then work on id arrays and only compute string similarities for distinct id pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.nicknames import NicknameTable
from caseweave.people.matching.records import PersonRecord

__all__ = [
    "CANON_SLOTS", "FAMILY_SLOTS", "GIVEN_SLOTS", "IntArray", "RecordTable", "Vocabularies",
    "Vocabulary",
]  # fmt: skip

IntArray = npt.NDArray[np.int32]
GIVEN_SLOTS = 2  # given-name tokens kept per record
FAMILY_SLOTS = 3  # family-name tokens (then alias tokens) kept per record
CANON_SLOTS = 4  # canonical given names (nickname groups) kept per record


class Vocabulary:
    """Strings to dense integer ids (and back); one per kind of value."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.strings: list[str] = []

    def id(self, value: str | None) -> int:
        if not value:
            return -1
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.strings)
            self.strings.append(value)
        return found

    def __len__(self) -> int:
        return len(self.strings)


@dataclass
class Vocabularies:
    names: Vocabulary = field(default_factory=Vocabulary)
    phonetic: Vocabulary = field(default_factory=Vocabulary)
    canonical: Vocabulary = field(default_factory=Vocabulary)
    phone: Vocabulary = field(default_factory=Vocabulary)
    email: Vocabulary = field(default_factory=Vocabulary)
    postcode: Vocabulary = field(default_factory=Vocabulary)
    address: Vocabulary = field(default_factory=Vocabulary)
    locality: Vocabulary = field(default_factory=Vocabulary)
    identifier: Vocabulary = field(default_factory=Vocabulary)


@dataclass
class RecordTable:
    """Columns for ``n`` records. Missing values are -1 (ids) or 0 (date parts)."""

    record_ids: list[str]
    given_full: IntArray  # all given tokens joined by a space (names vocabulary)
    family_full: IntArray
    given_tok: IntArray  # (n, GIVEN_SLOTS)
    family_tok: IntArray  # (n, FAMILY_SLOTS)
    given_phon: IntArray
    family_phon: IntArray
    canon: IntArray  # (n, CANON_SLOTS)
    year: npt.NDArray[np.int16]
    month: npt.NDArray[np.int8]
    day: npt.NDArray[np.int8]
    estimated: npt.NDArray[np.bool_]
    sex: npt.NDArray[np.int8]
    phone: IntArray
    email: IntArray
    postcode: IntArray
    address: IntArray
    locality: IntArray
    identifiers: dict[str, IntArray]
    vocab: Vocabularies

    def __len__(self) -> int:
        return len(self.record_ids)

    @classmethod
    def build(
        cls,
        records: Iterable[PersonRecord],
        nicknames: NicknameTable | None = None,
        vocab: Vocabularies | None = None,
    ) -> RecordTable:
        """Encode ``records``. Pass the ``vocab`` of another table to share ids with it
        (needed when pairs across two tables are compared)."""
        from caseweave.people.matching.encode import encode_records

        return encode_records(list(records), nicknames, vocab)

    @classmethod
    def from_columns(
        cls,
        record_ids: Sequence[str],
        columns: Mapping[str, Sequence[str | None]],
        **options: Any,
    ) -> RecordTable:
        """Encode raw columns without building a PersonRecord per row; see
        :func:`caseweave.people.matching.encode.from_columns`."""
        from caseweave.people.matching.encode import from_columns

        return from_columns(record_ids, columns, **options)

    def identifier_column(self, code: str) -> IntArray:
        found = self.identifiers.get(code)
        return found if found is not None else np.full(len(self), -1, np.int32)


def take_strings(vocab: Vocabulary, ids: Sequence[int] | IntArray) -> list[str]:
    strings = vocab.strings
    return [strings[i] for i in np.asarray(ids).tolist()]

"""RecordTable: records encoded as numpy columns, so millions of pairs compare without loops.

Every text value is folded once and replaced by an integer id into a vocabulary; comparisons
then work on id arrays and only compute string similarities for distinct id pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.nicknames import NicknameTable, default_nickname_table
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.text import name_tokens, phonetic

__all__ = ["GIVEN_SLOTS", "FAMILY_SLOTS", "IntArray", "RecordTable", "Vocabulary"]

IntArray = npt.NDArray[np.int32]
GIVEN_SLOTS = 2  # given-name tokens kept per record
FAMILY_SLOTS = 3  # family-name tokens (then alias tokens) kept per record
CANON_SLOTS = 4  # canonical given names (nickname groups) kept per record
_SEX = {"m": 0, "f": 1, "x": 2}


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
class _Vocabularies:
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
    vocab: _Vocabularies

    def __len__(self) -> int:
        return len(self.record_ids)

    @classmethod
    def build(
        cls,
        records: Iterable[PersonRecord],
        nicknames: NicknameTable | None = None,
        vocab: _Vocabularies | None = None,
    ) -> RecordTable:
        """Encode ``records``. Pass the ``vocab`` of another table to share ids with it
        (needed when pairs across two tables are compared)."""
        table = nicknames or default_nickname_table()
        v = vocab or _Vocabularies()
        records = list(records)
        n = len(records)
        tokens_of: dict[str, tuple[str, ...]] = {}
        phon_of: dict[str, int] = {}
        canon_of: dict[str, list[int]] = {}

        def tokens(text: str) -> tuple[str, ...]:
            found = tokens_of.get(text)
            if found is None:
                found = tokens_of[text] = name_tokens(text).tokens
            return found

        def phon(token: str) -> int:
            found = phon_of.get(token)
            if found is None:
                found = phon_of[token] = v.phonetic.id(phonetic(token))
            return found

        def canon(token: str) -> list[int]:
            found = canon_of.get(token)
            if found is None:
                found = canon_of[token] = [
                    v.canonical.id(c) for c in sorted(table.canonicals(token))
                ]
            return found

        given_full = np.full(n, -1, np.int32)
        family_full = np.full(n, -1, np.int32)
        given_tok = np.full((n, GIVEN_SLOTS), -1, np.int32)
        family_tok = np.full((n, FAMILY_SLOTS), -1, np.int32)
        given_phon = np.full((n, GIVEN_SLOTS), -1, np.int32)
        family_phon = np.full((n, FAMILY_SLOTS), -1, np.int32)
        canon_ids = np.full((n, CANON_SLOTS), -1, np.int32)
        year = np.zeros(n, np.int16)
        month = np.zeros(n, np.int8)
        day = np.zeros(n, np.int8)
        estimated = np.zeros(n, np.bool_)
        sex = np.full(n, -1, np.int8)
        phone = np.full(n, -1, np.int32)
        email = np.full(n, -1, np.int32)
        postcode = np.full(n, -1, np.int32)
        address = np.full(n, -1, np.int32)
        locality = np.full(n, -1, np.int32)
        id_lists: dict[str, list[int]] = {}
        names = v.names
        for row, record in enumerate(records):
            given = tokens(record.given_names)
            family = tokens(record.family_names)
            others = [t for name in record.other_names for t in tokens(name)]
            given_full[row] = names.id(" ".join(given))
            family_full[row] = names.id(" ".join(family))
            for slot, token in enumerate(given[:GIVEN_SLOTS]):
                given_tok[row, slot] = names.id(token)
                given_phon[row, slot] = phon(token)
            for slot, token in enumerate([*family, *others][:FAMILY_SLOTS]):
                family_tok[row, slot] = names.id(token)
                family_phon[row, slot] = phon(token)
            canons = [c for token in given for c in canon(token)][:CANON_SLOTS]
            canon_ids[row, : len(canons)] = canons
            date = record.birth_date
            if date is not None:
                year[row] = date.year
                month[row] = date.month or 0
                day[row] = date.day or 0
                estimated[row] = date.estimated
            if record.sex:
                sex[row] = _SEX.get(record.sex, 2)
            phone[row] = v.phone.id(record.phone)
            email[row] = v.email.id(record.email)
            postcode[row] = v.postcode.id(record.postcode)
            address[row] = v.address.id(record.address)
            locality[row] = v.locality.id(record.locality)
            for code, value in record.identifiers.items():
                column = id_lists.get(code)
                if column is None:
                    column = id_lists[code] = [-1] * n
                column[row] = v.identifier.id(f"{code}:{value}")
        return cls(
            record_ids=[r.record_id for r in records],
            given_full=given_full,
            family_full=family_full,
            given_tok=given_tok,
            family_tok=family_tok,
            given_phon=given_phon,
            family_phon=family_phon,
            canon=canon_ids,
            year=year,
            month=month,
            day=day,
            estimated=estimated,
            sex=sex,
            phone=phone,
            email=email,
            postcode=postcode,
            address=address,
            locality=locality,
            identifiers={k: np.asarray(col, np.int32) for k, col in id_lists.items()},
            vocab=v,
        )

    def identifier_column(self, code: str) -> IntArray:
        found = self.identifiers.get(code)
        return found if found is not None else np.full(len(self), -1, np.int32)


def take_strings(vocab: Vocabulary, ids: Sequence[int] | IntArray) -> list[str]:
    strings = vocab.strings
    return [strings[i] for i in np.asarray(ids).tolist()]

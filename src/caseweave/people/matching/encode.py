"""Encoding records into a RecordTable, one distinct value at a time.

Names, towns, birth dates and postcodes repeat: a million-person registry has a few thousand
distinct given names. Each column is reduced to its distinct values first; tokens, phonetic
codes, nickname groups and vocabulary ids are computed once per distinct value and spread
back to the rows with one numpy index. ``from_columns`` does the same for raw file columns,
normalising each distinct value once, so a million rows never become a million objects.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.dates import DateParseError, PartialDate, parse_partial_date
from caseweave.people.matching.identifiers import normalise_identifier
from caseweave.people.matching.nicknames import NicknameTable, default_nickname_table
from caseweave.people.matching.normalise import normalise_email, normalise_postcode
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.matching.records import PersonRecord, normalise_sex
from caseweave.people.matching.table import (
    CANON_SLOTS,
    FAMILY_SLOTS,
    GIVEN_SLOTS,
    IntArray,
    RecordTable,
    Vocabularies,
)
from caseweave.people.matching.text import fold, name_tokens, phonetic

__all__ = ["RawColumns", "encode_records", "from_columns"]

H = TypeVar("H", bound=Hashable)
RawColumns = Mapping[str, Sequence[str | None]]
_SEX = {"m": 0, "f": 1, "x": 2}


def distinct(column: Sequence[H]) -> tuple[list[H], npt.NDArray[np.int64]]:
    """(distinct values in first-seen order, index of each row's value in them)."""
    index: dict[H, int] = {}
    codes = np.fromiter(
        (index.setdefault(v, len(index)) for v in column), np.int64, count=len(column)
    )
    return list(index), codes


def _mapped(column: Sequence[H], value_of: Callable[[H], Any], dtype: Any) -> npt.NDArray[Any]:
    values, codes = distinct(column)
    table = np.fromiter((value_of(v) for v in values), dtype, count=len(values))
    return table[codes] if len(values) else np.zeros(len(column), dtype)


def encode_records(
    records: Sequence[PersonRecord],
    nicknames: NicknameTable | None = None,
    vocab: Vocabularies | None = None,
) -> RecordTable:
    """Encode already normalised records (see :meth:`PersonRecord.build`)."""
    identifiers: dict[str, list[str | None]] = {}
    for row, record in enumerate(records):
        for code, value in record.identifiers.items():
            identifiers.setdefault(code, [None] * len(records))[row] = value
    return _encode(
        [r.record_id for r in records],
        given=[r.given_names for r in records],
        family=[(r.family_names, r.other_names) for r in records],
        dates=[r.birth_date for r in records],
        sex=[r.sex for r in records],
        phone=[r.phone for r in records],
        email=[r.email for r in records],
        postcode=[r.postcode for r in records],
        address=[r.address for r in records],
        locality=[r.locality for r in records],
        identifiers=identifiers,
        nicknames=nicknames,
        vocab=vocab,
    )


def from_columns(
    record_ids: Sequence[str],
    columns: RawColumns,
    *,
    identifiers: RawColumns | None = None,
    nicknames: NicknameTable | None = None,
    vocab: Vocabularies | None = None,
    parse_date: Callable[[str], PartialDate | None] = parse_partial_date,
    default_country: str = "1",
) -> RecordTable:
    """Encode raw columns (the fields of :data:`files.FIELDS`, ``other_names`` separated by
    ";"; ``identifiers`` by type code) exactly as ``PersonRecord.build`` would each row.

    An unreadable birth date raises :class:`DateParseError` naming the record; identifiers
    that fail their check are dropped, as ``PersonRecord.build`` does.
    """
    n = len(record_ids)
    blank: list[str | None] = [None] * n

    def raw(name: str) -> Sequence[str | None]:
        found = columns.get(name)
        if found is not None and len(found) != n:
            raise ValueError(f"column {name!r} has {len(found)} values for {n} records")
        return found if found is not None else blank

    others = [tuple(x for x in (v or "").split(";") if x) for v in raw("other_names")]
    values, codes = distinct(raw("birth_date"))
    parsed: list[PartialDate | None] = []
    for k, value in enumerate(values):
        try:
            parsed.append(parse_date(value) if value else None)
        except DateParseError as error:
            row = int(np.flatnonzero(codes == k)[0])
            raise DateParseError(f"record {record_ids[row]!r}: {error}") from None
    dates = [parsed[k] for k in codes.tolist()]
    clean_ids: dict[str, list[str | None]] = {}
    for code, column in (identifiers or {}).items():
        clean_ids[code] = _normalised(column, partial(_identifier, code))
    return _encode(
        list(map(str, record_ids)),
        given=[v or "" for v in raw("given_names")],
        family=list(zip([v or "" for v in raw("family_names")], others, strict=True)),
        dates=dates,
        sex=_normalised(raw("sex"), normalise_sex),
        phone=_normalised(raw("phone"), lambda v: normalise_phone(v, default_country)),
        email=_normalised(raw("email"), normalise_email),
        postcode=_normalised(raw("postcode"), normalise_postcode),
        address=_normalised(raw("address"), lambda v: fold(v) or None),
        locality=_normalised(raw("locality"), lambda v: fold(v) or None),
        identifiers=clean_ids,
        nicknames=nicknames,
        vocab=vocab,
    )


def _identifier(code: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_identifier(code, value)
    except ValueError:
        return None


def _normalised(
    column: Sequence[str | None], normalise: Callable[[str | None], str | None]
) -> list[str | None]:
    values, codes = distinct(column)
    clean = [normalise(v) if v else None for v in values]
    return [clean[k] for k in codes.tolist()]


def _encode(
    record_ids: list[str],
    *,
    given: Sequence[str],
    family: Sequence[tuple[str, tuple[str, ...]]],
    dates: Sequence[PartialDate | None],
    sex: Sequence[str | None],
    phone: Sequence[str | None],
    email: Sequence[str | None],
    postcode: Sequence[str | None],
    address: Sequence[str | None],
    locality: Sequence[str | None],
    identifiers: Mapping[str, Sequence[str | None]],
    nicknames: NicknameTable | None,
    vocab: Vocabularies | None,
) -> RecordTable:
    table = nicknames or default_nickname_table()
    v = vocab or Vocabularies()
    names = v.names
    phon_of: dict[str, int] = {}

    def phon(token: str) -> int:
        found = phon_of.get(token)
        if found is None:
            found = phon_of[token] = v.phonetic.id(phonetic(token))
        return found

    def given_row(text: str) -> list[int]:
        tokens = name_tokens(text).tokens
        row = [names.id(" ".join(tokens))]
        slots = tokens[:GIVEN_SLOTS]
        row += [names.id(t) for t in slots] + [-1] * (GIVEN_SLOTS - len(slots))
        row += [phon(t) for t in slots] + [-1] * (GIVEN_SLOTS - len(slots))
        canons = [v.canonical.id(c) for t in tokens for c in sorted(table.canonicals(t))][
            :CANON_SLOTS
        ]
        return row + canons + [-1] * (CANON_SLOTS - len(canons))

    def family_row(key: tuple[str, tuple[str, ...]]) -> list[int]:
        text, aliases = key
        tokens = name_tokens(text).tokens
        others = [t for alias in aliases for t in name_tokens(alias).tokens]
        slots = [*tokens, *others][:FAMILY_SLOTS]
        pad = [-1] * (FAMILY_SLOTS - len(slots))
        return (
            [names.id(" ".join(tokens)), *(names.id(t) for t in slots), *pad]
            + [phon(t) for t in slots]
            + pad
        )

    given_cols = _rows_of(given, given_row, 1 + 2 * GIVEN_SLOTS + CANON_SLOTS)
    family_cols = _rows_of(family, family_row, 1 + 2 * FAMILY_SLOTS)
    date_cols = _rows_of(dates, _date_row, 4)
    g, f = GIVEN_SLOTS, FAMILY_SLOTS
    return RecordTable(
        record_ids=record_ids,
        given_full=given_cols[:, 0].copy(),
        family_full=family_cols[:, 0].copy(),
        given_tok=given_cols[:, 1 : 1 + g].copy(),
        family_tok=family_cols[:, 1 : 1 + f].copy(),
        given_phon=given_cols[:, 1 + g : 1 + 2 * g].copy(),
        family_phon=family_cols[:, 1 + f : 1 + 2 * f].copy(),
        canon=given_cols[:, 1 + 2 * g :].copy(),
        year=date_cols[:, 0].astype(np.int16),
        month=date_cols[:, 1].astype(np.int8),
        day=date_cols[:, 2].astype(np.int8),
        estimated=date_cols[:, 3].astype(np.bool_),
        sex=_mapped(sex, lambda s: _SEX.get(s, 2) if s else -1, np.int8),
        phone=_mapped(phone, v.phone.id, np.int32),
        email=_mapped(email, v.email.id, np.int32),
        postcode=_mapped(postcode, v.postcode.id, np.int32),
        address=_mapped(address, v.address.id, np.int32),
        locality=_mapped(locality, v.locality.id, np.int32),
        identifiers={
            code: _mapped(column, partial(_identifier_id, v, code), np.int32)
            for code, column in identifiers.items()
            if any(column)
        },  # fmt: skip
        vocab=v,
    )


def _identifier_id(vocab: Vocabularies, code: str, value: str | None) -> int:
    return vocab.identifier.id(f"{code}:{value}" if value else None)


def _date_row(date: PartialDate | None) -> list[int]:
    if date is None:
        return [0, 0, 0, 0]
    return [date.year, date.month or 0, date.day or 0, int(date.estimated)]


def _rows_of(column: Sequence[H], row_of: Callable[[H], list[int]], width: int) -> IntArray:
    """Per row, the ``width`` integers ``row_of`` gives its value (computed once per value)."""
    values, codes = distinct(column)
    table = np.array([row_of(value) for value in values], np.int32).reshape(-1, width)
    if not len(values):
        return np.zeros((len(column), width), np.int32)
    return table[codes]

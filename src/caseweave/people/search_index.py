"""Blocking keys of a person, stored in ``PersonSearchKey`` for indexed candidate lookup.

The same keys are computed for a search query, so finding candidates is an exact-match
lookup on one indexed column (fast on SQLite and PostgreSQL, at a million people) and
only the few candidates found are scored by the matching model. Keys are built from the
matching engine's normalisers, so spelling, transliteration, name order and nicknames
are forgiven here already:

- ``pp:A:B`` two name tokens' phonetic codes (sorted, so order swaps agree), after mapping
  each token to its nickname group ("aco" and "aleksandar" share one);
- ``yp:YEAR:A`` birth year with one token's code (birth-date typos are handled by querying
  neighbouring years);
- ``t:A`` one token, for single-name people and one-word searches ("Petrovic");
- ``ph:+E164`` a phone number; ``id:TYPE:VALUE`` an identifier.

Each name is also stored folded (``PersonSearchName``) for trigram similarity on
PostgreSQL, which finds what the keys cannot: a typo inside a surname, part of one. Each
distinct folded spelling is stored once more (``PersonSearchSpelling``), where the trigram
index is: similar spellings are found there and joined back to the people who carry them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from uuid import UUID

from django.db import connection, transaction

from caseweave.people.choices import ContactKind, DatePrecision
from caseweave.people.matching.nicknames import NicknameTable, default_nickname_table
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.matching.text import name_tokens, phonetic
from caseweave.people.models import (
    ContactMethod,
    Person,
    PersonIdentifier,
    PersonName,
    PersonSearchKey,
    PersonSearchName,
    PersonSearchSpelling,
)

MAX_TOKENS_PER_NAME = 5
SYSTEM_REASON = "search index maintenance"


@dataclass(frozen=True)
class KeySource:
    """What keys are built from: the same shape for a stored person and a query."""

    names: Sequence[str]
    birth_year: int | None = None
    birth_years_nearby: bool = False
    phones: Sequence[str] = ()
    identifiers: Sequence[tuple[str, str]] = ()  # (type, normalised value)
    single_tokens: bool = True  # stored people: yes; a query of two or more tokens: no


def _token_codes(token: str) -> frozenset[str]:
    return _codes_in(token, default_nickname_table())


@lru_cache(maxsize=200_000)
def _codes_in(token: str, table: NicknameTable) -> frozenset[str]:
    # Cached per table object: names repeat a lot, and a reconfigured table is a new key.
    codes = (phonetic(canonical) for canonical in table.canonicals(token))
    return frozenset(code for code in codes if code)


def nearby_years(year: int) -> set[int]:
    """Years a typed birth year may really be: itself, one either side, last digits swapped."""
    text = str(year)
    swapped = int(text[:2] + text[3] + text[2])
    return {year, year - 1, year + 1, swapped}


def keys_for(source: KeySource) -> set[str]:
    keys: set[str] = set()
    all_codes: set[str] = set()
    for name in source.names:
        tokens = name_tokens(name).tokens[:MAX_TOKENS_PER_NAME]
        token_codes = [_token_codes(token) for token in tokens]
        for codes in token_codes:
            all_codes |= codes
        for first, second in combinations(token_codes, 2):
            for code_a in first:
                for code_b in second:
                    if code_a != code_b:
                        keys.add("pp:" + ":".join(sorted((code_a, code_b))))
    if source.single_tokens:
        keys.update(f"t:{code}" for code in all_codes)
    if source.birth_year is not None:
        years = (
            nearby_years(source.birth_year) if source.birth_years_nearby else {source.birth_year}
        )
        keys.update(f"yp:{year}:{code}" for year in years for code in all_codes)
    for phone in source.phones:
        normalised = normalise_phone(phone)
        if normalised:
            keys.add(f"ph:{normalised}")
    keys.update(f"id:{type_}:{value}" for type_, value in source.identifiers if value)
    return {key[:96] for key in keys}


def folded_for_search(names: Iterable[str]) -> list[str]:
    """Each distinct name as plain ASCII tokens without particles, for trigram retrieval."""
    folded = (" ".join(name_tokens(name).tokens) for name in names)
    return sorted({text[:200] for text in folded if text})


def normalise_contact(kind: str, value: str) -> str:
    if kind in {ContactKind.MOBILE, ContactKind.PHONE}:
        return normalise_phone(value) or ""
    return value.strip().lower()


def person_names(person: Person, other_names: Iterable[str]) -> list[str]:
    names = [f"{person.given_names} {person.family_names}", person.preferred_name]
    return [name for name in [*names, *other_names] if name.strip()]


def _birth_year(person: Person) -> int | None:
    if person.birth_date is None or person.birth_date_precision == DatePrecision.UNKNOWN:
        return None
    return person.birth_date.year


def index_people(person_ids: Sequence[UUID]) -> int:
    """Rebuild the keys of these people (after registration, an edit, an import batch)."""
    people = list(Person.objects.for_system(SYSTEM_REASON).filter(id__in=person_ids))
    names: dict[UUID, list[str]] = {}
    for person_id, text in (
        PersonName.objects.for_system(SYSTEM_REASON)
        .filter(person_id__in=person_ids, ended_at__isnull=True)
        .values_list("person_id", "text")
    ):
        names.setdefault(person_id, []).append(text)
    phones: dict[UUID, list[str]] = {}
    for person_id, value in (
        ContactMethod.objects.for_system(SYSTEM_REASON)
        .filter(
            person_id__in=person_ids,
            ended_at__isnull=True,
            kind__in=[ContactKind.MOBILE, ContactKind.PHONE],
        )
        .values_list("person_id", "value")
    ):
        phones.setdefault(person_id, []).append(value)
    identifiers: dict[UUID, list[tuple[str, str]]] = {}
    for person_id, type_, value in (
        PersonIdentifier.objects.for_system(SYSTEM_REASON)
        .filter(person_id__in=person_ids, ended_at__isnull=True)
        .values_list("person_id", "type", "normalised")
    ):
        identifiers.setdefault(person_id, []).append((type_, value))
    rows: list[PersonSearchKey] = []
    search_names: list[PersonSearchName] = []
    for person in people:
        source = KeySource(
            names=person_names(person, names.get(person.id, [])),
            birth_year=_birth_year(person),
            phones=phones.get(person.id, []),
            identifiers=identifiers.get(person.id, []),
        )
        rows.extend(PersonSearchKey(person_id=person.id, key=key) for key in keys_for(source))
        search_names.extend(
            PersonSearchName(person_id=person.id, folded=text)
            for text in folded_for_search(source.names)
        )
    PersonSearchKey.objects.for_system(SYSTEM_REASON).filter(person_id__in=person_ids).delete()
    PersonSearchName.objects.for_system(SYSTEM_REASON).filter(person_id__in=person_ids).delete()
    PersonSearchKey.objects.bulk_create(rows, batch_size=2000)
    PersonSearchName.objects.bulk_create(search_names, batch_size=2000)
    spellings_store(row.folded for row in search_names)
    return len(rows)


def spellings_store(folded: Iterable[str]) -> None:
    """Add the spellings not stored yet (call with every folded name written).

    Sorted, so two registrations storing the same new spellings wait for each other in the
    same order instead of deadlocking on the unique index.
    """
    spellings = [PersonSearchSpelling(folded=text) for text in sorted(set(folded))]
    PersonSearchSpelling.objects.bulk_create(spellings, batch_size=2000, ignore_conflicts=True)


@transaction.atomic
def spellings_prune() -> int:
    """Delete the spellings no search name carries any more; returns how many.

    Such a spelling is harmless (it joins to no one) but takes a place among the most
    similar spellings of a search. On PostgreSQL the search names are locked against writes
    (SHARE mode, until commit) first: a name stored while the statement ran could otherwise
    rely on a spelling the statement saw unused (the spelling existed, so none was added)
    and be left without one.
    """
    spelling = PersonSearchSpelling._meta.db_table
    name = PersonSearchName._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {name} IN SHARE MODE")
        cursor.execute(
            f"DELETE FROM {spelling} WHERE NOT EXISTS "  # noqa: S608  # constant table names
            f"(SELECT 1 FROM {name} WHERE {name}.folded = {spelling}.folded)"
        )
        return int(cursor.rowcount)

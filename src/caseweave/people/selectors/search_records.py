"""A search query and a candidate as the matching engine's ``PersonRecord``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from caseweave.people.choices import IdentifierType
from caseweave.people.dates import partial_date_of
from caseweave.people.matching import PersonRecord
from caseweave.people.matching.text import name_tokens
from caseweave.people.models import Person
from caseweave.people.records import ENGINE_IDENTIFIER_TYPES
from caseweave.people.selectors.search_candidates import Details

if TYPE_CHECKING:
    from caseweave.people.selectors.search import SearchQuery

_COMPARED_SEXES = {"female", "male"}
_KNOWN = set(IdentifierType.values)


def _engine_identifiers(identifiers: Iterable[tuple[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for type_, value in identifiers:
        code = ENGINE_IDENTIFIER_TYPES.get(IdentifierType(type_)) if type_ in _KNOWN else None
        if code and value:
            found[code] = value
    return found


def query_record(query: SearchQuery) -> PersonRecord:
    """The query as a record. Free text has no given/family split: the last word is taken
    as the family name (the model recognises a swapped order)."""
    given, family = query.given_names, query.family_names
    other_names = list(query.names)
    if not (given or family) and query.names:
        tokens = name_tokens(query.names[0]).tokens
        given, family = " ".join(tokens[:-1]), tokens[-1] if tokens else ""
        other_names = other_names[1:]
    return PersonRecord.build(
        "query",
        given_names=given,
        family_names=family,
        other_names=[name for name in other_names if name != f"{given} {family}"],
        birth_date=query.birth_date,
        sex=query.sex if query.sex in _COMPARED_SEXES else None,
        phone=query.phones[0] if query.phones else None,
        identifiers=_engine_identifiers(query.identifiers),
        strict_identifiers=False,
    )


def person_record(person: Person, details: Details) -> PersonRecord:
    return PersonRecord.build(
        person.id,
        given_names=person.given_names,
        family_names=person.family_names,
        other_names=[name for name in [person.preferred_name, *details.names] if name],
        birth_date=partial_date_of(person.birth_date, person.birth_date_precision),
        sex=person.sex if person.sex in _COMPARED_SEXES else None,
        phone=min(details.phones) if details.phones else None,
        identifiers=_engine_identifiers(details.identifiers),
    )

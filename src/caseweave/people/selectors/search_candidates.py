"""Fetching search candidates in a fixed, small number of SQL statements.

1. ``candidate_people``: the people sharing the most blocking keys with the query, in one
   statement however many keys or candidates there are.
2. ``similar_names`` (PostgreSQL, when the keys find too little): trigram similarity on
   the distinct folded spellings, through their pg_trgm GIN index, joined back to the
   people carrying them through a B-tree index on the folded names.
3. ``candidate_details``: the other names, phones, identifiers and care-team organisations
   of every candidate, in one ``UNION ALL`` statement.

Whether the searcher may see each person returned is the access policy's decision
(``gate.allows``, one statement per hit shown, at most the page's limit). The policy's
list filter (``for_actor``) is one statement, but at a million people PostgreSQL runs it by
hashing the organisation's whole care team (67,000 rows: 60 ms and more) on every search.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.db import connection
from django.db.models import Count, Value
from django.db.models.expressions import RawSQL

from caseweave.access.models import CareTeamMember
from caseweave.people.models import (
    ContactMethod,
    Person,
    PersonIdentifier,
    PersonName,
    PersonSearchKey,
    PersonSearchName,
    PersonSearchSpelling,
)

SCORING_REASON = (
    "match scoring; the searcher sees only a limited record of people outside their access"
)
MAX_CANDIDATES = 60  # at 1M, 30 already find the registered person as often as 300
TRIGRAM_CANDIDATES = 50
TRIGRAM_MIN_SIMILARITY = 0.5
_THRESHOLD_SET: weakref.WeakSet[object] = weakref.WeakSet()  # sessions with set_limit done


@dataclass
class Details:
    """What ranking and the limited record need beyond the person row."""

    names: list[str] = field(default_factory=list)
    phones: set[str] = field(default_factory=set)
    identifiers: set[tuple[str, str]] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)


def trigram_search_available() -> bool:
    return connection.vendor == "postgresql"


def candidate_people(keys: Collection[str]) -> list[Person]:
    """People sharing the most keys with the query (one statement)."""
    if not keys:
        return []
    best = (
        PersonSearchKey.objects.for_system(SCORING_REASON)
        .filter(key__in=keys)
        .values("person_id")
        .annotate(hits=Count("person_id"))  # the (key, person_id) index covers it
        .order_by("-hits", "person_id")
        .values("person_id")[:MAX_CANDIDATES]
    )
    return list(
        Person.objects.for_system(SCORING_REASON).filter(id__in=best, merged_into__isnull=True)
    )


def similar_names(folded: Sequence[str], exclude: Collection[UUID]) -> list[Person]:
    """People whose folded name is most similar to one of ``folded`` (pg_trgm; one statement,
    plus one to set the threshold: once per database connection outside a transaction).

    The trigram index is on the distinct spellings (``PersonSearchSpelling``), not on every
    person's name: a name stored hundreds of times ("dragan ilic", 258 times in a million) is
    one row there, and the GIN posting lists are about seven times shorter. The
    ``TRIGRAM_CANDIDATES`` most similar spellings are joined back to the people carrying them
    through the B-tree on ``PersonSearchName.folded``, most similar first, and at most
    ``TRIGRAM_CANDIDATES`` people are kept per name: the same people as ranking every stored
    name by similarity, up to ties. ``%`` uses the session's threshold, set to
    ``TRIGRAM_MIN_SIMILARITY`` instead of pg_trgm's 0.3, which lets too many spellings through
    the index to be rechecked; the score is also compared with it, so a session whose setting
    was lost (below) finds the same people, only more slowly.
    """
    texts = [text for text in folded if text]
    if not texts or not trigram_search_available():
        return []
    _set_trigram_threshold()
    spellings = PersonSearchSpelling._meta.db_table
    names = PersonSearchName._meta.db_table
    wanted = " UNION ALL ".join(
        [
            f"(SELECT name.person_id FROM (SELECT folded, similarity(folded, %s) AS score "  # noqa: S608  # constant table names
            f"FROM {spellings} WHERE folded %% %s ORDER BY score DESC, folded LIMIT %s) AS near "
            f"JOIN {names} AS name ON name.folded = near.folded WHERE near.score >= %s "
            "ORDER BY near.score DESC, near.folded LIMIT %s)"
        ]
        * len(texts)
    )
    params: list[object] = []
    for text in texts:
        params += [text, text, TRIGRAM_CANDIDATES, TRIGRAM_MIN_SIMILARITY, TRIGRAM_CANDIDATES]
    sql = f"SELECT DISTINCT person_id FROM ({wanted}) AS found"  # noqa: S608  # bound values
    found = RawSQL(sql, params)  # noqa: S611  # constant SQL; the names are bound parameters
    return list(
        Person.objects.for_system(SCORING_REASON)
        .filter(id__in=found, merged_into__isnull=True)
        .exclude(id__in=list(exclude))
    )


def _set_trigram_threshold() -> None:
    connection.ensure_connection()
    session = connection.connection
    if session in _THRESHOLD_SET:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_limit(%s)", [TRIGRAM_MIN_SIMILARITY])
    # A setting made inside a transaction is undone with it if it rolls back (every test
    # does), leaving pg_trgm's 0.3 for the rest of the session: remembered only outside one.
    if not connection.in_atomic_block:
        _THRESHOLD_SET.add(session)


def candidate_details(person_ids: Sequence[UUID]) -> dict[UUID, Details]:
    """Other names, phones, identifiers and care-team organisations, in one statement."""
    if not person_ids:
        return {}
    ids = list(person_ids)
    names = (
        PersonName.objects.for_system(SCORING_REASON)
        .filter(person_id__in=ids, ended_at__isnull=True)
        .annotate(part=Value("name"), extra=Value(""))
        .values_list("person_id", "part", "text", "extra")
    )
    phones = (
        ContactMethod.objects.for_system(SCORING_REASON)
        .filter(person_id__in=ids, ended_at__isnull=True)
        .exclude(normalised="")
        .annotate(part=Value("phone"), extra=Value(""))
        .values_list("person_id", "part", "normalised", "extra")
    )
    identifiers = (
        PersonIdentifier.objects.for_system(SCORING_REASON)
        .filter(person_id__in=ids, ended_at__isnull=True)
        .annotate(part=Value("identifier"))
        .values_list("person_id", "part", "normalised", "type")
    )
    organisations = (
        CareTeamMember.objects.filter(person_id__in=ids, left_at__isnull=True)
        .annotate(part=Value("organisation"), extra=Value(""))
        .values_list("person_id", "part", "organisation__name", "extra")
    )
    found: dict[UUID, Details] = {person_id: Details() for person_id in ids}
    rows = names.union(phones, identifiers, organisations, all=True)
    for person_id, part, value, extra in rows:
        details = found[person_id]
        if part == "name":
            details.names.append(value)
        elif part == "phone":
            details.phones.add(value)
        elif part == "identifier":
            details.identifiers.add((extra, value))
        else:
            details.organisations.add(value)
    return found

"""Finding people: by free text on the search page, by a draft at registration.

Candidates come from the blocking-key index (``search_index``), are scored with reasons
(``ranking``), and are then split by the access policy: people the searcher may see are
returned in full; the others as a limited record (someone matching exists, and which
organisations to contact), never their details. Each search writes one audit event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count

from caseweave.access import gate
from caseweave.access.models import CareTeamMember
from caseweave.access.types import Actor, Category, PersonId
from caseweave.people.dates import partial_date_of
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.inputs import PersonInput
from caseweave.people.matching.dates import DateParseError, PartialDate, parse_partial_date
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.matching.text import name_tokens
from caseweave.people.models import (
    ContactMethod,
    Person,
    PersonIdentifier,
    PersonName,
    PersonSearchKey,
)
from caseweave.people.ranking import Profile, rank
from caseweave.people.search_index import KeySource, keys_for, person_names

SCORING_REASON = (
    "match scoring; the searcher sees only a limited record of people outside their access"
)
MAX_CANDIDATES = 300
MIN_SCORE = 0.35


_PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")


def _is_date(text: str) -> bool:
    try:
        return parse_partial_date(text) is not None
    except DateParseError:
        return False


@dataclass(frozen=True)
class SearchQuery:
    names: tuple[str, ...] = ()
    birth_date: PartialDate | None = None
    phones: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()  # (type, value)

    @property
    def is_empty(self) -> bool:
        return not (self.names or self.phones or self.identifiers)

    @classmethod
    def from_text(cls, text: str) -> SearchQuery:
        """Split free text: a date or year is the birth date, 7+ digits a phone, rest a name."""
        names: list[str] = []
        birth_date: PartialDate | None = None
        phones: list[str] = []
        rest = text
        for span in _PHONE_LIKE.findall(text):
            if _is_date(span.strip()) or not normalise_phone(span):
                continue
            phones.append(span.strip())
            rest = rest.replace(span, " ")
        for word in re.split(r"[\s,]+", rest.strip()):
            if not word:
                continue
            if any(char.isdigit() for char in word) and birth_date is None:
                try:
                    birth_date = parse_partial_date(word)
                    continue
                except DateParseError:
                    pass
            names.append(word)
        return cls(
            names=(" ".join(names),) if names else (), birth_date=birth_date, phones=tuple(phones)
        )

    @classmethod
    def from_input(cls, data: PersonInput) -> SearchQuery:
        names = [f"{data.given_names} {data.family_names}", data.preferred_name, *data.aliases]
        return cls(
            names=tuple(name for name in names if name.strip()),
            birth_date=partial_date_of(data.birth_date, data.birth_date_precision),
            phones=tuple(contact.value for contact in data.contacts),
            identifiers=tuple((ident.type, ident.value) for ident in data.identifiers),
        )


@dataclass(frozen=True)
class Hit:
    """One person found. ``person`` is None for a limited record."""

    person_id: PersonId
    score: float
    reasons: list[str]
    person: Person | None = None
    contact_organisations: list[str] = field(default_factory=list)

    @property
    def is_limited(self) -> bool:
        return self.person is None


def _query_keys(query: SearchQuery) -> set[str]:
    many_tokens = any(len(name_tokens(name).tokens) > 1 for name in query.names)
    return keys_for(
        KeySource(
            names=query.names,
            birth_year=query.birth_date.year if query.birth_date else None,
            birth_years_nearby=True,
            phones=query.phones,
            identifiers=[
                (type_, normalise_identifier(value)) for type_, value in query.identifiers
            ],
            single_tokens=not many_tokens,
        )
    )


def _candidate_ids(keys: set[str]) -> list[UUID]:
    if not keys:
        return []
    rows = (
        PersonSearchKey.objects.for_system(SCORING_REASON)
        .filter(key__in=keys)
        .values("person_id")
        .annotate(hits=Count("id"))
        .order_by("-hits")[:MAX_CANDIDATES]
    )
    return [row["person_id"] for row in rows]


def _profiles(person_ids: Sequence[UUID]) -> dict[UUID, tuple[Person, Profile]]:
    people = Person.objects.for_system(SCORING_REASON).filter(
        id__in=person_ids, merged_into__isnull=True
    )
    other_names: dict[UUID, list[str]] = {}
    for person_id, text in (
        PersonName.objects.for_system(SCORING_REASON)
        .filter(person_id__in=person_ids, ended_at__isnull=True)
        .values_list("person_id", "text")
    ):
        other_names.setdefault(person_id, []).append(text)
    phones: dict[UUID, set[str]] = {}
    for person_id, normalised in (
        ContactMethod.objects.for_system(SCORING_REASON)
        .filter(person_id__in=person_ids, ended_at__isnull=True)
        .exclude(normalised="")
        .values_list("person_id", "normalised")
    ):
        phones.setdefault(person_id, set()).add(normalised)
    identifiers: dict[UUID, set[tuple[str, str]]] = {}
    for person_id, type_, value in (
        PersonIdentifier.objects.for_system(SCORING_REASON)
        .filter(person_id__in=person_ids, ended_at__isnull=True)
        .values_list("person_id", "type", "normalised")
    ):
        identifiers.setdefault(person_id, set()).add((type_, value))
    return {
        person.id: (
            person,
            Profile(
                names=person_names(person, other_names.get(person.id, [])),
                birth_date=partial_date_of(person.birth_date, person.birth_date_precision),
                phones=frozenset(phones.get(person.id, set())),
                identifiers=frozenset(identifiers.get(person.id, set())),
            ),
        )
        for person in people
    }


def _query_profile(query: SearchQuery) -> Profile:
    phones = {normalise_phone(phone) for phone in query.phones}
    return Profile(
        names=query.names,
        birth_date=query.birth_date,
        phones=frozenset(phone for phone in phones if phone),
        identifiers=frozenset((t, normalise_identifier(v)) for t, v in query.identifiers),
    )


def _contact_organisations(person_ids: Sequence[UUID]) -> dict[UUID, list[str]]:
    found: dict[UUID, set[str]] = {}
    for person_id, name in CareTeamMember.objects.filter(
        person_id__in=person_ids, left_at__isnull=True
    ).values_list("person_id", "organisation__name"):
        found.setdefault(person_id, set()).add(name)
    return {person_id: sorted(names) for person_id, names in found.items()}


def person_search(actor: Actor, query: SearchQuery, *, limit: int = 20) -> list[Hit]:
    """Ranked matches: visible people in full, others limited. One audit event per search
    (``person_search.listed`` naming the visible ids; limited ids in a second event)."""
    if query.is_empty:
        return []
    profiles = _profiles(_candidate_ids(_query_keys(query)))
    wanted = _query_profile(query)
    scored = []
    for person, profile in profiles.values():
        ranked = rank(wanted, profile)
        if ranked.score >= MIN_SCORE:
            scored.append((ranked.score, person, ranked.reasons))
    scored.sort(key=lambda item: (-item[0], item[1].family_names, item[1].given_names))
    scored = scored[:limit]
    ids = [person.id for _, person, _ in scored]
    visible = set(
        Person.objects.for_actor(actor, Category.IDENTITY)
        .filter(id__in=ids)
        .values_list("id", flat=True)
    )
    limited_ids = [person_id for person_id in ids if person_id not in visible]
    organisations = _contact_organisations(limited_ids)
    hits = [
        Hit(
            person_id=PersonId(person.id),
            score=round(score, 3),
            reasons=reasons,
            person=person if person.id in visible else None,
            contact_organisations=[] if person.id in visible else organisations.get(person.id, []),
        )
        for score, person, reasons in scored
    ]
    gate.record_list(
        actor,
        [PersonId(pid) for pid in ids if pid in visible],
        Category.IDENTITY,
        object_type="person_search",
    )
    if limited_ids:
        gate.record_list(
            actor,
            [PersonId(pid) for pid in limited_ids],
            Category.IDENTITY,
            object_type="person_search_limited",
        )
    return hits


def registration_candidates(actor: Actor, data: PersonInput, *, limit: int = 10) -> list[Hit]:
    """Likely matches of a draft registration, shown before the person is created."""
    return person_search(actor, SearchQuery.from_input(data), limit=limit)

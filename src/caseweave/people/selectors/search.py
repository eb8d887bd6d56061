"""Finding people: by free text on the search page, by a draft at registration.

Candidates come from the blocking-key index (``search_index``) and, when it finds too
little, from trigram similarity of names on PostgreSQL (``search_candidates``). A quick
similarity (``ranking``) shortlists them; the registry's fitted Fellegi-Sunter model ranks
the shortlist and gives the per-field reasons (``scoring``). The access policy's decision
for each person returned, read for all of them in one statement, splits them: people the searcher
may see are returned in full; the others as a limited record (someone matching exists,
and which organisations to contact), never their details. One audit event per search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from uuid import UUID

from caseweave.access import gate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import scoring
from caseweave.people.dates import partial_date_of
from caseweave.people.events import PERSON_SEARCHED
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.inputs import PersonInput
from caseweave.people.matching.dates import DateParseError, PartialDate, parse_partial_date
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.matching.text import name_tokens
from caseweave.people.models import Person
from caseweave.people.ranking import Profile, rank
from caseweave.people.search_index import KeySource, folded_for_search, keys_for, person_names
from caseweave.people.selectors.search_candidates import (
    Details,
    candidate_details,
    candidate_people,
    similar_names,
    trigram_search_available,
)
from caseweave.people.selectors.search_records import person_record, query_record

MIN_SCORE = 0.35
WIDEN_BELOW = 0.6  # no candidate from the keys scores this well: look wider


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
    given_names: str = ""  # the legal name's parts when known (a registration form)
    family_names: str = ""
    sex: str = ""

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
            given_names=data.given_names,
            family_names=data.family_names,
            sex=data.sex,
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


def _query_keys(query: SearchQuery, *, single_tokens: bool = False) -> set[str]:
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
            single_tokens=single_tokens or not many_tokens,
        )
    )


def _profile(person: Person, details: Details) -> Profile:
    return Profile(
        names=person_names(person, details.names),
        birth_date=partial_date_of(person.birth_date, person.birth_date_precision),
        phones=frozenset(details.phones),
        identifiers=frozenset(details.identifiers),
    )


def _query_profile(query: SearchQuery) -> Profile:
    phones = {normalise_phone(phone) for phone in query.phones}
    return Profile(
        names=query.names,
        birth_date=query.birth_date,
        phones=frozenset(phone for phone in phones if phone),
        identifiers=frozenset((t, normalise_identifier(v)) for t, v in query.identifiers),
    )


def _widened(query: SearchQuery, found: list[Person]) -> list[Person]:
    """More candidates when the keys found too few: similar names by trigram on PostgreSQL,
    people sharing any one name token elsewhere (the keys' own index)."""
    seen = {person.id for person in found}
    if trigram_search_available():
        return similar_names(folded_for_search(query.names), exclude=seen)
    tokens = _query_keys(query, single_tokens=True)
    extra = candidate_people({key for key in tokens if key.startswith("t:")})
    return [person for person in extra if person.id not in seen]


def _scored(
    wanted: Profile, people: list[Person], details: dict[UUID, Details]
) -> list[tuple[float, Person, list[str]]]:
    scored = []
    for person in people:
        ranked = rank(wanted, _profile(person, details[person.id]))
        if ranked.score >= MIN_SCORE:
            scored.append((ranked.score, person, ranked.reasons))
    return scored


def _by_model(
    query: SearchQuery,
    shortlist: list[tuple[float, Person, list[str]]],
    details: dict[UUID, Details],
) -> list[tuple[float, Person, list[str]]]:
    """Re-rank the shortlist with the registry's fitted model: its match probability is the
    score, its per-field comparisons the reasons."""
    people = [person for _, person, _ in shortlist]
    results = scoring.score(
        query_record(query), [person_record(person, details[person.id]) for person in people]
    )
    ranked = sorted(
        zip(results, people, strict=True),
        key=lambda pair: (-pair[0].weight, pair[1].family_names, pair[1].given_names),
    )
    return [
        (result.probability, person, scoring.staff_reasons(result)) for result, person in ranked
    ]


def person_search(actor: Actor, query: SearchQuery, *, limit: int = 20) -> list[Hit]:
    """Ranked matches: visible people in full, others as a limited record.

    SQL statements grow neither with the candidates nor with the people shown: the
    candidates, their details, (only when none matches well) a wider search, the access
    decisions of the people shown (one statement, ``gate.allowed_among``), and one audit event
    ``person_search.listed`` naming every id returned, the limited ones also listed in its
    payload.
    """
    if query.is_empty:
        return []
    wanted = _query_profile(query)
    people = candidate_people(_query_keys(query))
    details = candidate_details([person.id for person in people])
    scored = _scored(wanted, people, details)
    if max((score for score, _, _ in scored), default=0.0) < WIDEN_BELOW:
        more = _widened(query, people)
        more_details = candidate_details([person.id for person in more])
        scored += _scored(wanted, more, more_details)
        details.update(more_details)
    scored.sort(key=lambda item: (-item[0], item[1].family_names, item[1].given_names))
    shown = _by_model(query, scored[: limit * 2], details)[:limit]
    allowed = gate.allowed_among(
        actor, [PersonId(person.id) for _, person, _ in shown], Category.IDENTITY
    )
    hits = []
    for score, person, reasons in shown:
        visible = person.id in allowed
        hits.append(
            Hit(
                person_id=PersonId(person.id),
                score=round(score, 3),
                reasons=reasons,
                person=person if visible else None,
                contact_organisations=[] if visible else sorted(details[person.id].organisations),
            )
        )
    recorder.record(
        actor,
        f"{PERSON_SEARCHED}.listed",
        action="view",
        person_ids=[hit.person_id for hit in hits],
        categories=[Category.IDENTITY],
        object_type=PERSON_SEARCHED,
        payload={"limited": [str(hit.person_id) for hit in hits if hit.is_limited]},
    )
    return hits


def registration_candidates(actor: Actor, data: PersonInput, *, limit: int = 10) -> list[Hit]:
    """Likely matches of a draft registration, shown before the person is created."""
    return person_search(actor, SearchQuery.from_input(data), limit=limit)

"""What an incoming row is to the registry: new, a match, or a possible match to review.

No second matcher: an identifier registered to someone (the source's own case number first,
so re-importing a file finds what the last import created) is a match; otherwise the row is
scored as a registration draft by the registry's search (``registration_candidates``: the
blocking-key index and the per-field ranking), whose reasons are kept for staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.utils.translation import gettext as _

from caseweave.access.types import Actor, PersonId
from caseweave.people.actions.review import auto_link_threshold
from caseweave.people.choices import DatePrecision, IdentifierType
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.imports.choices import RowOutcome
from caseweave.people.inputs import PersonInput
from caseweave.people.matching.text import name_tokens
from caseweave.people.models import Person, PersonIdentifier
from caseweave.people.selectors.search import registration_candidates

__all__ = [
    "POSSIBLE_SCORE",
    "RowMatch",
    "decide",
    "identifier_match",
    "match_row",
    "match_score",
    "survivor",
]

# A row found by search links to a registered person without a human only at the registry's
# auto-link threshold (the one the duplicate queue uses, a setting) AND when the full name
# and the exact birth date agree: the model's probability alone can be sure of siblings or
# of "Person1"/"Person2" on a small registry, and a wrong link gives one person another's
# case number. From the "likely match" probability it is a possible match for staff.
POSSIBLE_SCORE = 0.5


def match_score() -> float:
    return auto_link_threshold()


REASON = "people import: matching incoming rows against the registry"


@dataclass(frozen=True)
class RowMatch:
    outcome: str
    person_id: UUID | None = None
    score: float | None = None
    reasons: list[str] = field(default_factory=list)
    by_identifier: bool = False
    # A person an earlier row of the same run registers (its row number): known only once
    # that row is stored, in the apply's write transaction.
    earlier_row: int | None = None


def survivor(person_id: UUID) -> UUID:
    """Follow merges, so a match lands on the record staff now work with."""
    seen = {person_id}
    while True:
        merged_into = (
            Person.objects.for_system(REASON)
            .filter(id=person_id)
            .values_list("merged_into_id", flat=True)
            .first()
        )
        if merged_into is None or merged_into in seen:
            return person_id
        seen.add(merged_into)
        person_id = merged_into


def identifier_match(data: PersonInput) -> RowMatch | None:
    """A match by an identifier registered to someone (cheap: one indexed read each)."""
    # The source's case number first: it is what makes a re-import find its own people.
    ordered = sorted(data.identifiers, key=lambda i: i.type != IdentifierType.AGENCY_CASE)
    for identifier in ordered:
        person_id = (
            PersonIdentifier.objects.for_system(REASON)
            .filter(
                type=identifier.type,
                issuer=identifier.issuer,
                normalised=normalise_identifier(identifier.value),
                ended_at__isnull=True,
            )
            .values_list("person_id", flat=True)
            .first()
        )
        if person_id is not None:
            label = IdentifierType(identifier.type).label
            if identifier.type == IdentifierType.AGENCY_CASE:
                reason = _("same case number from this source (imported before)")
            else:
                reason = _("same %(identifier)s") % {"identifier": str(label).lower()}
            return RowMatch(
                RowOutcome.MATCH, survivor(person_id), 1.0, [reason], by_identifier=True
            )
    return None


def _name_key(given_names: str, family_names: str) -> tuple[str, ...]:
    return tuple(sorted(name_tokens(f"{given_names} {family_names}").tokens))


def same_name_and_birth_date(data: PersonInput, other: PersonInput | Person) -> bool:
    """Both have an exact birth date, the same one, and the same full name."""
    if data.birth_date is None or data.birth_date_precision != DatePrecision.EXACT:
        return False
    return (
        other.birth_date_precision == DatePrecision.EXACT
        and other.birth_date == data.birth_date
        and _name_key(other.given_names, other.family_names)
        == _name_key(data.given_names, data.family_names)
    )


def _same_name_and_birth_date(data: PersonInput, person_id: UUID) -> bool:
    person = (
        Person.objects.for_system(REASON)
        .filter(id=person_id)
        .only("given_names", "family_names", "birth_date", "birth_date_precision")
        .first()
    )
    return person is not None and same_name_and_birth_date(data, person)


def decide(score: float, certain: bool) -> str:
    """The outcome of a match found by search (not by identifier): a match only at the
    auto-link threshold with the same name and exact birth date, else possible, else new."""
    if score < POSSIBLE_SCORE:
        return RowOutcome.NEW
    return RowOutcome.MATCH if certain and score >= match_score() else RowOutcome.POSSIBLE


def match_row(actor: Actor, data: PersonInput) -> RowMatch:
    """The row's outcome against the registry as ``actor`` searches it (audited as a search;
    people outside the actor's access are still found, and later shown as limited records)."""
    found = identifier_match(data)
    if found is not None:
        return found
    hits = registration_candidates(actor, data, limit=1)
    if not hits or hits[0].score < POSSIBLE_SCORE:
        return RowMatch(RowOutcome.NEW)
    best = hits[0]
    certain = best.score >= match_score() and _same_name_and_birth_date(data, best.person_id)
    outcome = decide(best.score, certain)
    return RowMatch(outcome, PersonId(best.person_id), best.score, list(best.reasons))

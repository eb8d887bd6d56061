"""Writing one checked row into the registry, through the registry's own actions."""

from __future__ import annotations

from uuid import UUID

from django.utils.translation import gettext as _

from caseweave.access.types import Actor, Category
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.actions.registration import person_register
from caseweave.people.choices import IdentifierType, ReviewStatus
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.imports.choices import RowOutcome, RowResult
from caseweave.people.imports.matching import REASON, RowMatch
from caseweave.people.inputs import PersonInput
from caseweave.people.models import DuplicateCandidate, PersonIdentifier
from caseweave.people.search_index import index_people

__all__ = ["apply_row"]


def apply_row(
    actor: Actor, data: PersonInput, match: RowMatch, *, run_id: int
) -> tuple[str, UUID, list[str]]:
    """Store one valid row; returns (result, person id, notes for staff).

    New rows are registered (the source's organisation joins the care team). A possible
    match is registered too and queued for duplicate review: staff expect the person to be
    findable at once, and the review queue is where "same person?" is decided and merged.
    A match only gains the row's identifiers it lacks; nothing registered is overwritten,
    and the source's organisation is not added to the care team, since a match by search
    must not widen anyone's access.
    """
    if match.outcome == RowOutcome.MATCH and match.person_id is not None:
        return _attach_identifiers(actor, match.person_id, data, run_id=run_id)
    person = person_register(actor=actor, data=data)
    if match.outcome != RowOutcome.POSSIBLE or match.person_id is None:
        return RowResult.CREATED, person.id, []
    first, second = sorted([person.id, match.person_id], key=str)
    candidate = DuplicateCandidate.objects.create(
        person_id=first,
        other_id=second,
        score=match.score or 0.0,
        probability=match.score or 0.0,
        reasons=list(match.reasons),
        status=ReviewStatus.PENDING,
    )
    recorder.record(
        actor,
        events.DUPLICATE_FOUND,
        action="create",
        person_ids=[first, second],
        categories=[Category.IDENTITY],
        object_type="duplicate_candidate",
        object_id=candidate.pk,
        payload={"queued": 1, "import_run": run_id},
    )
    return RowResult.QUEUED, person.id, []


def _attach_identifiers(
    actor: Actor, person_id: UUID, data: PersonInput, *, run_id: int
) -> tuple[str, UUID, list[str]]:
    current = PersonIdentifier.objects.for_system(REASON).filter(ended_at__isnull=True)
    held: dict[tuple[str, str], set[str]] = {}
    for type_, issuer, normalised in current.filter(person_id=person_id).values_list(
        "type", "issuer", "normalised"
    ):
        held.setdefault((type_, issuer), set()).add(normalised)
    added: list[str] = []
    notes: list[str] = []
    for identifier in data.identifiers:
        normalised = normalise_identifier(identifier.value)
        key = (identifier.type, identifier.issuer)
        label = str(IdentifierType(identifier.type).label).lower()
        if normalised in held.get(key, set()):
            continue
        # A source may hold one person under two case numbers; keep both so a re-import
        # finds them. Any other identifier already registered is never replaced.
        if key in held and identifier.type != IdentifierType.AGENCY_CASE:
            notes.append(_("kept the registered %(identifier)s; the file has another") % {
                "identifier": label})  # fmt: skip
            continue
        if current.filter(type=identifier.type, issuer=identifier.issuer,
                          normalised=normalised).exists():  # fmt: skip
            notes.append(_("%(identifier)s is registered to someone else; not added") % {
                "identifier": label})  # fmt: skip
            continue
        PersonIdentifier.objects.create(
            person_id=person_id,
            type=identifier.type,
            issuer=identifier.issuer,
            value=identifier.value.strip(),
            normalised=normalised,
        )
        held.setdefault(key, set()).add(normalised)
        added.append(identifier.type)
    if not added:
        return RowResult.UNCHANGED, person_id, notes
    index_people([person_id])
    recorder.record(
        actor,
        events.PERSON_UPDATED,
        action="update",
        person_id=person_id,
        categories=[Category.IDENTITY],
        object_type="person",
        object_id=str(person_id),
        payload={"fields": ["identifiers"], "identifier_types": added, "import_run": run_id},
    )
    return RowResult.ATTACHED, person_id, notes

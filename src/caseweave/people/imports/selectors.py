"""Reads of client-list imports, limited to the reader's organisation; matched people are
shown only as far as the access policy lets the reader see them."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.db.models import QuerySet

from caseweave.access import gate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.people.imports.models import ImportRow, ImportRun, ImportSource
from caseweave.people.models import Person

__all__ = ["rows_of", "run_get", "runs_for", "sources_for", "visible_people"]


def sources_for(actor: Actor) -> QuerySet[ImportSource]:
    return ImportSource.objects.filter(organisation_id=actor.organisation_id or 0)


def runs_for(actor: Actor) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(source__organisation_id=actor.organisation_id or 0)


def run_get(actor: Actor, run_id: int) -> ImportRun:
    """The run, or ``ImportRun.DoesNotExist`` when it belongs to another organisation."""
    return runs_for(actor).select_related("source").get(pk=run_id)


def rows_of(run: ImportRun, *, outcome: str = "") -> QuerySet[ImportRow]:
    rows = run.rows.all()
    return rows.filter(outcome=outcome) if outcome else rows


def visible_people(actor: Actor, person_ids: Sequence[UUID | None]) -> dict[UUID, Person]:
    """The matched or created people the actor may see (one audited list read); the others
    stay unnamed on the page, as limited records do in search."""
    wanted = {person_id for person_id in person_ids if person_id is not None}
    if not wanted:
        return {}
    people = {
        person.id: person
        for person in Person.objects.for_actor(actor, Category.IDENTITY).filter(id__in=wanted)
    }
    gate.record_list(
        actor, [PersonId(pid) for pid in people], Category.IDENTITY, object_type="people_import"
    )
    return people

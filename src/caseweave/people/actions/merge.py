"""Merging duplicate records of one person, and undoing it.

A merge moves no rows: the merged record points at the survivor (``merged_into``) and
every name, identifier, document and note stays on the record it was written on, which
is its provenance. The person page of the survivor shows both. Unmerging clears the
pointer, so both people are exactly as they were.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.errors import MergeRefused
from caseweave.people.models import Person, PersonIdentifier, PersonMerge

REASON = "merge consistency check"


def _conflicts(survivor_id: PersonId, merged_id: PersonId) -> list[str]:
    current = PersonIdentifier.objects.for_system(REASON).filter(ended_at__isnull=True)
    survivor = {(row.type, row.issuer): row for row in current.filter(person_id=survivor_id)}
    problems = []
    for row in current.filter(person_id=merged_id).order_by("type", "issuer"):
        other = survivor.get((row.type, row.issuer))
        if other is not None and other.normalised != row.normalised:
            problems.append(
                f"{row.get_type_display()}{f' ({row.issuer})' if row.issuer else ''}: "
                f"{other.value!r} and {row.value!r} differ"
            )
    return problems


@transaction.atomic
def person_merge(*, actor: Actor, survivor_id: PersonId, merged_id: PersonId) -> PersonMerge:
    """Fold ``merged_id`` into ``survivor_id``.

    Callers need ``people.merge_people`` (checked by the view) and UPDATE on both records
    (``gate.require``: a record the actor cannot see is ``NotFound``, so a merge never
    crosses an access boundary). Refuses (``MergeRefused``) a record merged already, the
    same record twice, or identifiers of one type with different values (both shown).
    Audits ``person.merged`` on both people.
    """
    if survivor_id == merged_id:
        raise MergeRefused("a record cannot be merged into itself")
    for person_id in (survivor_id, merged_id):
        gate.require(actor, person_id, Category.IDENTITY, Action.UPDATE, object_type="person")
    people = {
        person.id: person
        for person in Person.objects.for_system(REASON)
        .select_for_update()
        .filter(id__in=[survivor_id, merged_id])
    }
    survivor, merged = people[survivor_id], people[merged_id]
    if survivor.merged_into_id or merged.merged_into_id:
        raise MergeRefused("one of the records is already merged into another person")
    if Person.objects.for_system(REASON).filter(merged_into_id=merged_id).exists():
        raise MergeRefused("the record to merge has records merged into it; merge the survivor")
    conflicts = _conflicts(survivor_id, merged_id)
    if conflicts:
        raise MergeRefused("conflicting identifiers: " + "; ".join(conflicts))
    merged.merged_into_id = survivor.id
    merged.version += 1
    merged.updated_at = timezone.now()
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    merge = PersonMerge.objects.create(
        person_id=survivor.id, merged_id=merged.id, merged_by_id=actor.membership_id
    )
    recorder.record(
        actor,
        events.PERSON_MERGED,
        action="update",
        person_ids=[survivor.id, merged.id],
        person_id=survivor.id,
        categories=[Category.IDENTITY],
        object_type="person_merge",
        object_id=merge.pk,
        payload={"survivor_id": str(survivor.id), "merged_id": str(merged.id)},
    )
    return merge


@transaction.atomic
def person_unmerge(*, actor: Actor, merge_id: int) -> PersonMerge:
    """Undo a merge: both records stand alone again, exactly as before it.

    Needs UPDATE on both records (``NotFound`` otherwise). Audits ``person.unmerged``.
    """
    merge: PersonMerge = (
        PersonMerge.objects.for_system(REASON)
        .select_for_update()
        .get(pk=merge_id, undone_at__isnull=True)
    )
    for person_id in (merge.person_id, merge.merged_id):
        gate.require(
            actor, PersonId(person_id), Category.IDENTITY, Action.UPDATE, object_type="person"
        )
    merged = Person.objects.for_system(REASON).select_for_update().get(pk=merge.merged_id)
    merged.merged_into_id = None
    merged.version += 1
    merged.updated_at = timezone.now()
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    merge.undone_at = timezone.now()
    merge.undone_by_id = actor.membership_id
    merge.save(update_fields=["undone_at", "undone_by"])
    recorder.record(
        actor,
        events.PERSON_UNMERGED,
        action="update",
        person_ids=[merge.person_id, merge.merged_id],
        person_id=merge.person_id,
        categories=[Category.IDENTITY],
        object_type="person_merge",
        object_id=merge.pk,
    )
    return merge

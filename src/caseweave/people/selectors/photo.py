"""Opening a person's photo, as the access policy allows (a VIEW of DOCUMENTS, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db.models import F, Q

from caseweave.access import gate
from caseweave.access.errors import NotFound
from caseweave.access.types import Action, Actor, PersonId
from caseweave.people.actions.photo import PHOTO_CATEGORY, PHOTO_TYPES
from caseweave.people.models import Person


@dataclass(frozen=True)
class OpenPhoto:
    file: IO[bytes]
    content_type: str
    extension: str


def photo_record(actor: Actor, person_id: PersonId) -> Person | None:
    """The record whose photo stands for the person: their own, else the newest photo among
    the records merged into them (a merge moves nothing, so unmerge has nothing to restore).
    Only records the actor may see under the photo's category; None when there is none.
    Callers check the policy for ``person_id`` first (``photo_open``; the person page shows
    the photo only with the documents section)."""
    record: Person | None = (
        Person.objects.for_actor(actor, PHOTO_CATEGORY)
        .filter(Q(pk=person_id, merged_into__isnull=True) | Q(merged_into_id=person_id))
        .exclude(photo="")
        .order_by(F("merged_into_id").asc(nulls_first=True), "-updated_at")
        .only("id", "photo", "merged_into_id")
        .first()
    )
    return record


def photo_open(actor: Actor, person_id: PersonId) -> OpenPhoto:
    """The photo's open file. Audited as ``person_photo.view`` (or ``access.denied``); a
    person the actor may not see, and one without a photo, are both ``NotFound``."""
    gate.require(
        actor,
        person_id,
        PHOTO_CATEGORY,
        Action.VIEW,
        object_type="person_photo",
        object_id=str(person_id),
    )
    person = photo_record(actor, person_id)
    if person is None:
        raise NotFound()
    extension = person.photo.name.rsplit(".", 1)[-1].lower()
    kind = next((kind for kind in PHOTO_TYPES if kind.extension == extension), None)
    if kind is None:  # not stored by photo_set: never served under a guessed type
        raise NotFound()
    return OpenPhoto(person.photo.open("rb"), kind.content_type, kind.extension)

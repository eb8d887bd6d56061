"""A person's photo: set or replace it, or remove it.

A photo is filed under DOCUMENTS (docs/architecture.md says why): setting or removing one
needs UPDATE on that category. The upload passes the documents' checks (type sniffed from
the bytes, size limit, virus scan that fails closed) with JPEG and PNG allowed, loses
its metadata (``people.photo_metadata``) and is stored under a random name. Each change
names the person's ``version`` (``StaleVersion`` when stale) and bumps it; the old file is
deleted once the change is committed. Audited as ``person_photo.set``/``.removed``, and a
refused upload as ``person_photo.refused`` with a reason code; never the file name.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import IO, NoReturn

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.actions.person_edit import person_editing
from caseweave.people.documents import intake
from caseweave.people.documents.content import (
    HEIC,
    JPEG,
    PNG,
    SNIFF_BYTES,
    DocumentType,
    sniff_content_type,
)
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.models import Person
from caseweave.people.photo_metadata import DamagedImage, strip_metadata

PHOTO_CATEGORY = Category.DOCUMENTS
PHOTO_TYPES = (JPEG, PNG)
# HEIC keeps where the photo was taken (see people.photo_metadata), so it is refused by name:
# phones convert to JPEG when the form accepts only JPEG and PNG.


class PhotoRefused(InvalidPerson):
    """Nothing was stored. ``reason``: ``too_large``, ``content_type``, ``damaged``,
    ``infected`` or ``scanner_unavailable``."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__([Problem("photo", message)])


def photo_set(*, actor: Actor, person_id: PersonId, version: int, file: IO[bytes]) -> Person:
    """Store ``file`` as the person's photo, replacing any earlier one."""
    gate.authorise(actor, person_id, PHOTO_CATEGORY, Action.UPDATE, object_type="person_photo")
    content, kind = _checked_photo(actor, person_id, file)
    field = Person._meta.get_field("photo")
    storage = field.storage
    # Our name, never the uploader's: the storage path says nothing about the person.
    new_name = storage.save(
        field.generate_filename(None, f"{uuid.uuid4().hex}.{kind.extension}"),
        ContentFile(content),
    )
    try:
        with person_editing(actor, person_id, version, PHOTO_CATEGORY) as session:
            person = session.person
            old_name = person.photo.name or ""
            person.photo.name = new_name
            person.save(update_fields=["photo"])
            recorder.record(
                actor,
                events.PHOTO_SET,
                action="update",
                person_id=person_id,
                categories=[PHOTO_CATEGORY],
                object_type="person_photo",
                object_id=str(person_id),
                payload={
                    "content_type": kind.content_type,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "replaced": bool(old_name),
                    "version": person.version + 1,
                },
            )
            _delete_after_commit(storage, old_name)
    except BaseException:
        storage.delete(new_name)
        raise
    return person


def photo_remove(*, actor: Actor, person_id: PersonId, version: int) -> Person:
    """Remove the person's photo; the file is deleted once the change is committed."""
    with person_editing(actor, person_id, version, PHOTO_CATEGORY) as session:
        person = session.person
        old_name = person.photo.name or ""
        if not old_name:
            raise InvalidPerson([Problem("photo", "this person has no photo to remove")])
        person.photo.name = ""
        person.save(update_fields=["photo"])
        recorder.record(
            actor,
            events.PHOTO_REMOVED,
            action="update",
            person_id=person_id,
            categories=[PHOTO_CATEGORY],
            object_type="person_photo",
            object_id=str(person_id),
            payload={"version": person.version + 1},
        )
        _delete_after_commit(person.photo.storage, old_name)
    return person


def _delete_after_commit(storage: Storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _checked_photo(
    actor: Actor, person_id: PersonId, file: IO[bytes]
) -> tuple[bytes, DocumentType]:
    """The bytes to store (metadata stripped) and their type, or a refusal (audited)."""
    try:
        limit = intake.size_limit()
        try:
            content = intake.read_within(file, limit)
        except intake.TooLarge:
            raise intake.Unaccepted(
                "too_large", f"the photo is larger than {intake.size_text(limit)}"
            ) from None
        kind = sniff_content_type(content[:SNIFF_BYTES]) if content else None
        if kind == HEIC:
            raise intake.Unaccepted(
                "content_type",
                "HEIC photos are refused because their location data cannot be removed; "
                "save or share the photo as JPEG",
            )
        if kind is None or kind not in PHOTO_TYPES:
            labels = ", ".join(allowed.label for allowed in PHOTO_TYPES)
            raise intake.Unaccepted(
                "content_type",
                f"the photo must be a {labels} image (judged by its content, not its name)",
            )
        intake.scan_clean(content, "photo")
        try:
            return strip_metadata(content, kind.content_type), kind
        except DamagedImage as error:
            raise intake.Unaccepted(
                "damaged", f"the {kind.label} image is damaged ({error}); save it again and retry"
            ) from error
    except intake.Unaccepted as refused:
        _refuse(actor, person_id, refused.reason, refused.message, refused.detail)


def _refuse(
    actor: Actor, person_id: PersonId, reason: str, message: str, detail: str = ""
) -> NoReturn:
    with transaction.atomic():
        recorder.record(
            actor,
            events.PHOTO_REFUSED,
            action="update",
            person_id=person_id,
            categories=[PHOTO_CATEGORY],
            object_type="person_photo",
            object_id=str(person_id),
            payload={"reason": reason, "detail": detail[:200]},
        )
    raise PhotoRefused(reason, message)

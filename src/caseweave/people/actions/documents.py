"""Documents uploaded once: checked, scanned, stored, verified, ended or replaced.

An upload is refused, and nothing stored, when it is too large, is not a PDF or image by
its bytes, is flagged by the virus scanner, or the scanner cannot answer (fail closed).
Each refusal is audited (``person_document.refused`` with a reason code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import IO, NoReturn

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from caseweave.access import gate
from caseweave.access.errors import NotFound
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.choices import DocumentType, VerificationMethod
from caseweave.people.documents import intake
from caseweave.people.documents.content import SNIFF_BYTES, allowed_labels, sniff_content_type
from caseweave.people.documents.errors import DocumentRefused
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.models import Person, PersonDocument

SYSTEM_REASON = "document write the actor may make"


def document_upload(
    *,
    actor: Actor,
    person_id: PersonId,
    type: str,
    file: IO[bytes],
    file_name: str = "",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    replaces_id: int | None = None,
) -> PersonDocument:
    """Store a document of the person. Needs CREATE on DOCUMENTS. ``replaces_id`` ends
    that (current) document of the same person and points it at the new one."""
    problems = _metadata_problems(type, issued_on, expires_on)
    if problems:
        raise InvalidPerson(problems)
    gate.authorise(
        actor, person_id, Category.DOCUMENTS, Action.CREATE, object_type="person_document"
    )
    if (
        not Person.objects.for_system(SYSTEM_REASON)
        .filter(pk=person_id, merged_into__isnull=True)
        .exists()
    ):
        raise InvalidPerson([Problem("person", "this record was merged into another person")])
    content = _checked_content(actor, person_id, file)
    kind = sniff_content_type(content[:SNIFF_BYTES])
    assert kind is not None  # _checked_content refused anything else
    document = PersonDocument(
        person_id=person_id,
        type=type,
        content_type=kind.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=_display_name(file_name),
        issued_on=issued_on,
        expires_on=expires_on,
        uploaded_by_id=actor.membership_id,
    )
    # The stored name is ours: the uploader's file name never reaches the storage path.
    document.file.save(f"{uuid.uuid4().hex}.{kind.extension}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.save()
            if replaces_id is not None:
                _end(person_id, replaces_id, replaced_by=document)
            recorder.record(
                actor,
                events.DOCUMENT_UPLOADED,
                action="create",
                person_id=person_id,
                categories=[Category.DOCUMENTS],
                object_type="person_document",
                object_id=document.pk,
                payload={
                    "type": type,
                    "content_type": kind.content_type,
                    "size": len(content),
                    "replaces": replaces_id,
                },
            )
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    return document


def document_verify(
    *, actor: Actor, person_id: PersonId, document_id: int, method: str
) -> PersonDocument:
    """Record who verified the document (the actor's membership) and how."""
    if method not in VerificationMethod.values or method == VerificationMethod.NOT_VERIFIED:
        raise InvalidPerson([Problem("method", f"choose how it was verified, not {method!r}")])
    gate.authorise(
        actor, person_id, Category.DOCUMENTS, Action.UPDATE, object_type="person_document"
    )
    with transaction.atomic():
        document = _current(person_id, document_id)
        document.verification = method
        document.verified_by_id = actor.membership_id
        document.verified_at = timezone.now()
        document.save(update_fields=["verification", "verified_by", "verified_at"])
        recorder.record(
            actor,
            events.DOCUMENT_VERIFIED,
            action="update",
            person_id=person_id,
            categories=[Category.DOCUMENTS],
            object_type="person_document",
            object_id=document.pk,
            payload={"method": method},
        )
    return document


def document_end(*, actor: Actor, person_id: PersonId, document_id: int) -> None:
    """The document no longer applies (withdrawn, wrong person). It stays on record."""
    gate.authorise(
        actor, person_id, Category.DOCUMENTS, Action.UPDATE, object_type="person_document"
    )
    with transaction.atomic():
        _end(person_id, document_id)
        recorder.record(
            actor,
            events.DOCUMENT_ENDED,
            action="update",
            person_id=person_id,
            categories=[Category.DOCUMENTS],
            object_type="person_document",
            object_id=document_id,
        )


def _metadata_problems(
    type: str, issued_on: dt.date | None, expires_on: dt.date | None
) -> list[Problem]:
    problems = []
    if type not in DocumentType.values:
        problems.append(Problem("type", f"unknown document type {type!r}"))
    if issued_on is not None and issued_on > timezone.localdate():
        problems.append(Problem("issued_on", "the issue date is in the future"))
    if issued_on is not None and expires_on is not None and expires_on < issued_on:
        problems.append(Problem("expires_on", "the document expires before it was issued"))
    return problems


def _checked_content(actor: Actor, person_id: PersonId, file: IO[bytes]) -> bytes:
    try:
        limit = intake.size_limit()
        try:
            content = intake.read_within(file, limit)
        except intake.TooLarge:
            raise intake.Unaccepted(
                "too_large", f"the file is larger than the limit of {intake.size_text(limit)}"
            ) from None
        if not content:
            raise intake.Unaccepted("content_type", "the file is empty")
        if sniff_content_type(content[:SNIFF_BYTES]) is None:
            raise intake.Unaccepted(
                "content_type",
                f"the file is not a {allowed_labels()} file (judged by its content, not its name)",
            )
        intake.scan_clean(content, "file")
    except intake.Unaccepted as refused:
        _refuse(actor, person_id, refused.reason, refused.message, refused.detail)
    return content


def _refuse(
    actor: Actor, person_id: PersonId, reason: str, message: str, detail: str = ""
) -> NoReturn:
    with transaction.atomic():
        recorder.record(
            actor,
            events.DOCUMENT_REFUSED,
            action="create",
            person_id=person_id,
            categories=[Category.DOCUMENTS],
            object_type="person_document",
            payload={"reason": reason, "detail": detail[:200]},
        )
    raise DocumentRefused(reason, message)


def _current(person_id: PersonId, document_id: int) -> PersonDocument:
    document: PersonDocument | None = (
        PersonDocument.objects.for_system(SYSTEM_REASON)
        .select_for_update()
        .filter(pk=document_id, person_id=person_id)
        .first()
    )
    if document is None:
        raise NotFound()
    if document.ended_at is not None:
        raise InvalidPerson([Problem("document", "this document was already ended or replaced")])
    return document


def _end(person_id: PersonId, document_id: int, replaced_by: PersonDocument | None = None) -> None:
    document = _current(person_id, document_id)
    document.ended_at = timezone.now()
    document.replaced_by = replaced_by
    document.save(update_fields=["ended_at", "replaced_by"])


def _display_name(file_name: str) -> str:
    """The uploader's file name, for display only: no path separators, no control characters."""
    kept = "".join("_" if char in "/\\" else char for char in file_name if ord(char) >= 32)
    return kept[-200:]

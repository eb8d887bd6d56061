"""Documents uploaded once: content sniffing, size limit, virus scan, audited download."""

from __future__ import annotations

import io
import socket
import struct
import threading
from pathlib import Path

import pytest

from caseweave.access import tokens
from caseweave.access.errors import NotFound
from caseweave.access.tests.factories import ConsentFactory
from caseweave.access.types import Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.documents import document_end, document_upload, document_verify
from caseweave.people.choices import VerificationMethod
from caseweave.people.documents.content import sniff_content_type
from caseweave.people.documents.errors import DocumentRefused
from caseweave.people.documents.scanning import EICAR, ClamdScanner, ScannerUnavailable
from caseweave.people.models import PersonDocument
from caseweave.people.selectors.records import document_open
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"].actor


@pytest.fixture
def person(worker):
    return register(worker, given_names="Dana", family_names="Whitehorse")


def _upload(actor, person, content: bytes, name: str = "scan.pdf", **fields) -> PersonDocument:
    return document_upload(
        actor=actor,
        person_id=PersonId(person.id),
        type=fields.pop("type", "id_card"),
        file=io.BytesIO(content),
        file_name=name,
        **fields,
    )


def _stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _refusals() -> list[str]:
    return [
        event.payload["reason"]
        for event in AuditEvent.objects.filter(event_type="person_document.refused")
    ]


def test_a_pdf_is_stored_under_our_name_with_type_from_its_bytes(
    worker, person, media_root
) -> None:
    document = _upload(worker, person, PDF, name="../../etc/pass\x00wd.png")
    assert (document.content_type, document.size) == ("application/pdf", len(PDF))
    assert document.file.name.endswith(".pdf") and "passwd" not in document.file.name
    assert document.original_name == ".._.._etc_passwd.png"
    assert _stored_files(media_root) == [media_root / document.file.name]
    event = AuditEvent.objects.get(event_type="person_document.uploaded")
    assert event.payload["content_type"] == "application/pdf"


def test_an_executable_named_pdf_is_refused_and_not_stored(worker, person, media_root) -> None:
    with pytest.raises(DocumentRefused, match="not a PDF, JPEG, PNG, TIFF, HEIC file"):
        _upload(worker, person, EXECUTABLE, name="passport.pdf")
    assert _stored_files(media_root) == []
    assert not PersonDocument.objects.for_system("test").exists()
    assert _refusals() == ["content_type"]


def test_the_size_limit_comes_from_the_setting(worker, person, settings, media_root) -> None:
    settings.CASEWEAVE_DOCUMENT_MAX_BYTES = 50
    with pytest.raises(DocumentRefused, match="larger than the limit of 50 bytes") as error:
        _upload(worker, person, PNG)
    assert error.value.by_field() == {"file": [str(error.value.problems[0].message)]}
    assert _stored_files(media_root) == []
    assert _refusals() == ["too_large"]


def test_eicar_is_refused_and_never_stored(worker, person, media_root) -> None:
    with pytest.raises(DocumentRefused, match="found Eicar-Test-Signature"):
        _upload(worker, person, PDF + EICAR)
    assert _stored_files(media_root) == []
    assert not PersonDocument.objects.for_system("test").exists()
    assert _refusals() == ["infected"]


def test_an_unreachable_scanner_fails_closed(worker, person, settings, media_root) -> None:
    settings.CASEWEAVE_DOCUMENT_SCANNER = "caseweave.people.documents.scanning.ClamdScanner"
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.CASEWEAVE_CLAMD_ADDRESS = f"tcp://127.0.0.1:{port}"
    with pytest.raises(DocumentRefused, match="virus scanner could not check the file"):
        _upload(worker, person, PDF)
    assert _stored_files(media_root) == []
    assert _refusals() == ["scanner_unavailable"]


def _serve_clamd(listener: socket.socket) -> None:
    """One clamd conversation: read zINSTREAM chunks, answer like clamd does."""
    connection, _address = listener.accept()
    with connection:
        command = b""
        while not command.endswith(b"\0"):
            command += connection.recv(1)
        assert command == b"zINSTREAM\0"
        received = b""
        while True:
            header = b""
            while len(header) < 4:
                header += connection.recv(4 - len(header))
            (length,) = struct.unpack("!L", header)
            if length == 0:
                break
            while length:
                data = connection.recv(length)
                received += data
                length -= len(data)
        verdict = "Win.Test.EICAR_HDB-1 FOUND" if EICAR in received else "OK"
        connection.sendall(f"stream: {verdict}\0".encode())


@pytest.mark.parametrize(("content", "clean"), [(PDF * 3000, True), (PDF + EICAR, False)])
def test_clamd_scanner_speaks_instream(content: bytes, clean: bool) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        server = threading.Thread(target=_serve_clamd, args=(listener,))
        server.start()
        result = ClamdScanner(f"tcp://127.0.0.1:{listener.getsockname()[1]}", timeout=5)(content)
        server.join(5)
    assert result.clean is clean
    assert result.signature == ("" if clean else "Win.Test.EICAR_HDB-1")


def test_clamd_scanner_rejects_a_bad_address() -> None:
    with pytest.raises(ScannerUnavailable, match="neither tcp://host:port"):
        ClamdScanner("clamd.local")(PDF)


def test_download_is_audited_and_needs_documents_access(
    worker, person, make_persona, other_organisation
) -> None:
    document = _upload(worker, person, PDF)
    handle = document_open(worker, PersonId(person.id), document.pk)[1]
    with handle:
        assert handle.read() == PDF
    viewed = AuditEvent.objects.filter(event_type="person_document.view").get()
    assert viewed.object_id == str(document.pk)

    partner = make_persona("partner", organisation=other_organisation, role="caseworker").actor
    ConsentFactory(
        person_id=person.id,
        categories=tokens.pack([Category.IDENTITY]),
        recipients=[other_organisation],
    )
    with pytest.raises(NotFound):
        document_open(partner, PersonId(person.id), document.pk)
    assert AuditEvent.objects.filter(event_type="access.denied").count() == 1

    ConsentFactory(
        person_id=person.id,
        categories=tokens.pack([Category.IDENTITY, Category.DOCUMENTS]),
        recipients=[other_organisation],
    )
    _document, handle = document_open(partner, PersonId(person.id), document.pk)
    with handle:
        assert handle.read() == PDF


def test_verify_then_replace_keeps_the_old_document_on_record(worker, person) -> None:
    old = _upload(worker, person, PDF, issued_on=None)
    document_verify(
        actor=worker,
        person_id=PersonId(person.id),
        document_id=old.pk,
        method=VerificationMethod.SEEN_ORIGINAL,
    )
    new = _upload(worker, person, PNG, replaces_id=old.pk)
    old.refresh_from_db()
    assert old.verification == VerificationMethod.SEEN_ORIGINAL
    assert old.verified_by_id == worker.membership_id
    assert (old.ended_at is not None, old.replaced_by_id) == (True, new.pk)
    document_end(actor=worker, person_id=PersonId(person.id), document_id=new.pk)
    with pytest.raises(Exception, match="already ended or replaced"):
        document_end(actor=worker, person_id=PersonId(person.id), document_id=new.pk)


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00", None),  # an MP4 video
        (b"MZ\x90\x00", None),  # a Windows executable
        (b"\x7fELF\x02\x01", None),
        (b"<html><script>", None),
        (b"PK\x03\x04", None),  # a zip (or .docx)
        (b"", None),
    ],
)
def test_content_type_is_read_from_magic_numbers(head: bytes, content_type: str | None) -> None:
    kind = sniff_content_type(head)
    assert (kind.content_type if kind else None) == content_type


def test_replacing_another_persons_document_stores_nothing(worker, person, media_root) -> None:
    other = register(worker, given_names="Other")
    theirs = _upload(worker, other, PDF)
    with pytest.raises(NotFound):
        _upload(worker, person, PNG, replaces_id=theirs.pk)
    assert PersonDocument.objects.for_system("test").filter(person=person).count() == 0
    assert _stored_files(media_root) == [media_root / theirs.file.name]
    theirs.refresh_from_db()
    assert theirs.ended_at is None

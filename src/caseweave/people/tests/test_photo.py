"""A person's photo: checked like a document, stripped of metadata, versioned, audited."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from caseweave.access import tokens
from caseweave.access.errors import NotFound
from caseweave.access.tests.factories import ConsentFactory
from caseweave.access.types import Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.photo import PhotoRefused, photo_remove, photo_set
from caseweave.people.documents.scanning import EICAR
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.models import Person
from caseweave.people.selectors.photo import photo_open
from caseweave.people.tests import images
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


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


def _set(actor, person, content: bytes, version: int = 1) -> Person:
    return photo_set(
        actor=actor, person_id=PersonId(person.id), version=version, file=io.BytesIO(content)
    )


def _stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _refusal(actor, person, content: bytes) -> PhotoRefused:
    with pytest.raises(PhotoRefused) as refused:
        _set(actor, person, content)
    return refused.value


def test_a_png_is_stored_under_our_name_without_its_metadata(worker, person, media_root) -> None:
    stored = _set(worker, person, images.png())
    assert stored.version == 2
    assert stored.photo.name.startswith("people/photos/") and stored.photo.name.endswith(".png")
    assert _stored_files(media_root) == [media_root / stored.photo.name]
    content = (media_root / stored.photo.name).read_bytes()
    assert content.startswith(b"\x89PNG") and b"IDAT" in content
    assert b"eXIf" not in content and b"tEXt" not in content and b"51.5007" not in content
    event = AuditEvent.objects.get(event_type="person_photo.set")
    assert event.categories == [Category.DOCUMENTS]
    assert event.payload["content_type"] == "image/png"
    assert event.payload["replaced"] is False
    assert event.payload["size"] == len(content)


def test_a_jpeg_loses_exif_and_comments_and_keeps_its_picture(worker, person, media_root) -> None:
    stored = _set(worker, person, images.jpeg())
    content = (media_root / stored.photo.name).read_bytes()
    assert stored.photo.name.endswith(".jpg")
    assert b"JFIF" in content and content.endswith(images.JPEG_PICTURE + b"\xff\xd9")
    assert b"Exif" not in content and b"GPS" not in content and b"shelter" not in content


@pytest.mark.parametrize(
    "content", [PDF, b"MZ\x90\x00" + b"\x00" * 64, b""], ids=["pdf", "executable", "empty"]
)
def test_anything_but_jpeg_or_png_is_refused_naming_the_photo(
    worker, person, media_root, content
) -> None:
    refused = _refusal(worker, person, content)
    assert refused.reason == "content_type"
    assert [problem.field for problem in refused.problems] == ["photo"]
    assert "JPEG, PNG image" in refused.problems[0].message
    assert _stored_files(media_root) == []
    assert Person.objects.for_system("test").get(pk=person.pk).version == 1


def test_a_photo_over_the_size_limit_is_refused(settings, worker, person, media_root) -> None:
    settings.CASEWEAVE_DOCUMENT_MAX_BYTES = 100
    refused = _refusal(worker, person, images.png(width=64, height=64) + b"\x00" * 200)
    assert refused.reason == "too_large"
    assert "larger than 100 bytes" in refused.problems[0].message
    assert _stored_files(media_root) == []


def test_the_virus_scanner_refuses_eicar_and_the_refusal_is_audited(
    worker, person, media_root
) -> None:
    refused = _refusal(worker, person, b"\x89PNG\r\n\x1a\n" + EICAR)
    assert refused.reason == "infected"
    assert "Eicar-Test-Signature" in refused.problems[0].message
    assert _stored_files(media_root) == []
    event = AuditEvent.objects.get(event_type="person_photo.refused")
    assert event.payload == {"reason": "infected", "detail": "Eicar-Test-Signature"}
    assert event.person_id == person.id


def test_a_damaged_jpeg_is_refused(worker, person, media_root) -> None:
    refused = _refusal(worker, person, b"\xff\xd8\xff\xe0\x00\x40JFIF")
    assert refused.reason == "damaged"
    assert "damaged" in refused.problems[0].message
    assert _stored_files(media_root) == []


def test_a_stale_version_is_refused_and_nothing_is_left_stored(worker, person, media_root) -> None:
    _set(worker, person, images.png())
    with pytest.raises(StaleVersion):
        _set(worker, person, images.jpeg(), version=1)
    assert len(_stored_files(media_root)) == 1
    assert Person.objects.for_system("test").get(pk=person.pk).photo.name.endswith(".png")
    with pytest.raises(StaleVersion):
        photo_remove(actor=worker, person_id=PersonId(person.id), version=1)


def test_replacing_deletes_the_old_file_after_commit(
    worker, person, media_root, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = _set(worker, person, images.png())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = _set(worker, person, images.jpeg(), version=2)
        assert (media_root / first.photo.name).exists()  # not before the commit
    assert len(callbacks) == 1
    assert _stored_files(media_root) == [media_root / second.photo.name]
    assert second.version == 3
    latest = AuditEvent.objects.filter(event_type="person_photo.set").order_by("-pk")[0]
    assert latest.payload["replaced"] is True


def test_removing_deletes_the_file_and_is_audited(
    worker, person, media_root, django_capture_on_commit_callbacks
) -> None:
    _set(worker, person, images.png())
    with django_capture_on_commit_callbacks(execute=True):
        removed = photo_remove(actor=worker, person_id=PersonId(person.id), version=2)
    assert (removed.photo.name, removed.version) == ("", 3)
    assert _stored_files(media_root) == []
    assert AuditEvent.objects.get(event_type="person_photo.removed").payload == {"version": 3}
    with pytest.raises(InvalidPerson, match="no photo"):
        photo_remove(actor=worker, person_id=PersonId(person.id), version=3)


def test_someone_outside_the_care_team_may_not_set_a_photo(worker, media_root) -> None:
    stranger = PersonFactory()
    with pytest.raises(NotFound):
        _set(worker, stranger, images.png())
    assert _stored_files(media_root) == []
    assert AuditEvent.objects.filter(event_type="access.denied").count() == 1
    assert not AuditEvent.objects.filter(event_type="person_photo.refused").exists()


def test_the_photo_is_seen_only_with_documents_access_and_audited(
    worker, person, make_persona, other_organisation
) -> None:
    with pytest.raises(NotFound):
        photo_open(worker, PersonId(person.id))  # no photo yet
    _set(worker, person, images.png())
    opened = photo_open(worker, PersonId(person.id))
    with opened.file:
        assert opened.file.read().startswith(b"\x89PNG")
    assert opened.content_type == "image/png"
    assert AuditEvent.objects.filter(event_type="person_photo.view").count() == 2

    partner = make_persona("partner", organisation=other_organisation, role="caseworker").actor
    ConsentFactory(
        person_id=person.id,
        categories=tokens.pack([Category.IDENTITY]),
        recipients=[other_organisation],
    )
    with pytest.raises(NotFound):
        photo_open(partner, PersonId(person.id))
    ConsentFactory(
        person_id=person.id,
        categories=tokens.pack([Category.IDENTITY, Category.DOCUMENTS]),
        recipients=[other_organisation],
    )
    photo_open(partner, PersonId(person.id)).file.close()


def test_a_heic_photo_is_refused_saying_its_location_data_would_stay(
    worker, person, media_root
) -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    refused = _refusal(worker, person, heic)
    assert refused.reason == "content_type"
    assert [problem.field for problem in refused.problems] == ["photo"]
    assert "location data" in refused.problems[0].message
    assert _stored_files(media_root) == []

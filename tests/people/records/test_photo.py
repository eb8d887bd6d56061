"""A person's photo in the web pages and the API: shown only with documents access, served
by an audited view that browsers may not cache or sniff, changed with versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from caseweave.access import tokens
from caseweave.access.tests.factories import ConsentFactory
from caseweave.access.types import Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.merge import person_merge, person_unmerge
from caseweave.people.models import Person
from caseweave.people.tests import images
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

RECORDS = "web:people:people_records:"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"]


@pytest.fixture
def client(worker, client_for):
    return client_for(worker)


@pytest.fixture
def person(worker) -> Person:
    return register(worker.actor, given_names="Amara", family_names="Okafor")


@pytest.fixture
def partner(make_persona, other_organisation, person):
    """A caseworker of another agency the person consented to share identity with."""
    ConsentFactory(
        person_id=person.id,
        categories=tokens.pack([Category.IDENTITY]),
        recipients=[other_organisation],
    )
    return make_persona("partner", organisation=other_organisation, role="caseworker")


def _upload(client, person: Person, content: bytes, version: int = 1, name: str = "me.png"):
    return client.post(
        reverse(RECORDS + "photo_set", args=[person.id]),
        {"version": version, "photo": SimpleUploadedFile(name, content)},
    )


def _stored(person: Person) -> Person:
    return Person.objects.for_system("test").get(pk=person.pk)


def test_upload_shows_the_photo_on_the_person_page_through_the_audited_view(client, person) -> None:
    response = _upload(client, person, images.png())
    assert response.status_code == 302
    assert response["Location"].endswith(f"/people/{person.id}/edit/#photo")
    photo_url = reverse(RECORDS + "photo", args=[person.id])
    page = client.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert f'src="{photo_url}"' in page and 'data-testid="person-photo"' in page
    edit_page = client.get(reverse(RECORDS + "person_edit", args=[person.id])).content.decode()
    assert 'id="photo"' in edit_page and "Remove photo" in edit_page

    photo = client.get(photo_url)
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo["Cache-Control"] == "private, no-store"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert b"".join(photo.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(event_type="person_photo.view").count() == 1
    assert "me.png" not in str(AuditEvent.objects.get(event_type="person_photo.set").payload)


def test_a_viewer_without_documents_access_sees_no_photo(
    client, client_for, person, partner
) -> None:
    _upload(client, person, images.png())
    other = client_for(partner)
    page = other.get(reverse("web:people:detail", args=[person.id]))
    assert page.status_code == 200
    assert "person-photo" not in page.content.decode()
    assert other.get(reverse(RECORDS + "photo", args=[person.id])).status_code == 404
    assert AuditEvent.objects.filter(
        event_type="access.denied", object_type="person_photo"
    ).exists()


def test_a_refused_file_and_a_stale_version_are_reported_and_change_nothing(client, person) -> None:
    refused = _upload(client, person, PDF)
    messages = [str(message) for message in refused.wsgi_request._messages]
    assert "Photo: the photo must be a JPEG, PNG image" in " ".join(messages)
    assert _stored(person).version == 1 and not _stored(person).photo

    _upload(client, person, images.png())
    stale = _upload(client, person, images.jpeg(), version=1)
    assert any("Someone else changed this person" in str(m) for m in stale.wsgi_request._messages)
    assert _stored(person).photo.name.endswith(".png")


def test_remove_from_the_edit_page(client, person, media_root) -> None:
    _upload(client, person, images.png())
    response = client.post(reverse(RECORDS + "photo_remove", args=[person.id]), {"version": 2})
    assert response.status_code == 302
    assert not _stored(person).photo
    assert client.get(reverse(RECORDS + "photo", args=[person.id])).status_code == 404


MULTIPART = MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", "BoUnDaRy")


def _put(client, person: Person, content: bytes, version: int):
    body = {"version": str(version), "photo": SimpleUploadedFile("me.jpg", content)}
    return client.put(
        f"/api/v1/people/{person.id}/photo",
        encode_multipart("BoUnDaRy", body),
        content_type=MULTIPART,
    )


def test_api_put_get_delete(client, person) -> None:
    url = f"/api/v1/people/{person.id}/photo"
    assert reverse("api:person_photo", args=[person.id]) == url
    assert client.get(url).status_code == 404  # no photo yet

    put = _put(client, person, images.jpeg(), version=1)
    assert put.status_code == 200, put.content
    assert put.json()["version"] == 2
    got = client.get(url)
    assert (got.status_code, got["Content-Type"]) == (200, "image/jpeg")
    assert got["Cache-Control"] == "private, no-store"
    assert b"GPS" not in b"".join(got.streaming_content)

    stale = _put(client, person, images.png(), version=1)
    assert stale.status_code == 409
    refused = _put(client, person, PDF, version=2)
    assert refused.status_code == 422
    assert [error["field"] for error in refused.json()["errors"]] == ["photo"]
    body = encode_multipart("BoUnDaRy", {"version": "2"})
    missing = client.put(url, body, content_type=MULTIPART)
    assert missing.status_code == 422
    assert [error["field"] for error in missing.json()["errors"]] == ["photo"]

    assert client.delete(f"{url}?version=1").status_code == 409
    deleted = client.delete(f"{url}?version=2")
    assert (deleted.status_code, deleted.json()["version"]) == (200, 3)
    assert client.get(url).status_code == 404


def test_api_photo_of_a_person_shared_without_documents_is_404(
    client, client_for, person, partner
) -> None:
    _put(client, person, images.png(), version=1)
    other = client_for(partner)
    url = f"/api/v1/people/{person.id}/photo"
    assert other.get(url).status_code == 404
    assert other.delete(f"{url}?version=2").status_code == 404
    assert _stored(person).photo


def test_a_merged_record_s_photo_stands_for_the_survivor_until_unmerged(
    personas, client_for, worker, client, person
) -> None:
    supervisor = personas["supervisor"]
    duplicate = register(worker.actor, given_names="Amara", family_names="Okafor-Eze")
    assert _upload(client, duplicate, images.png()).status_code == 302
    merge = person_merge(
        actor=supervisor.actor, survivor_id=PersonId(person.id), merged_id=PersonId(duplicate.id)
    )
    viewer = client_for(supervisor)
    photo_url = reverse(RECORDS + "photo", args=[person.id])
    page = viewer.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert f'src="{photo_url}"' in page
    photo = viewer.get(photo_url)
    assert photo.status_code == 200
    assert b"".join(photo.streaming_content).startswith(b"\x89PNG")
    assert not _stored(person).photo  # nothing moved, so unmerge has nothing to restore

    person_unmerge(actor=supervisor.actor, merge_id=merge.id)
    page = viewer.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert 'data-testid="person-photo"' not in page
    assert viewer.get(photo_url).status_code == 404

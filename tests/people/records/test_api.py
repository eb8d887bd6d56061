"""The record-editing API: PATCH with versions (409), households, documents as multipart."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caseweave.people.models import Person, PersonDocument
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


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


def test_patch_changes_only_the_fields_sent_and_409s_on_a_stale_version(worker, client) -> None:
    person = register(worker.actor, given_names="Ivana", family_names="Novak", gender="woman")
    url = reverse("api:person_update", args=[person.id])
    assert url == f"/api/v1/people/{person.id}"  # the person's own path, beside GET
    response = client.patch(
        url, {"version": 1, "family_names": "Novak-Horvat", "birth_date": "1984-06"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert response.json()["birth_date"] == "1984-06"
    stored = Person.objects.for_system("test").get(pk=person.pk)
    assert (stored.family_names, stored.gender) == ("Novak-Horvat", "woman")

    stale = client.patch(url, {"version": 1, "gender": "other"}, content_type="application/json")
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert "Someone else changed this person" in stale.json()["detail"]
    assert Person.objects.for_system("test").get(pk=person.pk).gender == "woman"

    invalid = client.patch(
        url, {"version": 2, "sex": "dragon", "birth_date": "yesterday-ish"},
        content_type="application/json",
    )  # fmt: skip
    assert invalid.status_code == 422
    assert {error["field"] for error in invalid.json()["errors"]} == {"birth_date"}


def test_patch_of_someone_outside_the_care_team_is_404(client) -> None:
    person = PersonFactory()
    response = client.patch(
        reverse("api:person_update", args=[person.id]),
        {"version": 1, "gender": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_household_create_join_and_leave(worker, client) -> None:
    parent = register(worker.actor, given_names="Sara", family_names="Lind")
    child = register(worker.actor, given_names="Emil", family_names="Lind")
    created = client.post(
        reverse("api:household_create"),
        {"person_id": str(parent.id), "label": "Lind"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    household = created.json()
    joined = client.post(
        reverse("api:household_member_add", args=[household["id"]]),
        {"version": household["version"], "person_id": str(child.id), "relationship": "child"},
        content_type="application/json",
    )
    assert joined.status_code == 201, joined.content
    left = client.delete(
        reverse("api:household_member_leave", args=[household["id"], child.id])
        + f"?version={joined.json()['version']}"
    )
    assert left.status_code == 200, left.content
    body = client.get(reverse("api:household_detail", args=[household["id"]])).json()
    assert [member["display_name"] for member in body["current"]] == ["Sara Lind"]
    assert [member["display_name"] for member in body["past"]] == ["Emil Lind"]
    stale = client.delete(
        reverse("api:household_member_leave", args=[household["id"], parent.id]) + "?version=1"
    )
    assert stale.status_code == 409


def test_document_upload_list_download_and_verify(worker, client) -> None:
    person = register(worker.actor, given_names="Noor")
    upload_url = reverse("api:document_upload", args=[person.id])
    refused = client.post(
        upload_url,
        {"type": "passport", "file": SimpleUploadedFile("passport.pdf", b"MZ\x90\x00binary")},
    )
    assert refused.status_code == 422
    assert [error["field"] for error in refused.json()["errors"]] == ["file"]
    assert not PersonDocument.objects.for_system("test").exists()

    created = client.post(
        upload_url,
        {"type": "passport", "issued_on": "2020-01-02",
         "file": SimpleUploadedFile("scan.bin", PDF, content_type="application/octet-stream")},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    document = created.json()
    assert (document["content_type"], document["size"]) == ("application/pdf", len(PDF))

    listed = client.get(reverse("api:document_index", args=[person.id])).json()
    assert [row["id"] for row in listed] == [document["id"]]
    download = client.get(reverse("api:document_file", args=[person.id, document["id"]]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"

    verified = client.post(
        reverse("api:document_verify", args=[person.id, document["id"]]),
        {"method": "seen_original"},
        content_type="application/json",
    )
    assert verified.json()["verification"] == "seen_original"


def test_contacts_identifiers_names_and_moves_through_the_api(worker, client) -> None:
    person = register(worker.actor, given_names="Tariq")
    version = 1

    def post(path: str, body: dict[str, object]) -> dict[str, object]:
        nonlocal version
        response = client.post(
            reverse(path, args=[person.id]), {"version": version, **body},
            content_type="application/json",
        )  # fmt: skip
        assert response.status_code == 201, response.content
        version = response.json()["version"]
        return response.json()

    contact = post("api:contact_create", {"kind": "mobile", "value": "604 555 0190"})
    post("api:identifier_create", {"type": "passport", "value": "XK1234567"})
    name = post("api:name_create", {"kind": "street", "text": "Tee"})
    post("api:residence_create", {"situation": "shelter", "place_note": "Eastside"})
    ended = client.delete(
        reverse("api:contact_remove", args=[person.id, contact["row_id"]]) + f"?version={version}"
    )
    assert ended.status_code == 200, ended.content
    version = ended.json()["version"]
    stale = client.delete(
        reverse("api:name_remove", args=[person.id, name["row_id"]]) + f"?version={version - 1}"
    )
    assert stale.status_code == 409
    bad = client.post(
        reverse("api:identifier_create", args=[person.id]),
        {"version": version, "type": "social_insurance", "value": "123 456 789"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "identifier"
    assert "123 456 789" in bad.json()["errors"][0]["detail"]
    detail = client.get(reverse("api:person_detail", args=[person.id])).json()
    assert detail["version"] == version == 6
    assert [item["current"] for item in detail["contacts"]] == [False]


def test_contact_flags_change_in_place_with_versions(worker, client) -> None:
    from caseweave.people.inputs import ContactInput
    from caseweave.people.models import ContactMethod

    person = register(
        worker.actor, given_names="Tariq",
        contacts=(ContactInput(kind="mobile", value="604 555 0191"),),
    )  # fmt: skip
    contact = ContactMethod.objects.for_system("test").get(person=person)
    url = reverse("api:contact_flags_update", args=[person.id, contact.pk])
    response = client.patch(
        url, {"version": 1, "consent_to_contact": True}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "person_id": str(person.id), "contact_id": contact.pk, "version": 2,
        "consent_to_contact": True, "safe_to_leave_message": False,
        "changed": ["consent_to_contact"],
    }  # fmt: skip
    stale = client.patch(
        url, {"version": 1, "safe_to_leave_message": True}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    unchanged = client.patch(
        url, {"version": 2, "consent_to_contact": True}, content_type="application/json"
    )
    assert unchanged.json()["version"] == 2 and unchanged.json()["changed"] == []
    null = client.patch(
        url, {"version": 2, "consent_to_contact": None}, content_type="application/json"
    )
    assert null.status_code == 422
    assert null.json()["errors"][0]["field"] == "consent_to_contact"
    gone = client.patch(
        reverse("api:contact_flags_update", args=[person.id, contact.pk + 1000]),
        {"version": 2, "consent_to_contact": False}, content_type="application/json",
    )  # fmt: skip
    assert gone.status_code == 422
    assert gone.json()["errors"][0]["field"] == "contact"
    assert ContactMethod.objects.for_system("test").get(pk=contact.pk).consent_to_contact


def test_contact_flags_of_someone_outside_the_care_team_is_404(client) -> None:
    from caseweave.people.models import ContactMethod

    contact = ContactMethod.objects.create(person=PersonFactory(), kind="mobile", value="604")
    response = client.patch(
        reverse("api:contact_flags_update", args=[contact.person_id, contact.pk]),
        {"version": 1, "consent_to_contact": True}, content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 404


def test_the_old_record_path_is_gone(worker, client) -> None:
    """``PATCH /people/{id}/record`` was a stand-in for ``PATCH /people/{id}``; nothing
    outside this repository used it, so it was removed rather than kept as an alias."""
    person = register(worker.actor, given_names="Ivana")
    response = client.patch(
        f"/api/v1/people/{person.id}/record", {"version": 1, "gender": "x"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code in {404, 405}
    assert Person.objects.for_system("test").get(pk=person.pk).gender == ""

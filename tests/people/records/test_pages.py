"""The record pages: edit sections, version conflicts, households, documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caseweave.access import tokens
from caseweave.access.tests.factories import ConsentFactory
from caseweave.access.types import Actor, Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.households import household_create, household_member_add
from caseweave.people.inputs import IdentifierInput
from caseweave.people.models import ContactMethod, Person, PersonDocument
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
RECORDS = "web:people:people_records:"


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


def _identity(person: Person, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": person.version,
        "given_names": person.given_names,
        "family_names": person.family_names,
        "name_order": person.name_order,
        "sex": person.sex,
        "birth_date": person.birth_date_display,
    }
    data.update(changes)
    return data


def test_a_stale_identity_form_is_refused_with_a_clear_message(worker, client) -> None:
    person = register(worker.actor, given_names="Jan", family_names="Kowalski")
    url = reverse(RECORDS + "person_edit", args=[person.id])
    assert client.get(url).status_code == 200
    saved = client.post(url, _identity(person, gender="man"))
    assert saved.status_code == 302
    stale = client.post(url, _identity(person, gender="other"))
    assert stale.status_code == 409
    assert "Someone else changed this person since you opened the page" in stale.content.decode()
    assert Person.objects.for_system("test").get(pk=person.pk).gender == "man"


def test_a_phone_added_on_the_edit_page_shows_on_the_person_page(worker, client) -> None:
    person = register(worker.actor, given_names="Rosa")
    response = client.post(
        reverse(RECORDS + "contact_add", args=[person.id]),
        {"version": 1, "kind": "mobile", "value": "604 555 0177", "safe_to_leave_message": "on"},
    )
    assert response.status_code == 302
    page = client.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert "604 555 0177" in page
    assert ContactMethod.objects.for_system("test").get(person=person).safe_to_leave_message


def test_an_identifier_held_by_someone_else_is_named_in_the_message(worker, client) -> None:
    register(
        worker.actor,
        given_names="First",
        identifiers=(IdentifierInput(type="social_insurance", value="046 454 286"),),
    )
    person = register(worker.actor, given_names="Second")
    response = client.post(
        reverse(RECORDS + "identifier_add", args=[person.id]),
        {"version": 1, "type": "social_insurance", "value": "046454286"},
        follow=True,
    )
    page = response.content.decode()
    assert "Social insurance number &#x27;046454286&#x27; is already registered" in page
    assert "First" not in page


def test_upload_sniffs_content_and_download_is_audited(worker, client) -> None:
    person = register(worker.actor, given_names="Kofi")
    url = reverse(RECORDS + "documents", args=[person.id])
    refused = client.post(
        url, {"type": "id_card", "file": SimpleUploadedFile("id.pdf", b"MZ\x90\x00not a pdf")}
    )
    assert refused.status_code == 422
    assert "judged by its content, not its name" in refused.content.decode()
    assert (
        client.post(url, {"type": "id_card", "file": SimpleUploadedFile("id.pdf", PDF)}).status_code
        == 302
    )
    document = PersonDocument.objects.for_system("test").get()
    download = client.get(reverse(RECORDS + "document_download", args=[person.id, document.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(
        event_type="person_document.view", object_id=str(document.pk)
    ).exists()


def test_identity_only_consent_does_not_reveal_documents(
    worker, client, make_persona, other_organisation, client_for
) -> None:
    person = register(worker.actor, given_names="Leila")
    client.post(
        reverse(RECORDS + "documents", args=[person.id]),
        {"type": "id_card", "file": SimpleUploadedFile("id.pdf", PDF)},
    )
    document = PersonDocument.objects.for_system("test").get()
    partner = make_persona("partner", organisation=other_organisation, role="caseworker")
    ConsentFactory(
        person_id=person.id, categories=tokens.pack([Category.IDENTITY]),
        recipients=[other_organisation],
    )  # fmt: skip
    theirs = client_for(partner)
    assert theirs.get(reverse("web:people:detail", args=[person.id])).status_code == 200
    assert theirs.get(reverse(RECORDS + "documents", args=[person.id])).status_code == 404
    download = reverse(RECORDS + "document_download", args=[person.id, document.pk])
    assert theirs.get(download).status_code == 404


def test_household_page_hides_members_the_viewer_may_not_see(
    worker, client, make_persona, other_organisation, client_for
) -> None:
    mother = register(worker.actor, given_names="Hana", family_names="Sato")
    household = household_create(actor=worker.actor, person_id=PersonId(mother.id))
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    lodger = register(outsider.actor, given_names="Hidden", family_names="Lodger")
    # Each agency works with one of them; neither may see the other's person.
    household_member_add(
        actor=Actor.system("test setup"),
        household_id=household.id,
        version=1,
        person_id=PersonId(lodger.id),
        relationship="non_relative",
    )
    page = client.get(reverse(RECORDS + "household", args=[household.id])).content.decode()
    assert "Hana Sato" in page
    assert "Lodger" not in page


def test_only_the_fields_changed_on_the_form_are_saved_and_audited(worker, client) -> None:
    person = register(
        worker.actor,
        given_names="Old",
        birth_date=dt.date(1980, 1, 1),
        birth_date_precision="estimated",
        languages=("pl", "en"),
    )
    url = reverse(RECORDS + "person_edit", args=[person.id])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data["given_names"] = "New"
    assert client.post(url, data).status_code == 302
    stored = Person.objects.for_system("test").get(pk=person.pk)
    assert (stored.given_names, stored.birth_date) == ("New", dt.date(1980, 1, 1))
    event = AuditEvent.objects.filter(event_type="person.updated").get()
    assert event.payload["fields"] == ["given_names"]


def _with_phone(worker) -> tuple[Person, ContactMethod]:
    from caseweave.people.inputs import ContactInput

    person = register(
        worker.actor, given_names="Mira",
        contacts=(ContactInput(kind="mobile", value="604 555 0177"),),
    )  # fmt: skip
    return person, ContactMethod.objects.for_system("test").get(person=person)


def test_contact_flags_change_in_place_with_htmx(worker, client) -> None:
    """The edit page comes back with the flags saved and a fresh version in every form."""
    person, contact = _with_phone(worker)
    url = reverse(RECORDS + "contact_flags", args=[person.id, contact.pk])
    response = client.post(
        url, {"version": 1, "consent_to_contact": "on", "safe_to_leave_message": "on"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Contact preferences saved." in page
    assert 'name="version" value="2"' in page and 'name="version" value="1"' not in page
    stored = ContactMethod.objects.for_system("test").get(pk=contact.pk)
    assert (stored.consent_to_contact, stored.safe_to_leave_message) == (True, True)
    assert stored.ended_at is None
    # Unticking both is a change too (a checkbox left out of the form is false).
    client.post(url, {"version": 2}, HTTP_HX_REQUEST="true")
    stored.refresh_from_db()
    assert (stored.consent_to_contact, stored.safe_to_leave_message) == (False, False)


def test_stale_contact_flags_answer_409_with_the_reason(worker, client) -> None:
    person, contact = _with_phone(worker)
    url = reverse(RECORDS + "contact_flags", args=[person.id, contact.pk])
    client.post(url, {"version": 1, "consent_to_contact": "on"}, HTTP_HX_REQUEST="true")
    stale = client.post(url, {"version": 1}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    assert "Someone else changed this person" in stale.content.decode()
    assert ContactMethod.objects.for_system("test").get(pk=contact.pk).consent_to_contact


def test_contact_flags_without_htmx_redirect_to_the_contacts(worker, client) -> None:
    person, contact = _with_phone(worker)
    response = client.post(
        reverse(RECORDS + "contact_flags", args=[person.id, contact.pk]),
        {"version": 1, "safe_to_leave_message": "on"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/people/{person.id}/edit/#contacts")
    assert ContactMethod.objects.for_system("test").get(pk=contact.pk).safe_to_leave_message

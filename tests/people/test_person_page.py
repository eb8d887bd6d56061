"""The person page: sections only for what the policy allows, 404 for a refused person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.audit.models import AuditEvent
from caseweave.people.models import PersonNote
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


def test_a_person_outside_the_care_team_looks_missing_and_the_denial_is_audited(
    personas, other_organisation, make_persona, client_for
) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    response = client_for(outsider).get(reverse("web:people:detail", args=[person.id]))
    assert response.status_code == 404
    assert "Krasniqi" not in response.content.decode()
    denied = AuditEvent.objects.get(event_type="access.denied", person_id=person.id)
    assert denied.actor_membership_id == outsider.membership.pk


def test_sensitive_sections_are_absent_from_the_html_when_refused(personas, client_for) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    PersonNote.objects.create(person=person, category="mental_health", text="Sees Dr. Example")
    html = (
        client_for(personas["outreach_worker"])
        .get(reverse("web:people:detail", args=[person.id]))
        .content.decode()
    )
    assert "Ana Krasniqi" in html
    assert 'data-section="notes-case_notes"' in html
    assert "notes-mental_health" not in html
    assert "Sees Dr. Example" not in html


def test_a_case_note_is_added_and_audited_without_its_text(personas, client_for) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    client = client_for(personas["outreach_worker"])
    response = client.post(
        reverse("web:people:note_add", args=[person.id]),
        {"category": "case_notes", "text": "Met at the bridge; wants help with ID."},
    )
    assert response.status_code == 302
    html = client.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert "Met at the bridge; wants help with ID." in html
    added = AuditEvent.objects.get(event_type="person_note.added")
    assert added.categories == ["case_notes"]
    assert "bridge" not in str(added.payload)


def test_registration_shows_every_problem_next_to_its_field(personas, client_for) -> None:
    response = client_for(personas["outreach_worker"]).post(
        reverse("web:people:register"),
        {
            "name_order": "given_first",
            "sex": "unknown",
            "birth_date": "31.02.1990",
            "identifier_type": "social_insurance",
            "identifier_value": "123 456 789",
        },
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "birth_date" in form.errors
    assert "31.02.1990" in form.errors["birth_date"][0]


def test_checksum_failure_names_the_identifier(personas, client_for) -> None:
    response = client_for(personas["outreach_worker"]).post(
        reverse("web:people:register"),
        {
            "given_names": "Li",
            "name_order": "single",
            "sex": "unknown",
            "identifier_type": "social_insurance",
            "identifier_value": "046 454 287",
            "confirmed_new": "1",
        },
    )
    assert response.status_code == 422
    assert "046 454 287" in response.context["form"].errors["identifier_value"][0]

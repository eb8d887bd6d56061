"""Section-level reads: each person page or response names the categories it showed, and
the access report answers "who saw this person's mental-health notes"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.access import actions
from caseweave.access.types import Category
from caseweave.audit.models import AuditEvent
from caseweave.people.models import PersonNote
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(personas):
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    PersonNote.objects.create(person=person, category="mental_health", text="Sees Dr. Example")
    return person


@pytest.fixture
def outsider(make_persona, other_organisation):
    return make_persona("outsider", organisation=other_organisation, role="caseworker")


def _consent(personas, person, outsider, categories):
    return actions.consent_capture(
        actor=personas["outreach_worker"].actor,
        person_id=person.id,
        categories=categories,
        purposes=["service_coordination"],
        recipient_organisation_ids=[outsider.membership.organisation_id],
        evidence_kind="verbal",
        witness_name="A. Witness",
    )


@pytest.mark.parametrize("route", ["web:people:detail", "api:person_detail"])
def test_a_housing_consent_shows_and_audits_housing_and_identity_only(
    route, personas, person, outsider, client_for
) -> None:
    consent = _consent(personas, person, outsider, ["identity", "housing"])
    response = client_for(outsider).get(reverse(route, args=[person.id]))
    assert response.status_code == 200
    assert "Sees Dr. Example" not in response.content.decode()
    shown = AuditEvent.objects.get(event_type="person.sections_viewed")
    expected = ["identity", "housing"] if route.startswith("web") else ["identity"]
    assert shown.categories == expected
    assert shown.actor_membership_id == outsider.membership.pk
    assert shown.basis == "consent"
    assert shown.payload["bases"] == {category: f"consent:{consent.pk}" for category in expected}
    viewed = AuditEvent.objects.filter(actor_membership_id=outsider.membership.pk)
    assert all("mental_health" not in event.categories for event in viewed)


def test_the_access_report_lists_who_saw_mental_health_notes(
    personas, person, outsider, client_for
) -> None:
    _consent(personas, person, outsider, ["identity", "mental_health"])
    client_for(outsider).get(reverse("web:people:detail", args=[person.id]))
    client_for(personas["outreach_worker"]).get(reverse("web:people:detail", args=[person.id]))
    steward = client_for(personas["data_steward"])
    url = reverse("web:access:access_report", args=[person.id])
    page = steward.get(url, {"category": "mental_health"})
    assert page.status_code == 200
    rows = [row.event for row in page.context["rows"]]
    # Only the outsider was shown the notes; the outreach worker's organisation serves
    # the person but the care team does not read sensitive categories back.
    viewers = {
        event.actor_membership_id for event in rows if event.event_type == "person.sections_viewed"
    }
    assert viewers == {outsider.membership.pk}
    assert all("mental_health" in event.categories for event in rows)
    assert "<td>Identity &amp; contact, Mental health</td>" in page.content.decode()
    api = steward.get(
        reverse("api:access_report", args=[person.id]), {"category": str(Category.MENTAL_HEALTH)}
    )
    assert {row["event_type"] for row in api.json()} >= {"person.sections_viewed"}
    assert all("mental_health" in row["categories"] for row in api.json())


def test_an_unknown_report_filter_is_refused_beside_the_field(personas, person, client_for):
    page = client_for(personas["data_steward"]).get(
        reverse("web:access:access_report", args=[person.id]), {"category": "astrology"}
    )
    assert page.status_code == 200
    assert page.context["form"].errors["category"]

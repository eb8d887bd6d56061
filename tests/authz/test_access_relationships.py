"""Access's person routes x every role x every relationship: status and audit events.

The expected outcome comes from one table (``relationships.EXPECTED_VIEW``) plus the
route's module permission; each request must write exactly the audit events declared.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.urls import reverse

from caseweave.access.types import Category
from caseweave.audit.models import AuditEvent
from caseweave.core.roles import permissions_for
from tests.authz.matrix import FORBIDDEN, NOT_FOUND, OK
from tests.authz.relationships import RELATIONSHIPS, establish, expected_view
from tests.personas import PERSONA_ROLES


@dataclass(frozen=True)
class PersonRoute:
    name: str
    permission: str
    allowed_event: str  # the one audit event an allowed request writes


PERSON_ROUTES = (
    PersonRoute("web:access:care_team", "people.view_people", "care_team.view"),
    PersonRoute("api:care_team", "people.view_people", "care_team.view"),
    PersonRoute("web:access:person_consents", "access.manage_consents", "consent.view"),
    PersonRoute("web:access:access_report", "audit.view_access_reports", "access_report.viewed"),
)


@pytest.mark.parametrize("route", PERSON_ROUTES, ids=lambda route: route.name)
@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize("role_key", PERSONA_ROLES)
def test_person_route_answers_and_audits_as_declared(
    route, relationship, role_key, make_persona, client_for
) -> None:
    persona = make_persona(role_key)
    person_id = uuid.uuid4()
    establish(relationship, persona, person_id)
    basis = expected_view(persona.membership.role, relationship, Category.IDENTITY)
    if route.permission not in permissions_for(persona.membership.role):
        expected, events = FORBIDDEN, []
    elif basis is None:
        expected, events = NOT_FOUND, [("access.denied", False, "none")]
    else:
        expected, events = OK, [(route.allowed_event, True, str(basis))]
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client_for(persona).get(reverse(route.name, kwargs={"person_id": person_id}))
    assert response.status_code == expected, (route.name, role_key, relationship)
    written = list(
        AuditEvent.objects.filter(id__gt=last)
        .exclude(event_type__startswith="auth.")
        .values_list("event_type", "allowed", "basis")
    )
    assert written == events
    if events:
        event = AuditEvent.objects.filter(id__gt=last, event_type=events[0][0]).get()
        assert event.person_id == person_id
        assert event.actor_membership_id == persona.membership.pk


# --- The person page and the person API: which sections were shown, per relationship ------

SECTION_ROUTES = ("web:people:detail", "api:person_detail")
PAGE_SECTIONS = (Category.HOUSING, Category.FAMILY, Category.DOCUMENTS)
NOTED = (Category.CASE_NOTES, Category.MENTAL_HEALTH)


def _person_with_notes() -> uuid.UUID:
    from caseweave.people.models import PersonNote
    from caseweave.people.tests.factories import PersonFactory

    person = PersonFactory(given_names="Section", family_names="Matrix")
    for category in NOTED:
        PersonNote.objects.create(person=person, category=category, text=f"A {category} note")
    return person.pk


def expected_sections(route: str, role: str, relationship: str) -> list[str]:
    """What the page (or response) shows: identity always, then the sections the policy
    allows; notes in the order of the page (case notes first)."""
    allowed = [
        category
        for category in (*PAGE_SECTIONS, *NOTED)
        if expected_view(role, relationship, category) is not None
        and (route == "web:people:detail" or category in NOTED)
    ]
    return [str(Category.IDENTITY), *(str(category) for category in allowed)]


@pytest.mark.parametrize("route", SECTION_ROUTES)
@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize("role_key", PERSONA_ROLES)
def test_person_views_audit_exactly_the_sections_shown(
    route, relationship, role_key, make_persona, client_for
) -> None:
    persona = make_persona(role_key)
    role = persona.membership.role
    person_id = _person_with_notes()
    establish(relationship, persona, person_id)
    basis = expected_view(role, relationship, Category.IDENTITY)
    if "people.view_people" not in permissions_for(role):
        expected, events = FORBIDDEN, []
    elif basis is None:
        expected, events = NOT_FOUND, [("access.denied", False, "none")]
    else:
        expected = OK
        events = [("person.view", True, str(basis)), ("person.sections_viewed", True, str(basis))]
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client_for(persona).get(reverse(route, kwargs={"person_id": person_id}))
    assert response.status_code == expected, (route, role_key, relationship)
    written = AuditEvent.objects.filter(id__gt=last).exclude(event_type__startswith="auth.")
    assert list(written.values_list("event_type", "allowed", "basis")) == events
    if expected != OK:
        return
    sections = written.get(event_type="person.sections_viewed")
    assert sections.categories == expected_sections(route, role, relationship)
    assert sections.person_id == person_id
    body = response.content.decode()
    assert ("A mental_health note" in body) == (str(Category.MENTAL_HEALTH) in sections.categories)

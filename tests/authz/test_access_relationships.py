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

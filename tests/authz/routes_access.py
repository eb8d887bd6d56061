"""Routes of the access module (web pages and API), for personas of the Home Agency.

The person used here is a client of the Home Agency (the "own_organisation_client"
relationship); every other relationship is walked in ``test_access_relationships.py``.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from caseweave.access.models import BreakGlassGrant, CareTeamMember
from caseweave.access.tests.factories import AgreementFactory, ConsentFactory
from caseweave.core.tests.factories import MembershipFactory
from tests.authz.matrix import (
    ANONYMOUS,
    BAD_REQUEST,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHENTICATED,
    Route,
)
from tests.authz.relationships import OWN_ORGANISATION_CLIENT, establish

FRONTLINE_ROLES = (
    "outreach_worker",
    "intake_officer",
    "caseworker",
    "supervisor",
    "receiving_agency_staff",
    "table_chair",
    "benefits_officer",
    "benefits_approver",
)
ALL_ROLES = (
    *FRONTLINE_ROLES,
    "table_member",
    "programme_coordinator",
    "analyst",
    "data_steward",
    "administrator",
)


def only(
    roles: tuple[str, ...] | set[str], status: int, anonymous: int = REDIRECT
) -> dict[str, int]:
    """``status`` for the roles holding the permission, 403 for the rest."""
    return {
        ANONYMOUS: anonymous,
        **{role: (status if role in roles else FORBIDDEN) for role in ALL_ROLES},
    }


MANAGE_CONSENTS = {*FRONTLINE_ROLES, "programme_coordinator", "data_steward"}
VIEW_PEOPLE = {*FRONTLINE_ROLES, "table_member", "programme_coordinator", "data_steward"}
BREAK_GLASS = {*FRONTLINE_ROLES, "table_member", "data_steward", "administrator"}
REPORTS = {"supervisor", "data_steward"}
STEWARD = {"data_steward"}


def _client(personas: dict[str, Any]) -> uuid.UUID:
    person_id = uuid.uuid4()
    establish(OWN_ORGANISATION_CLIENT, personas["caseworker"], person_id)
    return person_id


def _person(personas: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": _client(personas)}


def _consent(personas: dict[str, Any]) -> dict[str, Any]:
    consent = ConsentFactory(
        person_id=_client(personas), captured_by=personas["caseworker"].membership
    )
    return {"consent_id": consent.pk}


def _someone_elses_care_team_role(personas: dict[str, Any]) -> dict[str, Any]:
    member = CareTeamMember.objects.create(
        person_id=_client(personas),
        organisation=personas["caseworker"].membership.organisation,
        membership=MembershipFactory(organisation=personas["caseworker"].membership.organisation),
    )
    return {"member_id": member.pk}


def _grant(personas: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    grant = BreakGlassGrant.objects.create(
        person_id=uuid.uuid4(),
        membership=personas["caseworker"].membership,
        reason="Emergency on the street",
        opened_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=4),
    )
    return {"grant_id": grant.pk}


def _agreement(personas: dict[str, Any]) -> dict[str, Any]:
    agreement = AgreementFactory(parties=[personas["caseworker"].membership.organisation])
    return {"agreement_id": agreement.pk}


API = {ANONYMOUS: UNAUTHENTICATED}


def _configured_category(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.access.models import ConfiguredCategory

    category = ConfiguredCategory.objects.create(
        slug="immigration_status",
        label="Immigration status",
        created_by=personas["data_steward"].membership,
    )
    return {"category_id": category.pk}


def api_only(roles: set[str], status: int) -> dict[str, int]:
    return only(tuple(roles), status, anonymous=UNAUTHENTICATED)


ROUTES = [
    Route("web:access:consent_list", default=OK, expect=only(MANAGE_CONSENTS, OK)),
    Route(
        "web:access:person_consents", setup=_person, default=OK, expect=only(MANAGE_CONSENTS, OK)
    ),
    Route("web:access:consent_create", setup=_person, default=OK, expect=only(MANAGE_CONSENTS, OK)),
    Route(
        "web:access:consent_create",
        method="post",
        setup=_person,
        data={"categories": ["housing"]},
        default=INVALID,
        expect=only(MANAGE_CONSENTS, INVALID),
    ),
    Route(
        "web:access:consent_receipt", setup=_consent, default=OK, expect=only(MANAGE_CONSENTS, OK)
    ),
    Route(
        "web:access:consent_withdraw",
        setup=_consent,
        default=OK,
        expect=only(MANAGE_CONSENTS, OK),
    ),
    Route(
        "web:access:consent_withdraw",
        method="post",
        setup=_consent,
        data={"reason": "The person asked"},
        default=REDIRECT,
        expect=only(MANAGE_CONSENTS, REDIRECT),
    ),
    Route("web:access:care_team", setup=_person, default=OK, expect=only(VIEW_PEOPLE, OK)),
    Route(
        "web:access:care_team_join",
        method="post",
        setup=_person,
        default=REDIRECT,
        expect=only(VIEW_PEOPLE, REDIRECT),
    ),
    Route(
        "web:access:care_team_leave",
        method="post",
        setup=_someone_elses_care_team_role,
        default=NOT_FOUND,
        expect=only(VIEW_PEOPLE, NOT_FOUND),
    ),
    Route("web:access:break_glass", setup=_person, default=OK, expect=only(BREAK_GLASS, OK)),
    Route(
        "web:access:break_glass",
        method="post",
        setup=_person,
        data={"reason": ""},
        default=INVALID,
        expect=only(BREAK_GLASS, INVALID),
    ),
    Route("web:access:access_report", setup=_person, default=OK, expect=only(REPORTS, OK)),
    Route("web:access:access_report_print", setup=_person, default=OK, expect=only(REPORTS, OK)),
    Route("web:access:review_queue", default=OK, expect=only(STEWARD, OK)),
    Route("web:access:review_detail", setup=_grant, default=OK, expect=only(STEWARD, OK)),
    Route("web:access:agreement_list", default=OK, expect=only(STEWARD, OK)),
    Route(
        "web:access:agreement_end",
        method="post",
        setup=_agreement,
        default=REDIRECT,
        expect=only(STEWARD, REDIRECT),
    ),
    Route("web:access:template_list", default=OK, expect=only(STEWARD, OK)),
    Route("web:access:reports", default=OK, expect=only(REPORTS, OK)),
    Route("web:access:category_list", default=OK, expect=only(STEWARD, OK)),
    Route(
        "web:access:category_list",
        method="post",
        data={"slug": "gambling", "label": "Gambling", "record_types": ["note"]},
        default=REDIRECT,
        expect=only(STEWARD, REDIRECT),
    ),
    Route(
        "web:access:category_edit", setup=_configured_category, default=OK, expect=only(STEWARD, OK)
    ),
    # API
    Route("api:person_consents", setup=_person, default=OK, expect=api_only(MANAGE_CONSENTS, OK)),
    Route(
        "api:consent_create",
        method="post",
        setup=_person,
        data={},
        default=BAD_REQUEST,  # a form body, not JSON: refused before any person data
        expect=API,
    ),
    Route(
        "api:consent_withdraw",
        method="post",
        setup=_consent,
        data={},
        default=BAD_REQUEST,  # a form body, not JSON: refused before any person data
        expect=API,
    ),
    Route("api:care_team", setup=_person, default=OK, expect=api_only(VIEW_PEOPLE, OK)),
    Route("api:agreement_list", default=OK, expect=api_only(STEWARD, OK)),
    Route(
        "api:agreement_create",
        method="post",
        data={},
        default=BAD_REQUEST,
        expect=API,
    ),
    Route("api:access_report", setup=_person, default=OK, expect=api_only(REPORTS, OK)),
    Route("api:category_list", default=OK, expect=api_only(VIEW_PEOPLE, OK)),
    Route("api:consent_template_list", default=OK, expect=api_only(MANAGE_CONSENTS, OK)),
    Route(
        "api:category_create",
        method="post",
        data={},
        default=BAD_REQUEST,  # a form body, not JSON: refused before anything is stored
        expect=API,
    ),
]

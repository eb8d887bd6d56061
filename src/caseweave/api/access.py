"""JSON API of the access module: consents, care teams, agreements, the access report.

Every endpoint goes through the same policy and actions as the web pages: a person the
caller may not see is a 404, and every read and write lands in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from caseweave.access import actions, categories, events, gate, selectors, tokens
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.errors import NotPermitted as AccessNotPermitted
from caseweave.access.models import Consent, DataSharingAgreement
from caseweave.access.types import Action, Category, PersonId
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput, NotPermitted
from caseweave.api.scopes import Scope
from caseweave.audit import recorder

router = Router(tags=["access"])
T = TypeVar("T")


def _call(function: Callable[..., T], **arguments: Any) -> T:
    try:
        return function(**arguments)
    except AccessInputError as error:
        raise InvalidInput(error.errors) from error
    except AccessNotPermitted as error:
        raise NotPermitted(str(error)) from error


class ConsentOut(Schema):
    id: int
    person_id: UUID
    categories: list[str]
    purposes: list[str]
    recipient_organisation_ids: list[int]
    recipient_team_ids: list[int]
    to_care_team: bool
    evidence_kind: str
    valid_from: dt.datetime
    valid_until: dt.datetime | None
    withdrawn_at: dt.datetime | None
    status: str
    template_id: int | None
    template_version: int | None
    plain_language_text: str

    @staticmethod
    def of(consent: Consent) -> ConsentOut:
        return ConsentOut(
            id=consent.pk,
            person_id=consent.person_id,
            categories=[str(c) for c in consent.category_list],
            purposes=[str(p) for p in consent.purpose_list],
            recipient_organisation_ids=[o.pk for o in consent.recipient_organisations.all()],
            recipient_team_ids=[t.pk for t in consent.recipient_teams.all()],
            to_care_team=consent.to_care_team,
            evidence_kind=consent.evidence_kind,
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            withdrawn_at=consent.withdrawn_at,
            status=consent.status,
            template_id=consent.template_id,
            template_version=consent.template_version,
            plain_language_text=consent.plain_language_text,
        )


class ConsentIn(Schema):
    template_id: int | None = Field(
        None,
        description="A consent template of your organisation: it supplies categories, "
        "purposes, recipients and validity wherever this request leaves them out.",
    )
    categories: list[str] = []
    purposes: list[str] = []
    recipient_organisation_ids: list[int] = []
    recipient_team_ids: list[int] = []
    to_care_team: bool = False
    evidence_kind: str = ""
    witness_name: str = ""
    valid_until: dt.datetime | None = None


class WithdrawIn(Schema):
    reason: str = ""


@router.get(
    "/access/people/{person_id}/consents",
    response=list[ConsentOut],
    summary="A person's consents",
)
def person_consents(request: HttpRequest, person_id: UUID) -> list[ConsentOut]:
    actor = acting_actor(request, "access.manage_consents", Scope.ACCESS_READ)
    gate.require(actor, PersonId(person_id), Category.IDENTITY, object_type="consent")
    return [ConsentOut.of(c) for c in selectors.person_consents(PersonId(person_id))]


@router.post(
    "/access/people/{person_id}/consents",
    response={201: ConsentOut},
    summary="Record a consent (electronic or verbal; written scans are uploaded in the web UI)",
)
def consent_create(request: HttpRequest, person_id: UUID, payload: ConsentIn) -> Status[ConsentOut]:
    actor = acting_actor(request, "access.manage_consents", Scope.ACCESS_WRITE)
    arguments = payload.model_dump()
    if payload.template_id is not None:
        try:
            draft = selectors.consent_draft(actor, payload.template_id)
        except NotFound as error:
            raise InvalidInput(
                {"template_id": [_("Unknown or retired consent template.")]}
            ) from error
        proposed = {key: value for key, value in asdict(draft).items() if key != "template_id"}
        arguments |= {
            key: value for key, value in proposed.items() if key not in payload.model_fields_set
        }
    consent = _call(
        actions.consent_capture,
        actor=actor,
        person_id=PersonId(person_id),
        evidence_scan=None,
        **arguments,
    )
    return Status(201, ConsentOut.of(consent))


@router.post(
    "/access/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Withdraw a consent, effective at once",
)
def consent_withdraw(request: HttpRequest, consent_id: int, payload: WithdrawIn) -> ConsentOut:
    actor = acting_actor(request, "access.manage_consents", Scope.ACCESS_WRITE)
    consent = _call(
        actions.consent_withdraw, actor=actor, consent_id=consent_id, reason=payload.reason
    )
    return ConsentOut.of(consent)


class CareTeamMemberOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    membership_id: int | None
    is_lead: bool
    joined_at: dt.datetime


@router.get(
    "/access/people/{person_id}/care-team",
    response=list[CareTeamMemberOut],
    summary="A person's current care team",
)
def care_team(request: HttpRequest, person_id: UUID) -> list[CareTeamMemberOut]:
    actor = acting_actor(request, "people.view_people", Scope.ACCESS_READ)
    gate.require(actor, PersonId(person_id), Category.IDENTITY, object_type="care_team")
    return [
        CareTeamMemberOut(
            id=member.pk,
            organisation_id=member.organisation_id,
            organisation=member.organisation.name,
            membership_id=member.membership_id,
            is_lead=member.is_lead,
            joined_at=member.joined_at,
        )
        for member in selectors.care_team(PersonId(person_id))
    ]


class AgreementOut(Schema):
    id: int
    title: str
    party_ids: list[int]
    categories: list[str]
    purposes: list[str]
    lawful_basis: str
    lawful_basis_detail: str
    valid_from: dt.datetime
    valid_until: dt.datetime | None
    ended_at: dt.datetime | None


class AgreementIn(Schema):
    title: str = ""
    party_ids: list[int] = []
    categories: list[str] = []
    purposes: list[str] = []
    lawful_basis: str = ""
    lawful_basis_detail: str = ""
    valid_until: dt.datetime | None = None


def _agreement_out(agreement: DataSharingAgreement) -> AgreementOut:
    return AgreementOut(
        id=agreement.pk,
        title=agreement.title,
        party_ids=[party.pk for party in agreement.parties.all()],
        categories=[str(c) for c in agreement.category_list],
        purposes=[str(p) for p in agreement.purpose_list],
        lawful_basis=agreement.lawful_basis,
        lawful_basis_detail=agreement.lawful_basis_detail,
        valid_from=agreement.valid_from,
        valid_until=agreement.valid_until,
        ended_at=agreement.ended_at,
    )


@router.get("/access/agreements", response=list[AgreementOut], summary="Your agreements")
def agreement_list(request: HttpRequest) -> list[AgreementOut]:
    actor = acting_actor(request, "access.manage_agreements", Scope.ACCESS_READ)
    agreements = DataSharingAgreement.objects.filter(
        parties=actor.organisation_id or 0
    ).prefetch_related("parties")
    return [_agreement_out(agreement) for agreement in agreements]


@router.post(
    "/access/agreements", response={201: AgreementOut}, summary="Record a data-sharing agreement"
)
def agreement_create(request: HttpRequest, payload: AgreementIn) -> Status[AgreementOut]:
    actor = acting_actor(request, "access.manage_agreements", Scope.ACCESS_WRITE)
    agreement = _call(actions.agreement_record, actor=actor, **payload.dict())
    return Status(201, _agreement_out(agreement))


class AccessEventOut(Schema):
    id: int
    occurred_at: dt.datetime
    event_type: str
    action: str
    allowed: bool
    organisation: str
    role: str
    staff_name: str
    categories: list[str]
    purpose: str
    basis: str
    basis_reference: str


@router.get(
    "/access/people/{person_id}/access-report",
    response=list[AccessEventOut],
    summary="Who viewed or changed what of a person's data, when and why",
    description="`category` (e.g. `mental_health`) keeps only events naming that category: "
    "each page or response that showed it, each change and each refusal. Scope `audit:read`.",
)
def access_report(
    request: HttpRequest, person_id: UUID, category: str | None = None
) -> list[AccessEventOut]:
    actor = acting_actor(request, "audit.view_access_reports", Scope.AUDIT_READ)
    decision = gate.authorise(
        actor, PersonId(person_id), Category.IDENTITY, Action.VIEW, object_type="access_report"
    )
    rows = selectors.access_report(PersonId(person_id), category=category)
    recorder.record(
        actor,
        events.ACCESS_REPORT_VIEWED,
        action=Action.VIEW,
        person_id=person_id,
        categories=[Category.IDENTITY],
        decision=decision,
        object_type="access_report",
    )
    return [
        AccessEventOut(
            id=row.event.pk,
            occurred_at=row.event.occurred_at,
            event_type=row.event.event_type,
            action=row.event.action,
            allowed=row.event.allowed,
            organisation=row.organisation_name,
            role=row.role,
            staff_name=row.staff_name,
            categories=list(row.event.categories),
            purpose=row.event.purpose,
            basis=row.event.basis,
            basis_reference=row.event.basis_reference,
        )
        for row in rows
    ]


class CategoryOut(Schema):
    value: str
    label: str
    sensitive: bool
    configured: bool = Field(description="Added by a data steward of this deployment")
    in_use: bool
    record_types: list[str] = Field(description="For configured ones: where they may be used")


class CategoryIn(Schema):
    slug: str
    label: str
    description: str = ""
    is_sensitive: bool = True
    record_types: list[str] = ["note"]


def _category_out(category: Category) -> CategoryOut:
    found = categories.info(str(category))
    return CategoryOut(
        value=str(category),
        label=category.label,
        sensitive=category.is_sensitive,
        configured=found is not None,
        in_use=found is None or found.is_active,
        record_types=sorted(found.record_types) if found is not None else [],
    )


@router.get(
    "/access/categories",
    response=list[CategoryOut],
    summary="The categories of information: built in, then configured",
)
def category_list(request: HttpRequest) -> list[CategoryOut]:
    acting_actor(request, "people.view_people", Scope.ACCESS_READ)
    return [_category_out(category) for category in categories.all_categories(active_only=False)]


@router.post(
    "/access/categories",
    response={201: CategoryOut},
    summary="Add a configured category (data stewards)",
)
def category_create(request: HttpRequest, payload: CategoryIn) -> Status[CategoryOut]:
    actor = acting_actor(request, "access.manage_categories", Scope.ACCESS_WRITE)
    saved = _call(actions.configured_category_save, actor=actor, **payload.model_dump())
    return Status(201, _category_out(Category(saved.slug)))


class ConsentTemplateOut(Schema):
    id: int
    name: str
    version: int
    plain_language_text: str
    categories: list[str]
    purposes: list[str]
    recipient_organisation_ids: list[int]
    recipient_team_ids: list[int]
    to_care_team: bool
    default_months: int


@router.get(
    "/access/consent-templates",
    response=list[ConsentTemplateOut],
    summary="Your organisation's consent templates in use (pass one's id as template_id)",
)
def consent_template_list(request: HttpRequest) -> list[ConsentTemplateOut]:
    actor = acting_actor(request, "access.manage_consents", Scope.ACCESS_READ)
    return [
        ConsentTemplateOut(
            id=template.pk,
            name=template.name,
            version=template.version,
            plain_language_text=template.plain_language_text,
            categories=tokens.unpack(template.categories),
            purposes=tokens.unpack(template.purposes),
            recipient_organisation_ids=[o.pk for o in template.recipient_organisations.all()],
            recipient_team_ids=[t.pk for t in template.recipient_teams.all()],
            to_care_team=template.to_care_team,
            default_months=template.default_months,
        )
        for template in selectors.consent_templates(actor)
    ]

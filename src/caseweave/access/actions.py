"""Writes of the access module. Each audits in the same transaction as its change.

Writes that concern one person check the policy *before* their transaction opens
(``gate.authorise``), so a refusal is itself kept in the audit log; the write and its
own audit event then commit or roll back together. Every write calls
``policy.invalidate()`` so cached decisions never outlive the facts they were read from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caseweave.access import events, gate, policy, tokens, validation

# Re-exported, so every write of the module is reached as ``access.actions.<name>``.
from caseweave.access.break_glass_actions import (
    break_glass_hours as break_glass_hours,
)
from caseweave.access.break_glass_actions import (
    break_glass_open as break_glass_open,
)
from caseweave.access.break_glass_actions import (
    break_glass_review as break_glass_review,
)
from caseweave.access.category_actions import (
    configured_category_save as configured_category_save,
)
from caseweave.access.choices import EvidenceKind, LawfulBasis
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import (
    CareTeamMember,
    Consent,
    ConsentTemplate,
    DataSharingAgreement,
)
from caseweave.access.types import Action, Actor, Category, PersonId, Purpose
from caseweave.audit import recorder
from caseweave.core.models import Organisation, Team


@transaction.atomic
def care_team_add(
    *,
    actor: Actor,
    person_id: PersonId,
    organisation_id: int,
    membership_id: int | None = None,
    is_lead: bool = False,
) -> CareTeamMember:
    """Put an organisation (and optionally a named staff member) on a person's care team.

    Called by the module that creates the relationship (registration, an accepted
    referral) after its own access check; joining is an audited act. Returns the
    existing current row if present. Making a new lead ends the previous lead's role.
    """
    current = CareTeamMember.objects.filter(
        person_id=person_id, organisation_id=organisation_id, left_at__isnull=True
    )
    existing = (
        current.filter(membership__isnull=True)
        if membership_id is None
        else current.filter(membership_id=membership_id)
    ).first()
    if existing is not None:
        return existing
    if is_lead:
        CareTeamMember.objects.filter(
            person_id=person_id, left_at__isnull=True, is_lead=True
        ).update(is_lead=False)
    member = CareTeamMember.objects.create(
        person_id=person_id,
        organisation_id=organisation_id,
        membership_id=membership_id,
        is_lead=is_lead,
        added_by_id=actor.membership_id,
    )
    policy.invalidate()
    recorder.record(
        actor,
        events.CARE_TEAM_JOINED,
        action="create",
        person_id=person_id,
        categories=[Category.IDENTITY],
        object_type="care_team_member",
        object_id=member.pk,
        payload={
            "organisation_id": organisation_id,
            "membership_id": membership_id,
            "is_lead": is_lead,
        },
    )
    return member


@transaction.atomic
def care_team_leave(*, actor: Actor, member_id: int) -> CareTeamMember:
    """End a care-team role (the row stays, with ``left_at``)."""
    member = CareTeamMember.objects.select_for_update().get(pk=member_id, left_at__isnull=True)
    member.left_at = timezone.now()
    member.is_lead = False
    member.save(update_fields=["left_at", "is_lead"])
    policy.invalidate()
    recorder.record(
        actor,
        events.CARE_TEAM_LEFT,
        action="update",
        person_id=member.person_id,
        categories=[Category.IDENTITY],
        object_type="care_team_member",
        object_id=member.pk,
    )
    return member


# --- Consent --------------------------------------------------------------------------------


def _check_recipients(
    errors: validation.Errors, organisation_ids: list[int], team_ids: list[int]
) -> None:
    known_organisations = Organisation.objects.filter(pk__in=organisation_ids, is_active=True)
    if len(organisation_ids) != known_organisations.count():
        errors.add("recipient_organisations", _("Unknown or inactive organisation."))
    if len(team_ids) != Team.objects.filter(pk__in=team_ids, is_active=True).count():
        errors.add("recipient_teams", _("Unknown or inactive team."))


def consent_capture(
    *,
    actor: Actor,
    person_id: PersonId,
    categories: list[str],
    purposes: list[str],
    recipient_organisation_ids: Sequence[int] = (),
    recipient_team_ids: Sequence[int] = (),
    to_care_team: bool = False,
    evidence_kind: str = "",
    evidence_scan: UploadedFile | None = None,
    witness_name: str = "",
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    template_id: int | None = None,
) -> Consent:
    """Record a person's consent. Caller: staff with ``access.manage_consents`` whose
    organisation works with the person. Audits ``consent.captured``. Raises
    ``NotPermitted``, ``NotFound`` (person not visible) or ``AccessInputError`` naming
    every missing or wrong part (categories, purposes, recipients, evidence)."""
    membership_id, organisation_id = gate.require_staff(actor, "access.manage_consents")
    decision = gate.authorise(
        actor, person_id, Category.IDENTITY, Action.CREATE, object_type="consent"
    )
    errors = validation.Errors()
    chosen_categories = validation.category_values(errors, "categories", categories)
    chosen_purposes = validation.enum_values(errors, "purposes", purposes, Purpose)
    if not categories:
        errors.add("categories", _("Choose at least one category of information."))
    if not purposes:
        errors.add("purposes", _("Choose at least one purpose."))
    organisation_ids = sorted(set(recipient_organisation_ids))
    team_ids = sorted(set(recipient_team_ids))
    if not (organisation_ids or team_ids or to_care_team):
        errors.add(
            "recipients",
            _("Name at least one recipient: an organisation, a team or the care team."),
        )
    _check_recipients(errors, organisation_ids, team_ids)
    if evidence_kind not in EvidenceKind.values:
        errors.add("evidence_kind", _("Say how the person gave consent."))
    elif evidence_kind == EvidenceKind.WRITTEN:
        validation.scan(errors, evidence_scan)
    elif evidence_kind == EvidenceKind.VERBAL and not witness_name.strip():
        errors.add("witness_name", _("Verbal consent needs the name of a witness."))
    start = valid_from or timezone.now()
    validation.period(errors, start, valid_until)
    template = None
    if template_id is not None:
        template = ConsentTemplate.objects.filter(
            pk=template_id, is_active=True, organisation_id=organisation_id
        ).first()
        if template is None:
            errors.add("template_id", _("Unknown or retired consent template."))
    if errors:
        raise AccessInputError(dict(errors))
    with transaction.atomic():
        consent = Consent.objects.create(
            person_id=person_id,
            categories=tokens.pack(chosen_categories),
            purposes=tokens.pack(chosen_purposes),
            to_care_team=to_care_team,
            valid_from=start,
            valid_until=valid_until,
            evidence_kind=evidence_kind,
            evidence_scan=evidence_scan if evidence_kind == EvidenceKind.WRITTEN else None,
            witness_name=witness_name.strip() if evidence_kind == EvidenceKind.VERBAL else "",
            template=template,
            template_version=template.version if template is not None else None,
            plain_language_text=template.plain_language_text if template is not None else "",
            captured_by_id=membership_id,
        )
        consent.recipient_organisations.set(organisation_ids)
        consent.recipient_teams.set(team_ids)
        policy.invalidate()
        recorder.record(
            actor,
            events.CONSENT_CAPTURED,
            action="create",
            person_id=person_id,
            categories=chosen_categories,
            decision=decision,
            object_type="consent",
            object_id=consent.pk,
            payload={
                "purposes": chosen_purposes,
                "recipient_organisation_ids": organisation_ids,
                "recipient_team_ids": team_ids,
                "to_care_team": to_care_team,
                "evidence_kind": evidence_kind,
                "template_id": template.pk if template is not None else None,
                "template_version": template.version if template is not None else None,
            },
        )
    return consent


def consent_withdraw(*, actor: Actor, consent_id: int, reason: str) -> Consent:
    """Withdraw a consent, effective at once. Caller: staff with ``access.manage_consents``
    who may see the person. Audits ``consent.withdrawn``. Raises ``NotFound`` for an
    unknown or already withdrawn consent, ``AccessInputError`` without a reason."""
    membership_id, organisation_id = gate.require_staff(actor, "access.manage_consents")
    person_id = (
        Consent.objects.filter(pk=consent_id, withdrawn_at__isnull=True)
        .values_list("person_id", flat=True)
        .first()
    )
    if person_id is None:
        raise NotFound()
    decision = gate.authorise(
        actor, PersonId(person_id), Category.IDENTITY, Action.UPDATE, object_type="consent"
    )
    if not reason.strip():
        raise AccessInputError({"reason": [_("Say why the consent is withdrawn.")]})
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent_id)
        if consent.withdrawn_at is not None:
            raise NotFound()
        consent.withdrawn_at = timezone.now()
        consent.withdrawal_reason = reason.strip()
        consent.withdrawn_by_id = membership_id
        consent.version += 1
        consent.save(update_fields=["withdrawn_at", "withdrawal_reason", "withdrawn_by", "version"])
        policy.invalidate()
        recorder.record(
            actor,
            events.CONSENT_WITHDRAWN,
            action="update",
            person_id=consent.person_id,
            categories=consent.category_list,
            decision=decision,
            object_type="consent",
            object_id=consent.pk,
        )
    return consent


@transaction.atomic
def consent_template_save(
    *,
    actor: Actor,
    name: str,
    plain_language_text: str,
    categories: list[str],
    purposes: list[str],
    to_care_team: bool = False,
    recipient_organisation_ids: Sequence[int] = (),
    recipient_team_ids: Sequence[int] = (),
    default_months: int = 12,
    template_id: int | None = None,
) -> ConsentTemplate:
    """Create or edit a consent template of the actor's organisation; an edit bumps its
    version (consents keep the version and wording they were given). Caller:
    ``access.manage_consent_templates``. Audits ``consent_template.saved``."""
    membership_id, organisation_id = gate.require_staff(actor, "access.manage_consent_templates")
    errors = validation.Errors()
    if not name.strip():
        errors.add("name", _("Give the template a name."))
    if not plain_language_text.strip():
        errors.add("plain_language_text", _("Write what the person agrees to."))
    chosen_categories = validation.category_values(errors, "categories", categories)
    chosen_purposes = validation.enum_values(errors, "purposes", purposes, Purpose)
    if not categories:
        errors.add("categories", _("Choose at least one category of information."))
    if not purposes:
        errors.add("purposes", _("Choose at least one purpose."))
    if not 1 <= default_months <= 120:
        errors.add("default_months", _("Between 1 and 120 months."))
    organisation_ids = sorted(set(recipient_organisation_ids))
    team_ids = sorted(set(recipient_team_ids))
    _check_recipients(errors, organisation_ids, team_ids)
    if errors:
        raise AccessInputError(dict(errors))
    if template_id is None:
        template = ConsentTemplate(organisation_id=organisation_id)
    else:
        template = ConsentTemplate.objects.select_for_update().get(
            pk=template_id, organisation_id=organisation_id
        )
        template.version += 1
    template.name = name.strip()
    template.plain_language_text = plain_language_text.strip()
    template.categories = tokens.pack(chosen_categories)
    template.purposes = tokens.pack(chosen_purposes)
    template.to_care_team = to_care_team
    template.default_months = default_months
    template.save()
    template.recipient_organisations.set(organisation_ids)
    template.recipient_teams.set(team_ids)
    recorder.record(
        actor,
        events.CONSENT_TEMPLATE_SAVED,
        action="create" if template_id is None else "update",
        object_type="consent_template",
        object_id=template.pk,
    )
    return template


# --- Data-sharing agreements ----------------------------------------------------------------


@transaction.atomic
def agreement_record(
    *,
    actor: Actor,
    title: str,
    party_ids: list[int],
    categories: list[str],
    purposes: list[str],
    lawful_basis: str,
    lawful_basis_detail: str,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> DataSharingAgreement:
    """Record an agreement the actor's organisation is party to. Caller:
    ``access.manage_agreements``. Audits ``agreement.recorded``."""
    membership_id, organisation_id = gate.require_staff(actor, "access.manage_agreements")
    errors = validation.Errors()
    if not title.strip():
        errors.add("title", _("Give the agreement a title."))
    parties = sorted(set(party_ids) | {organisation_id})
    if len(parties) < 2:
        errors.add("parties", _("An agreement needs at least one other organisation."))
    elif Organisation.objects.filter(pk__in=parties).count() != len(parties):
        errors.add("parties", _("Unknown organisation."))
    chosen_categories = validation.category_values(errors, "categories", categories)
    chosen_purposes = validation.enum_values(errors, "purposes", purposes, Purpose)
    if not categories:
        errors.add("categories", _("Choose at least one category of information."))
    if not purposes:
        errors.add("purposes", _("Choose at least one purpose."))
    if lawful_basis not in LawfulBasis.values:
        errors.add("lawful_basis", _("Choose the lawful basis."))
    if not lawful_basis_detail.strip():
        errors.add("lawful_basis_detail", _("Name the statute, section or order relied on."))
    start = valid_from or timezone.now()
    validation.period(errors, start, valid_until)
    if errors:
        raise AccessInputError(dict(errors))
    agreement = DataSharingAgreement.objects.create(
        title=title.strip(),
        categories=tokens.pack(chosen_categories),
        purposes=tokens.pack(chosen_purposes),
        lawful_basis=lawful_basis,
        lawful_basis_detail=lawful_basis_detail.strip(),
        valid_from=start,
        valid_until=valid_until,
        recorded_by_id=membership_id,
    )
    agreement.parties.set(parties)
    policy.invalidate()
    recorder.record(
        actor,
        events.AGREEMENT_RECORDED,
        action="create",
        categories=chosen_categories,
        object_type="agreement",
        object_id=agreement.pk,
        payload={"party_ids": parties, "lawful_basis": lawful_basis, "purposes": chosen_purposes},
    )
    return agreement


@transaction.atomic
def agreement_end(*, actor: Actor, agreement_id: int) -> DataSharingAgreement:
    """End an agreement at once. Caller: a steward of one of its parties."""
    membership_id, organisation_id = gate.require_staff(actor, "access.manage_agreements")
    agreement = (
        DataSharingAgreement.objects.select_for_update()
        .filter(pk=agreement_id, ended_at__isnull=True, parties=organisation_id)
        .first()
    )
    if agreement is None:
        raise NotFound()
    agreement.ended_at = timezone.now()
    agreement.version += 1
    agreement.save(update_fields=["ended_at", "version"])
    policy.invalidate()
    recorder.record(
        actor,
        events.AGREEMENT_ENDED,
        action="update",
        object_type="agreement",
        object_id=agreement.pk,
    )
    return agreement

"""Writes of the access module. Each audits in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caseweave.access import events
from caseweave.access.models import CareTeamMember
from caseweave.access.types import Actor, Category, PersonId
from caseweave.audit import recorder


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
    referral); joining is an audited act. Returns the existing current row if present.
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
    member = CareTeamMember.objects.create(
        person_id=person_id,
        organisation_id=organisation_id,
        membership_id=membership_id,
        is_lead=is_lead,
        added_by_id=actor.membership_id,
    )
    recorder.record(
        actor,
        events.CARE_TEAM_JOINED,
        action="create",
        person_id=person_id,
        categories=[Category.IDENTITY],
        object_type="care_team_member",
        object_id=member.pk,
        payload={"organisation_id": organisation_id, "membership_id": membership_id},
    )
    return member


@transaction.atomic
def care_team_leave(*, actor: Actor, member_id: int) -> CareTeamMember:
    """End a care-team role (the row stays, with ``left_at``)."""
    member = CareTeamMember.objects.select_for_update().get(pk=member_id, left_at__isnull=True)
    member.left_at = timezone.now()
    member.save(update_fields=["left_at"])
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

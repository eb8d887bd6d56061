"""Staff joining and leaving organisations, and teams that cross agencies."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from caseweave.audit import recorder
from caseweave.core import events
from caseweave.core.actions.organisations import require_permission
from caseweave.core.choices import Role
from caseweave.core.errors import InvalidChange, InvalidFields, NotPermitted, StaleEdit
from caseweave.core.models import Jurisdiction, Membership, Organisation, Team, TeamMembership, User

if TYPE_CHECKING:
    from caseweave.access.types import Actor


def _require_organisation_scope(actor: Actor, organisation_id: int) -> None:
    # A data steward answers for their own organisation's staff; only an
    # administrator manages memberships across the whole platform.
    if actor.role != Role.ADMINISTRATOR and actor.organisation_id != organisation_id:
        raise NotPermitted(_("You can manage staff of your own organisation only."))


@transaction.atomic
def membership_create(
    *,
    actor: Actor,
    organisation_id: int,
    email: str,
    role: str,
    full_name: str = "",
    title: str = "",
    initial_password: str = "",
) -> Membership:
    """Give a staff member a role in an organisation; create their account if new.

    A new account needs a full name and an initial password (checked against the
    password rules); an existing account keeps its password. Needs
    core.manage_memberships and, for a data steward, their own organisation. Audits
    staff.created (new account) and membership.created. Raises NotPermitted,
    InvalidChange, InvalidFields (a new account's name and password).
    """
    require_permission(actor, "core.manage_memberships")
    _require_organisation_scope(actor, organisation_id)
    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        raise InvalidChange(_("That organisation is not active."))
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        problems: dict[str, list[str]] = {}
        if not full_name.strip():
            problems["full_name"] = [_("A new staff member needs a full name.")]
        try:
            validate_password(initial_password, User(email=email, full_name=full_name))
        except ValidationError as error:
            problems["initial_password"] = list(error.messages)
        if problems:
            raise InvalidFields(problems)
        user = User.objects.create_user(email, initial_password, full_name=full_name.strip())
        recorder.record(
            actor,
            events.STAFF_CREATED,
            object_type="user",
            object_id=user.pk,
            payload={"user_id": user.pk},
        )
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing is not None and existing.is_active:
        raise InvalidChange(_("This person already holds that role here."), field="role")
    if existing is not None:
        existing.is_active, existing.ended_on, existing.title = True, None, title
        existing.started_on = timezone.localdate()
        existing.version = F("version") + 1
        existing.save(update_fields=["is_active", "ended_on", "title", "started_on", "version"])
        existing.refresh_from_db()
        membership = existing
    else:
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=role, title=title
        )
    recorder.record(
        actor,
        events.MEMBERSHIP_CREATED,
        object_type="membership",
        object_id=membership.pk,
        payload={"user_id": user.pk, "organisation_id": organisation.pk, "role": role},
    )
    return membership


@transaction.atomic
def membership_end(
    *, actor: Actor, membership_id: int, version: int, ended_on: date | None = None
) -> Membership:
    """End a membership: the staff member can no longer act in that role. Kept on record.

    Needs core.manage_memberships (own organisation for a data steward). Audits
    membership.ended. Raises NotPermitted, StaleEdit, InvalidChange (your own membership).
    """
    require_permission(actor, "core.manage_memberships")
    membership = Membership.objects.select_for_update().filter(pk=membership_id).first()
    if membership is None:
        raise InvalidChange(_("That membership does not exist."))
    _require_organisation_scope(actor, membership.organisation_id)
    if membership.version != version:
        raise StaleEdit()
    if membership.pk == actor.membership_id:
        raise InvalidChange(_("You cannot end the membership you are acting in."))
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.ended_on = ended_on or timezone.localdate()
    membership.version = F("version") + 1
    membership.save(update_fields=["is_active", "ended_on", "version"])
    membership.refresh_from_db()
    recorder.record(
        actor,
        events.MEMBERSHIP_ENDED,
        object_type="membership",
        object_id=membership.pk,
        payload={"user_id": membership.user_id, "organisation_id": membership.organisation_id},
    )
    return membership


@transaction.atomic
def team_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    organisation_id: int,
    jurisdiction: Jurisdiction | None = None,
) -> Team:
    """Create a team led by an organisation. Needs core.manage_memberships; audited."""
    require_permission(actor, "core.manage_memberships")
    if Team.objects.filter(name__iexact=name, organisation_id=organisation_id).exists():
        raise InvalidChange(_("This organisation already has a team with that name."), field="name")
    team = Team.objects.create(
        name=name, kind=kind, organisation_id=organisation_id, jurisdiction=jurisdiction
    )
    recorder.record(
        actor,
        events.TEAM_CREATED,
        object_type="team",
        object_id=team.pk,
        payload={"organisation_id": organisation_id},
    )
    return team


@transaction.atomic
def team_member_add(
    *, actor: Actor, team_id: int, membership_id: int, is_lead: bool = False
) -> TeamMembership:
    """Put a membership (from any agency) on a team. Needs core.manage_memberships; audited."""
    require_permission(actor, "core.manage_memberships")
    membership = Membership.objects.filter(pk=membership_id, is_active=True).first()
    if membership is None:
        raise InvalidChange(_("Choose an active staff membership."), field="membership")
    if TeamMembership.objects.filter(team_id=team_id, membership=membership).exists():
        raise InvalidChange(_("This person is already on the team."), field="membership")
    team_membership = TeamMembership.objects.create(
        team_id=team_id, membership=membership, is_lead=is_lead
    )
    recorder.record(
        actor,
        events.TEAM_MEMBER_ADDED,
        object_type="team",
        object_id=team_id,
        payload={"membership_id": membership.pk, "is_lead": is_lead},
    )
    return team_membership


@transaction.atomic
def team_member_remove(*, actor: Actor, team_id: int, membership_id: int) -> None:
    """Take a membership off a team. Needs core.manage_memberships; audited."""
    require_permission(actor, "core.manage_memberships")
    removed, _details = TeamMembership.objects.filter(
        team_id=team_id, membership_id=membership_id
    ).delete()
    if not removed:
        raise InvalidChange(_("This person is not on the team."), field="membership")
    recorder.record(
        actor,
        events.TEAM_MEMBER_REMOVED,
        object_type="team",
        object_id=team_id,
        payload={"membership_id": membership_id},
    )

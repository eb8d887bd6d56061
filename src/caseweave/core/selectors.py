"""Every read of core: organisations, jurisdictions, staff, memberships, teams, lock-outs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from caseweave.core.models import (
    Jurisdiction,
    Membership,
    Organisation,
    Team,
    TeamMembership,
    User,
)
from caseweave.core.roles import TWO_FACTOR_ROLES


def user_requires_two_factor(user: User) -> bool:
    """Whether any active membership of this user is in a role that must use TOTP."""
    return Membership.objects.filter(
        user=user, is_active=True, role__in=list(TWO_FACTOR_ROLES)
    ).exists()


def user_membership_list(*, user: User) -> list[Membership]:
    """The user's active memberships, oldest first (the default acting one comes first)."""
    return list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("pk")
    )


@dataclass(frozen=True)
class LockedAccount:
    user_id: int
    email: str
    full_name: str
    failures: int
    last_attempt: datetime


def locked_account_list(*, organisation_id: int | None) -> list[LockedAccount]:
    """Accounts locked out now (too many failures within the cool-off), in one organisation.

    ``organisation_id`` None lists every locked account (the operator's command).
    """
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    by_email: dict[str, tuple[int, datetime]] = {}
    for attempt in attempts.only("username", "failures_since_start", "attempt_time"):
        email = (attempt.username or "").lower()
        failures, last = by_email.get(email, (0, attempt.attempt_time))
        by_email[email] = (
            max(failures, attempt.failures_since_start),
            max(last, attempt.attempt_time),
        )
    if not by_email:
        return []
    users = User.objects.filter(email__in=list(by_email))
    if organisation_id is not None:
        users = users.filter(
            memberships__organisation_id=organisation_id, memberships__is_active=True
        ).distinct()
    return [
        LockedAccount(
            user_id=user.pk,
            email=user.email,
            full_name=user.full_name,
            failures=by_email[user.email][0],
            last_attempt=by_email[user.email][1],
        )
        for user in users.order_by("full_name")
    ]


def organisation_list(*, include_inactive: bool = True, query: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("jurisdiction").annotate(
        staff_count=Count("memberships", filter=Q(memberships__is_active=True))
    )
    if not include_inactive:
        organisations = organisations.filter(is_active=True)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query)
        )
    return organisations.order_by("-is_active", "name")


def organisation_get(*, organisation_id: int) -> Organisation | None:
    return Organisation.objects.select_related("jurisdiction").filter(pk=organisation_id).first()


def membership_list(*, organisation_id: int, include_ended: bool = False) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(organisation_id=organisation_id).select_related("user")
    if not include_ended:
        memberships = memberships.filter(is_active=True)
    return memberships.order_by("-is_active", "user__full_name", "role")


def membership_get(*, membership_id: int) -> Membership | None:
    return (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )


def active_membership_choices() -> QuerySet[Membership]:
    """Every active membership across agencies: teams may draw members from any of them."""
    return (
        Membership.objects.filter(is_active=True, organisation__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__full_name", "organisation__name")
    )


@dataclass(frozen=True)
class JurisdictionNode:
    jurisdiction: Jurisdiction
    depth: int


def jurisdiction_tree() -> list[JurisdictionNode]:
    """Every jurisdiction, parents before children, depth-first and alphabetical."""
    everything = list(Jurisdiction.objects.order_by("name"))
    children: dict[int | None, list[Jurisdiction]] = {}
    for node in everything:
        children.setdefault(node.parent_id, []).append(node)
    tree: list[JurisdictionNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            tree.append(JurisdictionNode(child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return tree


def team_list() -> QuerySet[Team]:
    return (
        Team.objects.select_related("organisation", "jurisdiction")
        .annotate(member_count=Count("team_memberships"))
        .order_by("-is_active", "name")
    )


def team_get(*, team_id: int) -> Team | None:
    memberships = Prefetch(
        "team_memberships",
        queryset=TeamMembership.objects.select_related(
            "membership__user", "membership__organisation"
        ).order_by("membership__user__full_name"),
    )
    return (
        Team.objects.select_related("organisation", "jurisdiction")
        .prefetch_related(memberships)
        .filter(pk=team_id)
        .first()
    )

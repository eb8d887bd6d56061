"""API for the platform itself: who am I (staff member or API client), and in which roles."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from caseweave.api.auth import client_of, require_scope
from caseweave.api.scopes import Scope
from caseweave.core.models import Membership

router = Router(tags=["platform"])


class MembershipOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    role: str


class ApiClientOut(Schema):
    id: int
    name: str
    scopes: list[str]


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    acting_membership_id: int | None
    memberships: list[MembershipOut]
    api_client: ApiClientOut | None = None


@router.get(
    "/me",
    response=MeOut,
    summary="The caller: staff member (or API client) and their roles",
    description="Needs the scope `platform:read` when called with an API token. An API "
    "client sees only the membership it acts through.",
)
def me(request: HttpRequest) -> MeOut:
    require_scope(request, Scope.PLATFORM_READ)
    user = request.user
    assert user.pk is not None  # authentication has refused anonymous callers
    actor = request.actor  # type: ignore[attr-defined]  # set by the middleware or token auth
    client = client_of(request)
    memberships = Membership.objects.filter(user_id=user.pk, is_active=True).select_related(
        "organisation"
    )
    if client is not None:
        memberships = memberships.filter(pk=client.acting_membership_id)
    return MeOut(
        id=user.pk,
        email=getattr(user, "email", ""),
        full_name=getattr(user, "full_name", ""),
        acting_membership_id=actor.membership_id,
        memberships=[
            MembershipOut(
                id=membership.pk,
                organisation_id=membership.organisation_id,
                organisation=membership.organisation.name,
                role=membership.role,
            )
            for membership in memberships
        ],
        api_client=(
            ApiClientOut(id=client.pk, name=client.name, scopes=list(client.scopes))
            if client is not None
            else None
        ),
    )

"""API for the platform itself: who am I, organisations."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from caseweave.core.models import Membership

router = Router(tags=["platform"])


class MembershipOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="The signed-in staff member and their roles")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    assert user.pk is not None  # django_auth has refused anonymous callers
    memberships = Membership.objects.filter(user_id=user.pk, is_active=True).select_related(
        "organisation"
    )
    return MeOut(
        id=user.pk,
        email=getattr(user, "email", ""),
        full_name=getattr(user, "full_name", ""),
        memberships=[
            MembershipOut(
                id=membership.pk,
                organisation_id=membership.organisation_id,
                organisation=membership.organisation.name,
                role=membership.role,
            )
            for membership in memberships
        ],
    )

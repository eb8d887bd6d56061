"""Staff API for the service directory: search, a listing's readiness, verification.

The public, standard read API is HSDS at /hsds/ (caseweave.api.hsds); this router is
for staff tools: search with eligibility and open-now, and the running organisation's
edits of its own listings.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from caseweave.access.errors import NotFound
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput
from caseweave.api.scopes import Scope
from caseweave.directory import actions, readiness, selectors
from caseweave.directory.errors import InvalidListing, ListingNotFound, NotAllowed
from caseweave.directory.person_place import person_place

router = Router(tags=["directory"])


class SearchIn(Schema):
    text: str = ""
    need: str = Field("", description="Taxonomy term id or code; narrower terms match too.")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    radius_km: float = Field(10.0, gt=0, le=500)
    language: str = ""
    accessible: bool = False
    free: bool = False
    age: float | None = Field(None, ge=0, le=130)
    jurisdiction: str = ""
    household_type: str = ""
    postcode: str = Field(
        "",
        description="Where the person lives: only services whose "
        "service_area covers it (services without one are kept).",
    )
    person_id: UUID | None = Field(
        None,
        description="Measure distance from where this person lives (needs their housing "
        "data under the access policy; audited). The address is never returned.",
    )
    open_at: datetime | None = Field(None, description="Only services open at this moment.")
    accepting_referrals: bool = False
    limit: int = Field(50, ge=1, le=200)


class ServiceHitOut(Schema):
    service_id: UUID
    location_id: UUID | None
    name: str
    organization_name: str
    address: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None
    open_now: bool | None
    accepting_referrals: bool | None
    slots_available: int | None
    reasons: list[str]


@router.get(
    "/directory/search",
    response=list[ServiceHitOut],
    url_name="directory_search",
    summary="Search the service directory",
    description="Needs the scope `directory:read` with an API token. Each hit says why it matched.",
)
def search(request: HttpRequest, filters: Query[SearchIn]) -> list[ServiceHitOut]:
    actor = acting_actor(request, "directory.view_directory", Scope.DIRECTORY_READ)
    if (filters.latitude is None) != (filters.longitude is None):
        raise InvalidInput({"longitude": ["give latitude and longitude together"]})
    latitude, longitude, home_postcode = filters.latitude, filters.longitude, ""
    if filters.person_id is not None:
        # Refused and unknown people both answer 404 (access.errors.NotFound).
        home = person_place(actor=actor, person_id=filters.person_id)
        if home is None:
            raise InvalidInput({"person_id": ["the person has no current address to measure from"]})
        latitude, longitude, home_postcode = home.latitude, home.longitude, home.postcode
    person = None
    facts = (filters.jurisdiction, filters.household_type, filters.postcode, home_postcode)
    if filters.age is not None or any(facts):
        person = selectors.PersonFacts(
            age=filters.age,
            jurisdiction=filters.jurisdiction,
            household_type=filters.household_type,
            postcode=home_postcode or filters.postcode,
            postcode_private=bool(home_postcode),
        )
    query = selectors.ServiceQuery(
        text=filters.text,
        needs=(filters.need,) if filters.need else (),
        latitude=latitude,
        longitude=longitude,
        radius_km=filters.radius_km,
        language=filters.language,
        accessible=filters.accessible,
        free=filters.free,
        eligible_for=person,
        open_at=filters.open_at,
        accepting_referrals=filters.accepting_referrals,
        limit=filters.limit,
    )
    return [
        ServiceHitOut(
            service_id=hit.row.service_id,
            location_id=hit.row.location_id,
            name=hit.row.name,
            organization_name=hit.row.organization_name,
            address=hit.row.address,
            latitude=hit.row.latitude,
            longitude=hit.row.longitude,
            distance_km=round(hit.distance_km, 3) if hit.distance_km is not None else None,
            open_now=hit.open_now,
            accepting_referrals=hit.row.accepting_referrals,
            slots_available=hit.row.slots_available,
            reasons=[str(reason) for reason in hit.reasons],
        )
        for hit in selectors.service_search(actor=actor, query=query)
    ]


class ReadinessIn(Schema):
    accepting_referrals: str | None = Field(None, description="yes | paused")
    slots_available: int | None = None
    waitlist_length: int | None = None
    expected_wait_days: int | None = None
    intake_method: str | None = Field(None, description="platform | email | phone")
    visibility: str | None = Field(None, description="public | internal")


class ChangedOut(Schema):
    changed: list[str]


@router.patch(
    "/directory/services/{service_id}/readiness",
    response=ChangedOut,
    url_name="directory_readiness",
    summary="Change a listing's referral readiness",
    description="Needs `directory.manage_listings` and the scope `directory:write`; only the "
    "organisation running the service may change it. Unset fields are left alone.",
)
def update_readiness(request: HttpRequest, service_id: UUID, payload: ReadinessIn) -> ChangedOut:
    actor = acting_actor(request, "directory.manage_listings", Scope.DIRECTORY_WRITE)
    values = payload.dict(exclude_none=True)
    if "accepting_referrals" in values:
        values[readiness.ACCEPTING] = values.pop("accepting_referrals")
    try:
        changed = actions.listing_update_readiness(
            actor=actor, service_id=str(service_id), values=values
        )
    except InvalidListing as error:
        raise InvalidInput(error.errors) from error
    except (ListingNotFound, NotAllowed) as error:
        raise NotFound() from error
    return ChangedOut(changed=changed)


@router.post(
    "/directory/services/{service_id}/verify",
    response=ChangedOut,
    url_name="directory_verify",
    summary="Record that the listing was checked today",
    description="Needs `directory.manage_listings` and the scope `directory:write`.",
)
def verify(request: HttpRequest, service_id: UUID) -> ChangedOut:
    actor = acting_actor(request, "directory.manage_listings", Scope.DIRECTORY_WRITE)
    try:
        actions.listing_verify(actor=actor, service_id=str(service_id))
    except (ListingNotFound, NotAllowed) as error:
        raise NotFound() from error
    return ChangedOut(changed=["assured_date"])

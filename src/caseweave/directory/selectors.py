"""Every read of the directory: search, services, organisations, taxonomy terms."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from caseweave.access.types import Actor
from caseweave.directory import areas, geo, readiness
from caseweave.directory.graph import StoredGraph
from caseweave.directory.indexing import normalise
from caseweave.directory.models import (
    HsdsRecord,
    ListingReminder,
    OrganisationLink,
    ServiceIndex,
)
from caseweave.directory.schedules import is_open

PUBLISHED_STATUSES = ("active",)


@dataclass(frozen=True)
class PersonFacts:
    """What eligibility is checked against; any part may be unknown (None / empty)."""

    age: float | None = None
    gender: str = ""
    jurisdiction: str = ""
    household_type: str = ""
    yearly_income: float | None = None
    postcode: str = ""
    # The postcode came from the person's record: reasons say "where the person lives".
    postcode_private: bool = False


@dataclass(frozen=True)
class ServiceQuery:
    text: str = ""
    needs: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = 10.0
    language: str = ""
    accessible: bool = False
    free: bool = False
    eligible_for: PersonFacts | None = None
    open_at: datetime | None = None
    accepting_referrals: bool = False
    limit: int = 50


@dataclass
class ServiceHit:
    row: ServiceIndex
    distance_km: float | None = None
    open_now: bool | None = None
    reasons: list[str] = field(default_factory=list)


def visible_rows(actor: Actor | None) -> QuerySet[ServiceIndex]:
    """Published services; internal-only ones only for signed-in staff."""
    rows = ServiceIndex.objects.filter(status__in=PUBLISHED_STATUSES)
    if actor is None:
        rows = rows.filter(internal_only=False)
    return rows


def term_codes_below(needs: tuple[str, ...]) -> dict[str, str]:
    """Each need (term id or code) and every narrower term, mapped to the need's name."""
    terms = list(HsdsRecord.objects.filter(table="taxonomy_term").values_list("data", flat=True))
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for term in terms:
        if term.get("parent_id"):
            children[str(term["parent_id"])].append(term)
    found: dict[str, str] = {}
    for need in needs:
        roots = [t for t in terms if need in (t["id"], t.get("code"))]
        stack = list(roots)
        while stack:
            term = stack.pop()
            label = str(roots[0].get("name") or need)
            found[str(term["id"])] = label
            if term.get("code"):
                found.setdefault(str(term["code"]), label)
            stack.extend(children.get(str(term["id"]), []))
        if not roots:
            found[need] = need
    return found


def _eligible(
    row: ServiceIndex, person: PersonFacts, point: tuple[float, float] | None = None
) -> tuple[bool, list[str]]:
    """Whether the person meets the row's rules, and which ones they were checked against.

    ``point`` stands for the person's postcode when a service area is a polygon.
    """
    rules = row.eligibility or {}
    reasons = []
    if person.postcode:
        covered = areas.covers(row.service_areas or [], person.postcode, point)
        if covered is False:
            return False, []
        if covered and person.postcode_private:
            reasons.append(_("serves where the person lives"))
        elif covered:
            reasons.append(_("serves postcode %(postcode)s") % {"postcode": person.postcode})
    if person.age is not None:
        low, high = rules.get("minimum_age"), rules.get("maximum_age")
        if (low is not None and person.age < low) or (high is not None and person.age > high):
            return False, []
        if low is not None or high is not None:
            reasons.append(_("age %(age)s within the service's range") % {"age": f"{person.age:g}"})
    checks = (
        ("genders", person.gender, _("gender")),
        ("jurisdictions", person.jurisdiction, _("lives in the service area")),
        ("household_types", person.household_type, _("household type")),
    )
    for key, value, label in checks:
        allowed = rules.get(key) or []
        if value and allowed:
            if value.lower() not in allowed:
                return False, []
            reasons.append(str(label))
    ceiling = rules.get("income_ceiling")
    if person.yearly_income is not None and ceiling is not None:
        if person.yearly_income > ceiling:
            return False, []
        reasons.append(_("income under the ceiling"))
    return True, reasons


def service_search(*, actor: Actor | None, query: ServiceQuery) -> list[ServiceHit]:
    """Services matching every filter, nearest first when a point is given; each says why."""
    rows = visible_rows(actor)
    need_labels: dict[str, str] = {}
    if query.needs:
        need_labels = term_codes_below(query.needs)
        rows = rows.filter(terms__code__in=list(need_labels)).distinct()
    words = normalise(query.text).split()
    for word in words:
        rows = rows.filter(search_text__contains=word)
    if query.language:
        rows = rows.filter(languages__contains=normalise(query.language))
    if query.accessible:
        rows = rows.filter(accessible=True)
    if query.free:
        rows = rows.filter(free=True)
    if query.accepting_referrals:
        rows = rows.filter(accepting_referrals=True)
    near = query.latitude is not None and query.longitude is not None
    if near:
        assert query.latitude is not None and query.longitude is not None
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            query.latitude, query.longitude, query.radius_km
        )
        rows = rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    person = query.eligible_for
    if person is not None and person.age is not None:
        rows = rows.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=person.age))
        rows = rows.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=person.age))
    rows = rows.prefetch_related("terms") if query.needs else rows
    person_point = (
        postcode_point(person.postcode) if person is not None and person.postcode else None
    )
    zone = getattr(settings, "CASEWEAVE_DIRECTORY_TIME_ZONE", "") or settings.TIME_ZONE
    moment = query.open_at
    hits: list[ServiceHit] = []
    for row in rows.order_by("name", "pk")[: 5000 if near or moment or person else query.limit]:
        hit = ServiceHit(row=row)
        if near:
            assert query.latitude is not None and query.longitude is not None
            assert row.latitude is not None and row.longitude is not None
            hit.distance_km = geo.haversine_km(
                query.latitude, query.longitude, row.latitude, row.longitude
            )
            if hit.distance_km > query.radius_km:
                continue
            hit.reasons.append(_("%(km).1f km away") % {"km": hit.distance_km})
        if person is not None:
            eligible, why = _eligible(row, person, person_point)
            if not eligible:
                continue
            hit.reasons.extend(why)
        if moment is not None:
            hit.open_now = is_open(row.schedules, moment, zone)
            if hit.open_now is not True:
                continue
            hit.reasons.append(_("open at the time asked"))
        if query.needs:
            matched = sorted(
                {need_labels[t.code] for t in row.terms.all() if t.code in need_labels}
            )
            hit.reasons.append(_("meets need: %(needs)s") % {"needs": ", ".join(matched)})
        if words:
            hit.reasons.append(_("mentions “%(text)s”") % {"text": query.text})
        if query.language:
            hit.reasons.append(_("speaks %(language)s") % {"language": query.language})
        if query.accessible:
            hit.reasons.append(_("accessible location"))
        if query.free:
            hit.reasons.append(_("free of charge"))
        if query.accepting_referrals:
            hit.reasons.append(_("accepting referrals"))
        hits.append(hit)
    if near:
        hits.sort(key=lambda h: (h.distance_km or 0.0, h.row.name))
    return hits[: query.limit]


def location_point(location_id: str) -> tuple[float, float] | None:
    """The coordinates of a directory location (a site), for "near this site"."""
    record = HsdsRecord.objects.filter(table="location", hsds_id=location_id).first()
    if record is None:
        return None
    lat, lon = (
        readiness.to_number(record.data.get("latitude")),
        readiness.to_number(record.data.get("longitude")),
    )
    return (lat, lon) if lat is not None and lon is not None else None


def postcode_point(postcode: str) -> tuple[float, float] | None:
    """The centre of the directory's locations with this postal code (no external geocoder)."""
    points = list(
        ServiceIndex.objects.filter(
            postal_code=normalise(postcode).replace(" ", ""), latitude__isnull=False
        )
        .values_list("latitude", "longitude")
        .distinct()
    )
    coordinates = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
    if not coordinates:
        return None
    count = len(coordinates)
    return sum(p[0] for p in coordinates) / count, sum(p[1] for p in coordinates) / count


def service_get(*, actor: Actor | None, service_id: str) -> dict[str, Any] | None:
    """A service in full HSDS form, or None when missing or not visible to ``actor``."""
    if not visible_rows(actor).filter(service_id=service_id).exists():
        return None
    graph = StoredGraph()
    service = graph.get("service", service_id)
    return graph.nest("service", service) if service else None


def record_get(*, table: str, record_id: str) -> dict[str, Any] | None:
    """Any HSDS record in full form (organisations, taxonomy terms...), or None."""
    graph = StoredGraph()
    record = graph.get(table, record_id)
    return graph.nest(table, record) if record else None


def stale_listings(
    *, as_of: date | None = None, months: int | None = None
) -> QuerySet[ServiceIndex]:
    """Services not verified (``assured_date``) within the configured period."""
    from dateutil.relativedelta import relativedelta

    period = months or int(getattr(settings, "CASEWEAVE_DIRECTORY_STALE_MONTHS", 6))
    cutoff = (as_of or timezone.localdate()) - relativedelta(months=period)
    return ServiceIndex.objects.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))


def organisations_managed_by(actor: Actor) -> set[str]:
    """Directory organisation ids linked to the actor's platform organisation."""
    if actor.organisation_id is None:
        return set()
    return {
        str(x)
        for x in OrganisationLink.objects.filter(organisation_id=actor.organisation_id).values_list(
            "directory_organization_id", flat=True
        )
    }


def need_choices() -> list[tuple[str, str]]:
    """Needs to pick from: the default taxonomy's service terms, two levels deep."""
    from caseweave.directory.taxonomy import OPEN_ELIGIBILITY_ID

    terms = list(
        HsdsRecord.objects.filter(
            table="taxonomy_term", data__taxonomy_id=OPEN_ELIGIBILITY_ID
        ).values_list("data", flat=True)
    )
    by_id = {str(t["id"]): t for t in terms}
    choices = []
    for term in sorted(terms, key=lambda t: str(t.get("code") or "")):
        parent = by_id.get(str(term.get("parent_id") or ""))
        if parent is None and int(str(term.get("code") or "0")) < 20000:
            choices.append((str(term["code"]), str(term["name"])))
        elif (
            parent is not None
            and not parent.get("parent_id")
            and int(str(parent.get("code") or "0")) < 20000
        ):
            choices.append((str(term["code"]), f"{parent['name']} › {term['name']}"))
    return sorted(choices, key=lambda c: c[1])


def service_facts(*, actor: Actor | None, service_id: str) -> list[ServiceIndex]:
    """The search rows of one service (one per place), for its page; empty if not visible."""
    return list(visible_rows(actor).filter(service_id=service_id).order_by("location_name"))


@dataclass(frozen=True)
class StaleListing:
    service_id: str
    name: str
    organization_name: str
    assured_date: date | None
    reminded_at: datetime | None


def stale_listings_managed_by(actor: Actor) -> list[StaleListing]:
    """The actor's organisation's stale listings (one per service), oldest check first."""
    managed = organisations_managed_by(actor)
    if not managed:
        return []
    rows = stale_listings().filter(organization_id__in=list(managed))
    seen: dict[str, ServiceIndex] = {}
    for row in rows.order_by("service_id", "pk"):
        seen.setdefault(str(row.service_id), row)
    reminded = {
        str(service_id): at
        for service_id, at in ListingReminder.objects.filter(service_id__in=list(seen)).values_list(
            "service_id", "reminded_at"
        )
    }
    listings = [
        StaleListing(
            service_id=service_id,
            name=row.name,
            organization_name=row.organization_name,
            assured_date=row.assured_date,
            reminded_at=reminded.get(service_id),
        )
        for service_id, row in seen.items()
    ]
    return sorted(listings, key=lambda x: (x.assured_date or date.min, x.name))


def taxonomy_term_find(term: str) -> dict[str, Any] | None:
    """A stored taxonomy term by its HSDS id or its code (the first by id order if shared)."""
    term = term.strip()
    if not term:
        return None
    from caseweave.directory.hsds import is_uuid

    if is_uuid(term):
        found = HsdsRecord.objects.filter(table="taxonomy_term", hsds_id=term).first()
        return found.data if found else None
    found = (
        HsdsRecord.objects.filter(table="taxonomy_term", data__code=term)
        .order_by("hsds_id")
        .first()
    )
    return found.data if found else None


def listing_manageable(*, actor: Actor, service_id: str) -> bool:
    """Whether the actor's organisation runs this service (and so may edit it)."""
    organization_id = (
        HsdsRecord.objects.filter(table="service", hsds_id=service_id)
        .values_list("data__organization_id", flat=True)
        .first()
    )
    return bool(organization_id) and str(organization_id) in organisations_managed_by(actor)


@dataclass
class ListingRecords:
    """A service's own row and the rows an editor changes, with their versions."""

    service: HsdsRecord
    children: dict[str, list[HsdsRecord]]
    terms: list[tuple[HsdsRecord, dict[str, Any]]]
    history: list[dict[str, Any]]


def listing_records(*, service_id: str) -> ListingRecords | None:
    """Everything the edit page shows; callers check ``listing_manageable`` first."""
    from caseweave.directory import editing
    from caseweave.directory.models import HsdsLink

    service = HsdsRecord.objects.filter(table="service", hsds_id=service_id).first()
    if service is None:
        return None
    children: dict[str, list[HsdsRecord]] = {table: [] for table in editing.SERVICE_CHILDREN}
    for record in HsdsRecord.objects.filter(
        table__in=editing.SERVICE_CHILDREN,
        hsds_id__in=HsdsLink.objects.filter(
            source_table__in=editing.SERVICE_CHILDREN, column="service_id", target=service_id
        ).values("source_id"),
    ):
        children[record.table].append(record)
    location_ids = editing.service_location_ids(service_id)
    children["location"] = list(
        HsdsRecord.objects.filter(table="location", hsds_id__in=location_ids)
    )
    children["address"] = list(
        HsdsRecord.objects.filter(
            table="address",
            hsds_id__in=HsdsLink.objects.filter(
                source_table="address", column="location_id", target__in=location_ids
            ).values("source_id"),
        )
    )
    for records in children.values():
        records.sort(key=lambda r: (r.created_at, str(r.hsds_id)))
    terms = []
    for attribute in editing.service_attributes(service_id):
        term_id = str(attribute.data.get("taxonomy_term_id") or "")
        if term_id in readiness.TERM_CODE_BY_ID:
            continue
        term = HsdsRecord.objects.filter(table="taxonomy_term", hsds_id=term_id).first()
        terms.append((attribute, term.data if term else {"id": term_id}))
    resource_ids = [service_id] + [str(r.hsds_id) for records in children.values() for r in records]
    history = list(
        HsdsRecord.objects.filter(
            table="metadata",
            hsds_id__in=HsdsLink.objects.filter(
                source_table="metadata", column="resource_id", target__in=resource_ids
            ).values("source_id"),
        )
        .order_by("-created_at", "-pk")
        .values_list("data", flat=True)[:50]
    )
    return ListingRecords(service=service, children=children, terms=terms, history=history)


def listings_managed_by(actor: Actor) -> list[tuple[str, str, str]]:
    """(service id, name, status) of every service the actor's organisation runs, any status."""
    managed = organisations_managed_by(actor)
    if not managed:
        return []
    from caseweave.directory.models import HsdsLink

    links = HsdsLink.objects.filter(
        source_table="service", column="organization_id", target__in=list(managed)
    ).values("source_id")
    rows = HsdsRecord.objects.filter(table="service", hsds_id__in=links).values_list(
        "hsds_id", "data"
    )
    listings = [
        (str(hsds_id), str(data.get("name") or ""), str(data.get("status") or ""))
        for hsds_id, data in rows
    ]
    return sorted(listings, key=lambda item: (item[1].lower(), item[0]))

"""Building ``ServiceIndex`` rows from HSDS records (called inside the writing transaction)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from unidecode import unidecode

from caseweave.directory import areas, readiness
from caseweave.directory.graph import Graph, Record
from caseweave.directory.models import HsdsRecord, ServiceIndex, ServiceIndexTerm
from caseweave.directory.schedules import SCHEDULE_FIELDS

FREE_WORDS = ("free", "gratuit", "no cost", "0")


def normalise(text: str) -> str:
    """Lower-case ASCII, so "Café" and "cafe" match in every database."""
    return unidecode(text).lower()


def _schedules(
    graph: Graph, service: Record, location_id: str | None, sal_id: str | None
) -> list[Record]:
    rows = [
        s
        for s in graph.referrers("schedule", "service_id", service["id"])
        if not s.get("location_id") or s.get("location_id") == location_id
    ]
    if sal_id:
        rows += graph.referrers("schedule", "service_at_location_id", sal_id)
    if not rows and location_id:
        rows = graph.referrers("schedule", "location_id", location_id)
    unique = {s["id"]: s for s in rows}
    return [
        {k: s[k] for k in SCHEDULE_FIELDS if s.get(k) not in (None, "")} for s in unique.values()
    ]


def _areas(graph: Graph, service_id: str, sal_id: str | None) -> list[Record]:
    rows = graph.referrers("service_area", "service_id", service_id)
    if sal_id:
        rows = [*rows, *graph.referrers("service_area", "service_at_location_id", sal_id)]
    parsed = (areas.parse(row) for row in {str(r["id"]): r for r in rows}.values())
    return [area for area in parsed if area is not None]


def _readiness(graph: Graph, service_id: str) -> dict[str, str]:
    values = {}
    for attribute in graph.referrers("attribute", "link_id", service_id):
        code = readiness.TERM_CODE_BY_ID.get(str(attribute.get("taxonomy_term_id")))
        if code:
            values[code] = str(attribute.get("value") or "")
    return values


def _term_codes(graph: Graph, owner_ids: Iterable[str]) -> tuple[set[str], list[str]]:
    codes: set[str] = set()
    names: list[str] = []
    for owner_id in owner_ids:
        for attribute in graph.referrers("attribute", "link_id", owner_id):
            term = graph.get("taxonomy_term", attribute.get("taxonomy_term_id"))
            if term is None or term["id"] in readiness.TERM_CODE_BY_ID:
                continue
            codes.add(str(term["id"]))
            names.append(str(term.get("name") or ""))
    return codes, names


def rows_for_service(graph: Graph, service: Record) -> list[tuple[ServiceIndex, set[str]]]:
    """One row per location the service is delivered at (or one row with no location)."""
    service_id = str(service["id"])
    organization = graph.get("organization", service.get("organization_id")) or {}
    ready = _readiness(graph, service_id)
    codes, term_names = _term_codes(graph, [service_id])
    languages = {
        normalise(str(x.get("code") or x.get("name") or ""))
        for x in graph.referrers("language", "service_id", service_id)
    }
    costs = graph.referrers("cost_option", "service_id", service_id)
    free = any(c.get("amount") in (0, 0.0) for c in costs) or normalise(
        str(service.get("fees_description") or "")
    ).startswith(FREE_WORDS)
    capacity = graph.referrers("service_capacity", "service_id", service_id)
    slots = sum(int(c.get("available") or 0) for c in capacity) if capacity else None
    documents = [
        str(d.get("document") or "")
        for d in graph.referrers("required_document", "service_id", service_id)
    ]
    eligibility = readiness.Eligibility(
        minimum_age=readiness.to_number(service.get("minimum_age")),
        maximum_age=readiness.to_number(service.get("maximum_age")),
        genders=readiness.split_list(ready.get(readiness.GENDERS)),
        jurisdictions=readiness.split_list(ready.get(readiness.JURISDICTIONS)),
        income_ceiling=readiness.to_number(ready.get(readiness.INCOME_CEILING)),
        household_types=readiness.split_list(ready.get(readiness.HOUSEHOLD_TYPES)),
        documents=tuple(documents),
    ).as_dict()
    eligibility.update(
        {
            k: ready[k]
            for k in (
                readiness.WAITLIST,
                readiness.EXPECTED_WAIT_DAYS,
                readiness.INTAKE_METHOD,
                readiness.INTAKE_CONTACT,
            )
            if k in ready
        }
    )
    accepting = ready.get(readiness.ACCEPTING)
    text_parts = [
        service.get(k) for k in ("name", "alternate_name", "description", "eligibility_description")
    ]
    text_parts += [organization.get("name"), *term_names]
    assured = service.get("assured_date")
    base = {
        "service_id": service_id,
        "organization_id": organization.get("id"),
        "name": str(service.get("name") or "")[:500],
        "organization_name": str(organization.get("name") or "")[:500],
        "status": str(service.get("status") or ""),
        "internal_only": ready.get(readiness.VISIBILITY) == "internal",
        "free": free,
        "accepting_referrals": None if accepting is None else accepting == "yes",
        "slots_available": slots,
        "minimum_age": eligibility["minimum_age"],
        "maximum_age": eligibility["maximum_age"],
        "eligibility": eligibility,
        "assured_date": date.fromisoformat(assured[:10])
        if isinstance(assured, str) and assured
        else None,
    }
    places = [
        (sal, graph.get("location", sal.get("location_id")))
        for sal in graph.referrers("service_at_location", "service_id", service_id)
    ]
    if not places:
        places = [({}, None)]
    rows = []
    for sal, location in places:
        location = location or {}
        location_id = location.get("id")
        address = (
            next(iter(graph.referrers("address", "location_id", location_id)), {})
            if location_id
            else {}
        )
        place_languages = (
            {
                normalise(str(x.get("code") or x.get("name") or ""))
                for x in graph.referrers("language", "location_id", location_id)
            }
            if location_id
            else set()
        )
        accessible = bool(
            location_id and graph.referrers("accessibility", "location_id", location_id)
        )
        address_text = ", ".join(
            str(address.get(k)) for k in ("address_1", "city", "postal_code") if address.get(k)
        )
        service_areas = _areas(graph, service_id, sal.get("id"))
        row = ServiceIndex(
            **base,
            location_id=location_id,
            service_at_location_id=sal.get("id"),
            location_name=str(location.get("name") or "")[:500],
            address=address_text[:500],
            postal_code=normalise(str(address.get("postal_code") or "")).replace(" ", "")[:40],
            languages=" ".join(sorted(x for x in languages | place_languages if x))[:500],
            accessible=accessible,
            latitude=readiness.to_number(location.get("latitude")),
            longitude=readiness.to_number(location.get("longitude")),
            schedules=_schedules(graph, service, location_id, sal.get("id")),
            service_areas=service_areas,
            has_service_area=bool(service_areas),
            search_text=normalise(
                " ".join(str(p) for p in [*text_parts, location.get("name"), address_text] if p)
            ),
        )
        rows.append((row, codes))
    return rows


def rebuild(graph: Graph, service_ids: Iterable[str]) -> int:
    """Replace the index rows of these services from ``graph``; returns rows written."""
    ids = sorted(set(service_ids))
    for start in range(0, len(ids), 500):
        ServiceIndex.objects.filter(service_id__in=ids[start : start + 500]).delete()
    built: list[tuple[ServiceIndex, set[str]]] = []
    for service_id in ids:
        service = graph.get("service", service_id)
        if service is not None:
            built.extend(rows_for_service(graph, service))
    ServiceIndex.objects.bulk_create([row for row, _codes in built], batch_size=1000)
    terms = [ServiceIndexTerm(row=row, code=code) for row, codes in built for code in codes]
    ServiceIndexTerm.objects.bulk_create(terms, batch_size=2000)
    return len(built)


def related_graph(service_ids: Iterable[str]) -> Graph:
    """Just the records that shape these services' index rows, fetched in a few queries."""
    ids = [str(x) for x in service_ids]
    records: list[tuple[str, Any]] = []

    def take(queryset: Any) -> list[Record]:
        found = list(queryset.values_list("table", "data"))
        records.extend(found)
        return [data for _table, data in found]

    services = take(HsdsRecord.objects.filter(table="service", hsds_id__in=ids))
    by_service = take(HsdsRecord.objects.filter(data__service_id__in=ids))
    attributes = take(HsdsRecord.objects.filter(table="attribute", data__link_id__in=ids))
    location_ids = [r["location_id"] for r in by_service if r.get("location_id")]
    sal_ids = [r["id"] for r in by_service if "location_id" in r and r.get("service_id")]
    take(HsdsRecord.objects.filter(table="location", hsds_id__in=location_ids))
    take(
        HsdsRecord.objects.filter(data__location_id__in=location_ids).exclude(
            table="service_at_location"
        )
    )
    take(
        HsdsRecord.objects.filter(
            table__in=["schedule", "service_area"], data__service_at_location_id__in=sal_ids
        )
    )
    organization_ids = [s.get("organization_id") for s in services if s.get("organization_id")]
    take(HsdsRecord.objects.filter(table="organization", hsds_id__in=organization_ids))
    term_ids = [a.get("taxonomy_term_id") for a in attributes if a.get("taxonomy_term_id")]
    take(HsdsRecord.objects.filter(table="taxonomy_term", hsds_id__in=term_ids))
    return Graph(records)

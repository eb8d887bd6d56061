"""Reads behind the public HSDS API: pages of services, places, organisations and taxonomies."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from caseweave.access.types import Actor
from caseweave.directory import areas, geo, hsds
from caseweave.directory.graph import StoredGraph
from caseweave.directory.indexing import normalise
from caseweave.directory.models import HsdsRecord, ServiceIndex
from caseweave.directory.selectors import postcode_point, visible_rows


def directory_is_public() -> bool:
    """Whether anonymous callers may read published services (default: yes)."""
    return bool(settings.CASEWEAVE_DIRECTORY_PUBLIC)


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = 50


def page_of(items: list[Any], total: int, paging: Paging) -> dict[str, Any]:
    pages = max(1, math.ceil(total / paging.per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": paging.page,
        "size": len(items),
        "first_page": paging.page == 1,
        "last_page": paging.page >= pages,
        "empty": total == 0,
        "contents": items,
    }


def _columns(table: str, data: dict[str, Any]) -> dict[str, Any]:
    columns = hsds.tables()[table].columns
    return {key: value for key, value in data.items() if key in columns}


def _records(table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    return {
        str(data["id"]): data
        for data in HsdsRecord.objects.filter(table=table, hsds_id__in=ids).values_list(
            "data", flat=True
        )
    }


def _term_ids_of_taxonomy(taxonomy_id: str) -> list[str]:
    return [
        str(data["id"])
        for data in HsdsRecord.objects.filter(
            table="taxonomy_term", data__taxonomy_id=taxonomy_id
        ).values_list("data", flat=True)
    ]


def filtered_rows(
    actor: Actor | None,
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    organization_id: str = "",
    modified_after: datetime | None = None,
) -> QuerySet[ServiceIndex]:
    rows = visible_rows(actor)
    for word in normalise(search).split():
        rows = rows.filter(search_text__contains=word)
    if taxonomy_term_id:
        rows = rows.filter(terms__code=taxonomy_term_id)
    if taxonomy_id:
        rows = rows.filter(terms__code__in=_term_ids_of_taxonomy(taxonomy_id))
    if organization_id:
        rows = rows.filter(organization_id=organization_id)
    if modified_after is not None:
        changed = HsdsRecord.objects.filter(table="service", updated_at__gte=modified_after).values(
            "hsds_id"
        )
        rows = rows.filter(service_id__in=changed)
    return rows


def services_page(
    actor: Actor | None, paging: Paging, *, form: str, **filters: Any
) -> dict[str, Any]:
    """A Page of services in list form (``form`` "list"), minimal form or full form."""
    ids = list(
        filtered_rows(actor, **filters)
        .order_by("name", "service_id")
        .values_list("service_id", flat=True)
        .distinct()
    )
    unique = list(dict.fromkeys(str(x) for x in ids))
    chunk = unique[(paging.page - 1) * paging.per_page : paging.page * paging.per_page]
    if form == "full":
        graph = StoredGraph()
        items = [graph.nest("service", graph.get("service", i) or {"id": i}) for i in chunk]
    else:
        services = _records("service", chunk)
        if form == "minimal":
            items = [
                {"id": i, "last_modified": services[i].get("last_modified")}
                for i in chunk
                if i in services
            ]
            items = [{k: v for k, v in item.items() if v is not None} for item in items]
        else:
            organisations = _records(
                "organization",
                [
                    str(s.get("organization_id"))
                    for s in services.values()
                    if s.get("organization_id")
                ],
            )
            programs = _records(
                "program",
                [str(s.get("program_id")) for s in services.values() if s.get("program_id")],
            )
            items = []
            for i in chunk:
                service = _columns("service", services[i])
                if service.get("organization_id") in organisations:
                    service["organization"] = _columns(
                        "organization", organisations[service["organization_id"]]
                    )
                if service.get("program_id") in programs:
                    service["program"] = _columns("program", programs[service["program_id"]])
                items.append(service)
    return page_of(items, len(unique), paging)


def _near_postcode(
    rows: QuerySet[ServiceIndex], postcode: str, proximity_m: float | None
) -> list[str]:
    """Service-at-location ids for ``postcode``, as the HSDS API definition describes it.

    Where a service has a service_area we can check, it must cover the postcode;
    otherwise the place's own postal code must match. With ``proximity`` the place must
    also lie within that many metres of the postcode's centre.
    """
    code = areas.normalise_postcode(postcode)
    centre = postcode_point(postcode)
    if proximity_m is not None:
        if centre is None:
            return []
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(*centre, proximity_m / 1000)
        rows = rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    else:
        rows = rows.filter(Q(has_service_area=True) | Q(postal_code=code))
    found = []
    for row in rows.order_by("name", "pk"):
        covered = areas.covers(row.service_areas, postcode, centre)
        if covered is False or (
            covered is None and proximity_m is None and row.postal_code != code
        ):
            continue
        if proximity_m is not None and centre is not None:
            if row.latitude is None or row.longitude is None:
                continue
            if geo.haversine_km(*centre, row.latitude, row.longitude) * 1000 > proximity_m:
                continue
        found.append(str(row.service_at_location_id))
    return found


def service_at_locations_page(
    actor: Actor | None,
    paging: Paging,
    *,
    full: bool,
    postcode: str = "",
    proximity_m: float | None = None,
    **filters: Any,
) -> dict[str, Any]:
    rows = filtered_rows(actor, **filters).filter(service_at_location_id__isnull=False)
    sal_ids = (
        _near_postcode(rows, postcode, proximity_m)
        if postcode
        else [
            str(x)
            for x in rows.order_by("name", "pk").values_list("service_at_location_id", flat=True)
        ]
    )
    chunk = sal_ids[(paging.page - 1) * paging.per_page : paging.page * paging.per_page]
    graph = StoredGraph()
    items = []
    for sal_id in chunk:
        sal = graph.get("service_at_location", sal_id)
        if sal is None:
            continue
        if full:
            item = graph.nest("service_at_location", sal)
            service = graph.get("service", sal.get("service_id"))
            if service is not None:
                item["service"] = _columns("service", service)
        else:
            item = _columns("service_at_location", sal)
            location = graph.get("location", sal.get("location_id"))
            service = graph.get("service", sal.get("service_id"))
            if location is not None:
                item["location"] = _columns("location", location)
            if service is not None:
                item["service"] = _columns("service", service)
        items.append(item)
    return page_of(items, len(sal_ids), paging)


def service_at_location_get(actor: Actor | None, sal_id: str) -> dict[str, Any] | None:
    """The service delivered at one location, in full service form (as the HSDS API defines)."""
    row = visible_rows(actor).filter(service_at_location_id=sal_id).first()
    if row is None:
        return None
    graph = StoredGraph()
    service = graph.get("service", row.service_id)
    return graph.nest("service", service) if service else None


def organizations_page(
    actor: Actor | None,
    paging: Paging,
    *,
    full: bool,
    full_service: bool,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
) -> dict[str, Any]:
    organisations = HsdsRecord.objects.filter(table="organization")
    if taxonomy_term_id or taxonomy_id:
        with_services = filtered_rows(
            actor, taxonomy_term_id=taxonomy_term_id, taxonomy_id=taxonomy_id
        ).values("organization_id")
        organisations = organisations.filter(hsds_id__in=with_services)
    records = [data for data in organisations.values_list("data", flat=True)]
    words = normalise(search).split()
    if words:
        records = [
            r
            for r in records
            if all(
                w
                in normalise(
                    " ".join(str(r.get(k) or "") for k in ("name", "alternate_name", "description"))
                )
                for w in words
            )
        ]
    records.sort(key=lambda r: (str(r.get("name", "")), str(r["id"])))
    chunk = records[(paging.page - 1) * paging.per_page : paging.page * paging.per_page]
    if full or full_service:
        items = [
            organization_full(actor, str(r["id"]), with_services=full_service) or {} for r in chunk
        ]
    else:
        items = [_columns("organization", r) for r in chunk]
    return page_of(items, len(records), paging)


def organization_full(
    actor: Actor | None, organization_id: str, *, with_services: bool
) -> dict[str, Any] | None:
    graph = StoredGraph()
    organisation = graph.get("organization", organization_id)
    if organisation is None:
        return None
    item = graph.nest("organization", organisation)
    visible = [
        str(x)
        for x in visible_rows(actor)
        .filter(organization_id=organization_id)
        .values_list("service_id", flat=True)
        .distinct()
    ]
    services = [graph.get("service", i) for i in dict.fromkeys(visible)]
    item["services"] = [
        graph.nest("service", s, ("organization",)) if with_services else _columns("service", s)
        for s in services
        if s is not None
    ]
    return item


def taxonomies_page(paging: Paging, *, search: str = "") -> dict[str, Any]:
    records = [
        d for d in HsdsRecord.objects.filter(table="taxonomy").values_list("data", flat=True)
    ]
    words = normalise(search).split()
    records = [r for r in records if all(w in normalise(str(r.get("name", ""))) for w in words)]
    records.sort(key=lambda r: str(r.get("name", "")))
    chunk = records[(paging.page - 1) * paging.per_page : paging.page * paging.per_page]
    return page_of([_columns("taxonomy", r) for r in chunk], len(records), paging)


def taxonomy_terms_page(
    paging: Paging,
    *,
    search: str = "",
    taxonomy_id: str = "",
    top_only: bool = False,
    parent_id: str = "",
) -> dict[str, Any]:
    terms = HsdsRecord.objects.filter(table="taxonomy_term")
    if taxonomy_id:
        terms = terms.filter(data__taxonomy_id=taxonomy_id)
    if parent_id:
        terms = terms.filter(data__parent_id=parent_id)
    records = list(terms.values_list("data", flat=True))
    if top_only:
        records = [r for r in records if not r.get("parent_id")]
    words = normalise(search).split()
    records = [
        r
        for r in records
        if all(w in normalise(f"{r.get('name', '')} {r.get('description', '')}") for w in words)
    ]
    records.sort(key=lambda r: (str(r.get("code") or ""), str(r.get("name", ""))))
    chunk = records[(paging.page - 1) * paging.per_page : paging.page * paging.per_page]
    graph = StoredGraph()
    return page_of([graph.nest("taxonomy_term", r) for r in chunk], len(records), paging)

"""Synthetic HSDS services in JSON form, imported through the real import action."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from caseweave.directory import actions, readiness, taxonomy

ORGANIZATION_ID = str(uuid.uuid5(readiness.NAMESPACE, "test-organisation"))


def oe_term(code: str, level: int) -> str:
    return taxonomy.open_eligibility_term_id(code, level)


def service_json(
    name: str,
    *,
    latitude: float | None = 43.65,
    longitude: float | None = -79.38,
    terms: tuple[str, ...] = (),
    schedules: tuple[dict[str, Any], ...] = (),
    ready: dict[str, str] | None = None,
    languages: tuple[str, ...] = (),
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    status: str = "active",
    organization_id: str = ORGANIZATION_ID,
    postal_code: str = "M5V 1A1",
) -> dict[str, Any]:
    service_id = str(uuid.uuid5(readiness.NAMESPACE, f"service:{name}"))

    def child(kind: str, index: int = 0) -> str:
        return str(uuid.uuid5(readiness.NAMESPACE, f"{kind}:{name}:{index}"))

    service: dict[str, Any] = {
        "id": service_id,
        "name": name,
        "description": f"{name} for people in the district",
        "status": status,
        "organization": {
            "id": organization_id,
            "name": "Harbour Trust",
            "description": "A charity",
        },
        "attributes": [
            {"id": child("attribute", i), "taxonomy_term_id": term, "link_entity": "service"}
            for i, term in enumerate(terms)
        ]
        + [
            {
                "id": readiness.attribute_id(service_id, code),
                "taxonomy_term_id": readiness.term_id(code),
                "link_entity": "service",
                "value": value,
            }
            for code, value in (ready or {}).items()
        ],
        "schedules": [{"id": child("schedule", i), **s} for i, s in enumerate(schedules)],
        "languages": [
            {"id": child("language", i), "code": code} for i, code in enumerate(languages)
        ],
    }
    if minimum_age is not None:
        service["minimum_age"] = minimum_age
    if maximum_age is not None:
        service["maximum_age"] = maximum_age
    if latitude is not None and longitude is not None:
        location_id = child("location")
        service["service_at_locations"] = [
            {
                "id": child("sal"),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": f"{name} site",
                    "latitude": latitude,
                    "longitude": longitude,
                    "addresses": [
                        {
                            "id": child("address"),
                            "address_1": "1 Front St",
                            "city": "Toronto",
                            "state_province": "ON",
                            "postal_code": postal_code,
                            "country": "CA",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ]
    return service


def import_services(
    folder: Path, services: list[dict[str, Any]], *, with_taxonomy: bool = True
) -> dict[str, Any]:
    if with_taxonomy:
        actions.taxonomy_install_default(actor=None)
    path = folder / f"services-{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps(services))
    return actions.directory_import(actor=None, source=str(path))

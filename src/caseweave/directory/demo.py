"""A believable synthetic directory for the demo district (Riverbend, around 43.65, -79.38).

Built as HSDS JSON and loaded through the ordinary import, so the demo exercises the same
validation, history and index as real data. Idempotent: ids derive from names.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from caseweave.core.models import Organisation
from caseweave.directory import actions, readiness, taxonomy

NAMESPACE = uuid.UUID("0b7a3f52-3c1e-4a57-9d0e-5b8f2f1c9a01")

WEEKDAYS = "MO,TU,WE,TH,FR"
# (directory organisation, platform organisation short name or "", description)
ORGANISATIONS = [
    ("Harbour Light Outreach", "Harbour Light", "Street outreach, shelter and meals."),
    ("Riverbend Mental Health & Addictions", "MHA", "Community mental health and addictions care."),
    ("Assertive Community Treatment Team", "ACT Team", "Intensive community treatment."),
    (
        "Amaro Drom Roma Community Association",
        "Amaro Drom",
        "Roma community mediation and support.",
    ),
    (
        "Riverbend Municipal Social Development",
        "Social Development",
        "Municipal benefits and housing help.",
    ),
    ("Riverbend Community Legal Clinic", "", "Free legal advice for people on low incomes."),
    ("Eastside Food Bank Network", "", "Food banks and community meals."),
]

# name, organisation index, (OE code, level), lat, lon, schedule, readiness, extras
SERVICES: list[
    tuple[str, int, tuple[str, int], float, float, dict[str, Any], dict[str, str], dict[str, Any]]
] = [
    (
        "Harbour Light night shelter",
        0,
        ("1135", 2),
        43.6452,
        -79.3806,
        {
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "19:00",
            "closes_at": "08:00",
        },
        {readiness.ACCEPTING: "yes", readiness.INTAKE_METHOD: "platform", readiness.WAITLIST: "4"},
        {"minimum_age": 18, "capacity": 6},
    ),
    (
        "Harbour Light youth shelter",
        0,
        ("1135", 2),
        43.6531,
        -79.3712,
        {
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "18:00",
            "closes_at": "09:00",
        },
        {
            readiness.ACCEPTING: "paused",
            readiness.EXPECTED_WAIT_DAYS: "10",
            readiness.JURISDICTIONS: "riverbend",
        },
        {"minimum_age": 16, "maximum_age": 24, "capacity": 0},
    ),
    (
        "Eastside food bank",
        6,
        ("1128", 2),
        43.6589,
        -79.3498,
        {"freq": "WEEKLY", "byday": "TU,TH,SA", "opens_at": "10:00", "closes_at": "14:00"},
        {readiness.ACCEPTING: "yes", readiness.INTAKE_METHOD: "phone"},
        {"free": True, "languages": ["en", "fr"]},
    ),
    (
        "Community breakfast",
        6,
        ("1128", 2),
        43.6478,
        -79.3925,
        {"freq": "WEEKLY", "byday": WEEKDAYS, "opens_at": "07:30", "closes_at": "09:30"},
        {},
        {"free": True},
    ),
    (
        "Mental health walk-in clinic",
        1,
        ("1106", 1),
        43.6560,
        -79.3840,
        {"freq": "WEEKLY", "byday": WEEKDAYS, "opens_at": "09:00", "closes_at": "17:00"},
        {readiness.ACCEPTING: "yes", readiness.INTAKE_METHOD: "platform"},
        {"languages": ["en", "ro"]},
    ),
    (
        "ACT team intake",
        2,
        ("1178", 2),
        43.6620,
        -79.3950,
        {"freq": "WEEKLY", "byday": WEEKDAYS, "opens_at": "08:30", "closes_at": "16:30"},
        {
            readiness.ACCEPTING: "yes",
            readiness.VISIBILITY: "internal",
            readiness.INTAKE_METHOD: "platform",
        },
        {"minimum_age": 18, "capacity": 2},
    ),
    (
        "Roma community mediators",
        3,
        ("1390", 2),
        43.6690,
        -79.3650,
        {"freq": "WEEKLY", "byday": "MO,WE,FR", "opens_at": "10:00", "closes_at": "18:00"},
        {readiness.ACCEPTING: "yes", readiness.INTAKE_METHOD: "email"},
        {"languages": ["rom", "en", "ro"]},
    ),
    (
        "Legal aid drop-in",
        5,
        ("1375", 2),
        43.6505,
        -79.3870,
        {"freq": "MONTHLY", "byday": "1TU,3TU", "opens_at": "13:00", "closes_at": "17:00"},
        {readiness.ACCEPTING: "yes", readiness.INCOME_CEILING: "32000"},
        {"free": True},
    ),
    (
        "Benefits and housing help desk",
        4,
        ("1256", 2),
        43.6535,
        -79.3840,
        {"freq": "WEEKLY", "byday": WEEKDAYS, "opens_at": "08:30", "closes_at": "16:30"},
        {readiness.ACCEPTING: "yes", readiness.JURISDICTIONS: "riverbend"},
        {"free": True, "languages": ["en", "fr"]},
    ),
]


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _service(spec: tuple[Any, ...]) -> dict[str, Any]:
    name, org_index, (code, level), lat, lon, schedule, ready, extras = spec
    org_name, _short, org_description = ORGANISATIONS[org_index]
    service_id = _id("service", name)
    attributes = [
        {
            "id": _id("need", name),
            "taxonomy_term_id": taxonomy.open_eligibility_term_id(code, level),
            "link_entity": "service",
        }
    ]
    attributes += [
        {
            "id": readiness.attribute_id(service_id, k),
            "taxonomy_term_id": readiness.term_id(k),
            "link_entity": "service",
            "value": v,
        }
        for k, v in ready.items()
    ]
    location_id = _id("location", name)
    service: dict[str, Any] = {
        "id": service_id,
        "name": name,
        "description": f"{name}, run by {org_name}. Synthetic demo listing.",
        "status": "active",
        "organization": {
            "id": _id("organization", org_name),
            "name": org_name,
            "description": org_description,
        },
        "attributes": attributes,
        "schedules": [{"id": _id("schedule", name), "description": "Regular hours", **schedule}],
        "languages": [
            {"id": _id("language", name, c), "code": c} for c in extras.get("languages", ["en"])
        ],
        "service_at_locations": [
            {
                "id": _id("sal", name),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": f"{name} site",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": _id("address", name),
                            "address_1": f"{abs(int(lat * 1000)) % 900 + 10} Queen St",
                            "city": "Riverbend",
                            "state_province": "ON",
                            "postal_code": "M5V 2T6",
                            "country": "CA",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {"id": _id("access", name), "description": "Step-free entrance"}
                    ],
                },
            }
        ],
    }
    for key in ("minimum_age", "maximum_age"):
        if key in extras:
            service[key] = extras[key]
    if extras.get("free"):
        service["cost_options"] = [
            {"id": _id("cost", name), "option": "Free", "amount": 0, "currency": "CAD"}
        ]
    if "capacity" in extras:
        service["capacities"] = [
            {
                "id": _id("capacity", name),
                "available": extras["capacity"],
                "updated": "2026-11-20T09:00:00Z",
                "unit": {
                    "id": _id("unit", "place"),
                    "name": "place",
                    "scheme": "caseweave",
                    "identifier": "place",
                },
            }
        ]
    return service


def seed(core: object | None = None) -> dict[str, Any]:
    """Install the default taxonomy, import the demo services and link organisations."""
    actions.taxonomy_install_default(actor=None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "services.json"
        path.write_text(json.dumps([_service(spec) for spec in SERVICES]))
        report = actions.directory_import(actor=None, source=str(path))
    for org_name, short_name, _description in ORGANISATIONS:
        platform = (
            Organisation.objects.filter(short_name=short_name).first() if short_name else None
        )
        if platform is not None:
            actions.organisation_link(
                actor=None,
                directory_organization_id=_id("organization", org_name),
                organisation_id=platform.pk,
            )
    return report

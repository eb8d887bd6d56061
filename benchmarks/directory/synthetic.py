"""A synthetic HSDS 3.1 dataset of N services around the demo district, deterministic by seed."""

from __future__ import annotations

import random
import uuid
from typing import Any

from caseweave.directory import readiness, taxonomy

NAMESPACE = uuid.UUID("c7f0e0d4-41a4-4f43-8a2b-0d1f0c4a5e77")
KINDS = ["food bank", "shelter", "clinic", "legal aid", "drop-in"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(map(str, parts))))


def need_terms() -> list[str]:
    """Service-facet terms of the default taxonomy (ids), to classify services with."""
    return [t["id"] for t in taxonomy.open_eligibility_terms() if int(t["code"]) < 20000]


def services(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    terms = need_terms()
    organisations = [
        {"id": _id("org", i), "name": f"Agency {i}", "description": "Synthetic agency"}
        for i in range(max(1, count // 20))
    ]
    found = []
    for i in range(count):
        organisation = organisations[i % len(organisations)]
        lat = 43.65 + rng.uniform(-0.6, 0.6)
        lon = -79.38 + rng.uniform(-0.8, 0.8)
        opens = rng.choice(["07:00", "08:30", "09:00", "10:00", "18:00"])
        closes = "08:00" if opens == "18:00" else rng.choice(["12:00", "16:30", "17:00", "20:00"])
        service_id = _id("service", i)
        found.append(
            {
                "id": service_id,
                "name": f"Service {i} {rng.choice(KINDS)}",
                "description": "Synthetic service for the benchmark",
                "status": "active",
                "organization": organisation,
                "attributes": [
                    {
                        "id": _id("attr", i, k),
                        "taxonomy_term_id": rng.choice(terms),
                        "link_entity": "service",
                    }
                    for k in range(2)
                ]
                + [
                    {
                        "id": readiness.attribute_id(service_id, readiness.ACCEPTING),
                        "taxonomy_term_id": readiness.term_id(readiness.ACCEPTING),
                        "link_entity": "service",
                        "value": rng.choice(["yes", "yes", "paused"]),
                    }
                ],
                "schedules": [
                    {
                        "id": _id("schedule", i),
                        "freq": "WEEKLY",
                        "byday": ",".join(
                            sorted(rng.sample(DAYS, rng.randint(2, 7)), key=DAYS.index)
                        ),
                        "opens_at": opens,
                        "closes_at": closes,
                    }
                ],
                "languages": [{"id": _id("lang", i), "code": rng.choice(["en", "fr", "ro", "ar"])}],
                "phones": [{"id": _id("phone", i), "number": f"555-{i % 10000:04d}"}],
                "service_at_locations": [
                    {
                        "id": _id("sal", i),
                        "location": {
                            "id": _id("location", i),
                            "location_type": "physical",
                            "name": f"Site {i}",
                            "latitude": round(lat, 6),
                            "longitude": round(lon, 6),
                            "addresses": [
                                {
                                    "id": _id("address", i),
                                    "address_1": f"{i} Main St",
                                    "city": "Riverbend",
                                    "state_province": "ON",
                                    "postal_code": f"M{i % 10}A {i % 10}B{i % 7}",
                                    "country": "CA",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
            }
        )
    return found

"""A small published directory for route and API tests, built through the real import."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from caseweave.directory import readiness, taxonomy
from caseweave.directory.tests.factories import (
    ORGANIZATION_ID,
    import_services,
    oe_term,
    service_json,
)

FOOD = oe_term("1102", 1)


def seed_small() -> dict[str, Any]:
    """Two services (one internal-only) at a site in the demo district; returns their ids."""
    public = service_json(
        "Harbour food bank",
        terms=(FOOD,),
        schedules=(
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "17:00",
            },
        ),
        ready={readiness.ACCEPTING: "yes"},
    )
    internal = service_json(
        "Internal ACT team", ready={readiness.VISIBILITY: "internal"}, latitude=43.66
    )
    with tempfile.TemporaryDirectory() as folder:
        report = import_services(Path(folder), [public, internal])
    assert report["rejected"] == [], report["rejected"]
    return {
        "service_id": public["id"],
        "internal_service_id": internal["id"],
        "service_at_location_id": public["service_at_locations"][0]["id"],
        "location_id": public["service_at_locations"][0]["location"]["id"],
        "organization_id": ORGANIZATION_ID,
        "taxonomy_id": taxonomy.OPEN_ELIGIBILITY_ID,
        "term_id": FOOD,
    }

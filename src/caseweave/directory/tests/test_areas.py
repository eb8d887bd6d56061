"""service_area coverage: postcode lists and prefixes, GeoJSON polygons, and what is unknown."""

from __future__ import annotations

import json
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from caseweave.directory import areas, readiness, selectors
from caseweave.directory.models import ServiceIndex
from caseweave.directory.tests.factories import import_services, service_json

# A box around downtown Toronto (lon -79.45..-79.30, lat 43.60..43.70) with a hole.
BOX = {
    "type": "Polygon",
    "coordinates": [
        [[-79.45, 43.60], [-79.30, 43.60], [-79.30, 43.70], [-79.45, 43.70], [-79.45, 43.60]],
        [[-79.40, 43.64], [-79.38, 43.64], [-79.38, 43.66], [-79.40, 43.66], [-79.40, 43.64]],
    ],
}


def test_text_areas_hold_codes_and_prefixes_whatever_the_spacing() -> None:
    area = areas.parse({"extent_type": "text", "extent": "M5V 1A1, m4c*;\nK1A 0B1"})
    assert area == {"codes": ["k1a0b1", "m5v1a1"], "prefixes": ["m4c"]}
    assert areas.covers([area], "m5v1a1", None) is True
    assert areas.covers([area], "M4C 9Z9", None) is True
    assert areas.covers([area], "M5V 1A2", None) is False


def test_polygons_with_holes_and_features() -> None:
    feature = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": BOX}]}
    area = areas.parse({"extent_type": "GeoJSON", "extent": json.dumps(feature)})
    assert area is not None
    assert areas.covers([area], "X", (43.62, -79.35)) is True
    assert areas.covers([area], "X", (43.65, -79.39)) is False  # in the hole
    assert areas.covers([area], "X", (43.80, -79.35)) is False
    assert areas.covers([area], "X", None) is None  # no point for the postcode


@pytest.mark.parametrize(
    "row",
    [
        {"extent_type": "kml", "extent": "<kml/>"},
        {"extent_type": "geojson", "extent": "extent"},
        {"extent_type": "text", "extent": ""},
        {"name": "The MyCity area"},
    ],
)
def test_areas_that_cannot_be_checked_decide_nothing(row: dict[str, Any]) -> None:
    assert areas.parse(row) is None
    assert areas.covers([], "M5V1A1", None) is None


def _with_area(name: str, extent_type: str, extent: str, **kwargs: Any) -> dict[str, Any]:
    service = service_json(name, **kwargs)
    service["service_areas"] = [
        {
            "id": str(uuid.uuid5(readiness.NAMESPACE, f"area:{name}")),
            "name": f"{name} area",
            "extent_type": extent_type,
            "extent": extent,
        }
    ]
    return service


@pytest.fixture
def directory(tmp_path: Path, db: Any) -> dict[str, str]:
    services = [
        _with_area("Downtown outreach", "text", "M5V*, M5A 1A1", postal_code="M5V 1A1"),
        _with_area(
            "East end clinic", "geojson", json.dumps(BOX), postal_code="M4C 1B5", longitude=-79.31
        ),
        service_json("Citywide line", postal_code="M9W 1A1"),
    ]
    report = import_services(tmp_path, services)
    assert report["rejected"] == []
    return {s["name"]: str(s["id"]) for s in services}


def _names(postcode: str) -> list[str]:
    hits = selectors.service_search(
        actor=None,
        query=selectors.ServiceQuery(eligible_for=selectors.PersonFacts(postcode=postcode)),
    )
    return sorted(hit.row.name for hit in hits)


def test_search_for_a_person_keeps_services_whose_area_covers_their_postcode(
    directory: dict[str, str],
) -> None:
    # M5V 1A1 is the downtown service's own site; its centre lies in the east-end box.
    assert _names("M5V 1A1") == ["Citywide line", "Downtown outreach", "East end clinic"]
    # M9W 1A1: only the service without an area (coverage unknown) is kept; the
    # citywide line's site is at the same coordinates, which lie inside the box too.
    assert _names("M9W 1A1") == ["Citywide line", "East end clinic"]
    # M5A 1A1 is listed by the downtown area; no place has it, so the polygon cannot say.
    assert _names("M5A 1A1") == ["Citywide line", "Downtown outreach", "East end clinic"]
    assert _names("L4Z 1A1") == ["Citywide line", "East end clinic"]
    hit = selectors.service_search(
        actor=None,
        query=selectors.ServiceQuery(
            text="downtown", eligible_for=selectors.PersonFacts(postcode="M5V 9Z9")
        ),
    )[0]
    assert "serves postcode M5V 9Z9" in hit.reasons


def test_the_hsds_api_honours_service_areas_for_postcode(directory: dict[str, str]) -> None:
    def names(query: str) -> list[str]:
        response = Client().get(f"/hsds/service_at_locations?{query}&full=true")
        assert response.status_code == 200
        return sorted(item["service"]["name"] for item in response.json()["contents"])

    # Without an area the place's own postal code decides; with one, the area does.
    assert names("postcode=M5V1A1") == ["Downtown outreach", "East end clinic"]
    assert names("postcode=M9W1A1") == ["Citywide line", "East end clinic"]
    assert names("postcode=M5A1A1") == ["Downtown outreach"]
    assert names("postcode=M9W1A1&proximity=100") == ["Citywide line"]


def test_reindex_rebuilds_the_areas_of_every_service(directory: dict[str, str]) -> None:
    ServiceIndex.objects.update(service_areas=[], has_service_area=False)
    call_command("directory", "reindex", stdout=StringIO())
    row = ServiceIndex.objects.get(service_id=directory["Downtown outreach"])
    assert row.has_service_area and row.service_areas[0]["prefixes"] == ["m5v"]

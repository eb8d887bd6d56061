"""A caseworker finds food help near a site and opens the service from the map."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.directory.tests.factories import import_services, oe_term, service_json
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

FOOD = oe_term("1102", 1)
EMERGENCY_FOOD = oe_term("1128", 2)


def test_caseworker_searches_by_need_near_a_site_and_opens_a_service_on_the_map(
    page, live_server, personas
) -> None:
    services = [
        service_json(
            "Harbour food bank", latitude=43.651, longitude=-79.381, terms=(EMERGENCY_FOOD,)
        ),
        service_json(
            "Lakeshore community kitchen", latitude=43.640, longitude=-79.390, terms=(FOOD,)
        ),
        service_json("Uptown food bank", latitude=43.760, longitude=-79.410, terms=(FOOD,)),
        service_json("Harbour legal clinic", latitude=43.652, longitude=-79.382),
    ]
    with tempfile.TemporaryDirectory() as folder:
        assert import_services(Path(folder), services)["rejected"] == []
    site = services[3]["service_at_locations"][0]["location"]["id"]

    sign_in(page, live_server, personas["caseworker"].user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/services/{services[3]['id']}/")
    page.get_by_role("link", name="Find services near this site").click()
    page.get_by_label("Need").select_option(label="Food")
    page.get_by_role("button", name="Search").click()

    page.get_by_test_id("result-count").filter(has_text="2 services found").wait_for()
    hits = page.locator(".service-hit")
    assert hits.nth(0).locator("h2").inner_text() == "Harbour food bank"
    assert hits.nth(1).locator("h2").inner_text() == "Lakeshore community kitchen"
    assert "meets need: Food" in hits.nth(0).inner_text()
    assert "km away" in hits.nth(0).inner_text()
    assert f"site={site}" in page.url
    assert page.get_by_text("No map tiles are configured").is_visible()

    markers = page.locator("#directory-map .leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == 2
    page.get_by_role("button", name="Harbour food bank").click()
    page.locator(".leaflet-popup").get_by_role("link", name="Harbour food bank").click()
    page.wait_for_url(f"**/services/{services[0]['id']}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Harbour food bank"

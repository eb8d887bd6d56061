"""A listing steward changes a service's opening hours; the listing shows them and "open now"."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.directory import actions
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def test_a_steward_edits_the_hours_and_the_listing_opens_now(
    page, live_server, personas, home_organisation
) -> None:
    # Open one hour on the day after tomorrow: certainly closed now.
    later = DAYS[(timezone.localdate() + timedelta(days=2)).weekday()]
    service = service_json(
        "Harbour drop-in",
        schedules=({"freq": "WEEKLY", "byday": later, "opens_at": "09:00", "closes_at": "10:00"},),
    )
    with tempfile.TemporaryDirectory() as folder:
        assert import_services(Path(folder), [service])["rejected"] == []
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )

    sign_in(page, live_server, personas["receiving_agency_staff"].user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/services/{service['id']}/")
    assert page.get_by_text("Closed now").is_visible()
    page.get_by_role("link", name="Edit details, hours, phones and places").click()

    hours = page.locator("#schedule .edit-item").first
    hours.locator("input[name=byday]").fill("Monday")  # not an RFC 5545 day: refused
    hours.get_by_role("button", name="Save").click()
    error = page.locator("#schedule .field-error").first
    error.wait_for()
    assert "is not a day such as MO" in error.inner_text()

    hours = page.locator("#schedule .edit-item").first
    hours.locator("input[name=byday]").fill(",".join(DAYS))
    hours.locator("input[name=opens_at]").fill("00:00")
    hours.locator("input[name=closes_at]").fill("00:00")  # round the clock
    hours.get_by_role("button", name="Save").click()
    page.wait_for_url("**/edit/#schedule")
    assert page.get_by_text("Saved.").is_visible()
    history = page.locator("#history").inner_text()
    assert "byday" in history and "opens_at" in history

    page.get_by_role("link", name="See the listing").click()
    page.get_by_text("Open now").wait_for()
    assert "MO,TU,WE,TH,FR,SA,SU" in page.locator("#where").locator("..").inner_text()

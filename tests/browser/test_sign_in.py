"""A person signs in with a real browser and lands on their role's home page."""

from __future__ import annotations

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_outreach_worker_sees_their_day(page, live_server, personas) -> None:
    sign_in(page, live_server, personas["outreach_worker"].user.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Your outreach day").wait_for()
    assert page.get_by_test_id("acting-as").inner_text().startswith("Outreach worker")

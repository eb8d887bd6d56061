"""Registering someone who is already known shows the existing record before a duplicate."""

from __future__ import annotations

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.people.models import Person
from caseweave.people.tests.factories import register
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_outreach_worker_is_shown_aleksandar_before_registering_aco(
    page, live_server, personas
) -> None:
    existing = register(
        personas["caseworker"].actor,
        given_names="Aleksandar",
        family_names="Petrović",
        birth="1987-03-12",
    )
    sign_in(page, live_server, personas["outreach_worker"].user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/people/register/")
    page.get_by_label("Given names").fill("Aco")
    page.get_by_label("Family names").fill("Petrovic")
    page.get_by_label("Date of birth").fill("1987")
    page.get_by_role("button", name="Check and register").click()

    matches = page.get_by_test_id("likely-matches")
    matches.wait_for()
    first = matches.get_by_test_id("person-hit").first
    assert "Aleksandar Petrović" in first.inner_text()
    assert "born 1987-03-12" in first.inner_text()
    assert "name agrees allowing for nicknames" in first.inner_text()
    assert Person.objects.for_system("test").count() == 1

    first.get_by_role("link", name="Aleksandar Petrović").click()
    page.wait_for_url(f"**/people/{existing.id}/")
    page.get_by_role("heading", name="Aleksandar Petrović", level=1).wait_for()
    assert Person.objects.for_system("test").count() == 1


def test_a_new_person_is_registered_after_confirming_none_match(
    page, live_server, personas
) -> None:
    register(
        personas["caseworker"].actor,
        given_names="Aleksandar",
        family_names="Petrović",
        birth="1987-03-12",
    )
    sign_in(page, live_server, personas["outreach_worker"].user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/people/register/")
    page.get_by_label("Given names").fill("Aleksandra")
    page.get_by_label("Family names").fill("Petrović")
    page.get_by_label("Date of birth").fill("1987-05-20")
    page.get_by_label("Date of birth").press("Tab")
    page.get_by_test_id("likely-matches").wait_for()  # shown live, before submitting
    page.get_by_role("button", name="Check and register").click()
    page.get_by_role("button", name="None of these: register a new person").click()
    page.get_by_role("heading", name="Aleksandra Petrović", level=1).wait_for()
    assert Person.objects.for_system("test").count() == 2

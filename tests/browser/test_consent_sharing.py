"""A police member of the outreach table sees a person's mental-health notes only while
the person's consent to share them with the table is in force, and the access report
shows each of their views."""

from __future__ import annotations

import re

import pytest

from caseweave.access.models import Consent
from caseweave.access.types import Category, PersonId, Purpose
from caseweave.core.models import TeamMembership
from caseweave.core.tests.factories import TEST_PASSWORD, OrganisationFactory, TeamFactory
from caseweave.people.actions import person_note_add
from caseweave.people.tests.factories import register
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

NOTE = "Sees the community psychiatrist every Tuesday"


def _switch_user(page, live_server, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, email, TEST_PASSWORD)
    page.get_by_role("link", name="Home").first.wait_for()


def test_consent_opens_and_withdrawal_closes_mental_health_notes(
    page, live_server, personas, make_persona
) -> None:
    caseworker = personas["caseworker"]
    police = make_persona(
        "police_member",
        organisation=OrganisationFactory(name="Police Service"),
        role="table_member",
    )
    table = TeamFactory(name="Outreach table", kind="action_table")
    TeamMembership.objects.create(team=table, membership=police.membership)
    person = register(caseworker.actor, given_names="Robin", family_names="Ashdown")
    person_note_add(
        actor=caseworker.actor,
        person_id=PersonId(person.id),
        category=Category.MENTAL_HEALTH,
        text=NOTE,
    )
    # The table already may see who the person is (an earlier consent), not their health.
    earlier = Consent.objects.create(
        person_id=person.id,
        categories=",identity,",
        purposes=f",{Purpose.CASE_CONFERENCE},",
        evidence_kind="verbal",
        witness_name="Duty officer",
        captured_by=caseworker.membership,
    )
    earlier.recipient_teams.add(table)
    person_url = f"{live_server.url}/people/{person.id}/"

    # 1. Before consent: the police member sees the person, but no mental-health section.
    _switch_user(page, live_server, police.user.email)
    page.goto(person_url)
    page.get_by_role("heading", level=1).wait_for()
    assert NOTE not in page.content()
    assert page.locator('[data-section="notes-mental_health"]').count() == 0

    # 2. The caseworker records the person's consent to share mental health with the table.
    _switch_user(page, live_server, caseworker.user.email)
    page.goto(f"{live_server.url}/access/people/{person.id}/consents/new/")
    page.get_by_role("checkbox", name="Identity & contact").check()
    page.get_by_role("checkbox", name="Mental health").check()
    page.get_by_role("checkbox", name="Case conference (multi-agency table)").check()
    page.get_by_role("checkbox", name="Outreach table").check()
    page.get_by_role("radio", name="Verbal, with a witness").check()
    page.get_by_label("Witness (verbal consent)").fill("Sam Okafor")
    page.get_by_role("button", name="Record consent").click()
    page.get_by_role("heading", name="Your consent to share information").wait_for()
    consent_id = re.search(r"/consents/(\d+)/receipt/", page.url).group(1)  # type: ignore[union-attr]

    # 3. With consent: the police member sees the note.
    _switch_user(page, live_server, police.user.email)
    page.goto(person_url)
    page.get_by_text(NOTE).wait_for()

    # 4. The person withdraws; the caseworker records it.
    _switch_user(page, live_server, caseworker.user.email)
    page.goto(f"{live_server.url}/access/consents/{consent_id}/withdraw/")
    page.get_by_label("Reason").fill("The person asked to stop sharing their health")
    page.get_by_role("button", name="Withdraw consent").click()
    page.get_by_text("Consent withdrawn").wait_for()

    # 5. After withdrawal: gone again, at once.
    _switch_user(page, live_server, police.user.email)
    page.goto(person_url)
    page.get_by_role("heading", level=1).wait_for()
    assert NOTE not in page.content()

    # 6. The supervisor's access report shows the police member's three views.
    _switch_user(page, live_server, personas["supervisor"].user.email)
    page.goto(f"{live_server.url}/access/people/{person.id}/access-report/")
    police_rows = 'table.report tbody tr:has-text("Police Member")'
    page.locator(police_rows).first.wait_for()
    views = page.locator(f'{police_rows}[data-event="person.view"]')
    assert views.count() == 3, views.all_inner_texts()
    assert page.locator(f'{police_rows}[data-event="person.sections_viewed"]').count() == 3
    # Filtered to mental health: only the one view made while the consent was in force.
    page.get_by_label("Only events about").select_option("mental_health")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**category=mental_health**")
    shown = page.locator(f'{police_rows}[data-event="person.sections_viewed"]')
    assert shown.count() == 1, shown.all_inner_texts()


def test_choosing_a_template_prefills_the_consent_form(page, live_server, personas) -> None:
    """HTMX swaps in the template's scope and wording; staff adjust it before saving."""
    from caseweave.access import actions

    caseworker = personas["caseworker"]
    shelter = OrganisationFactory(name="Night Shelter")
    actions.consent_template_save(
        actor=personas["data_steward"].actor,
        name="Shelter referral",
        plain_language_text="The night shelter may see who you are and where you sleep.",
        categories=["identity", "housing"],
        purposes=["referral"],
        recipient_organisation_ids=[shelter.pk],
        default_months=6,
    )
    person = register(caseworker.actor, given_names="Robin", family_names="Ashdown")
    sign_in(page, live_server, caseworker.user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/access/people/{person.id}/consents/new/")
    housing = page.get_by_role("checkbox", name="Housing")
    assert not housing.is_checked()
    page.get_by_label("Start from a template").select_option(label="Shelter referral")
    page.get_by_text("The night shelter may see who you are").wait_for()
    assert housing.is_checked()
    assert page.get_by_role("checkbox", name="Night Shelter").is_checked()
    assert page.get_by_role("checkbox", name="Referral").is_checked()
    page.screenshot(path=str(ARTIFACTS / "consent-template.png"), full_page=True)
    housing.uncheck()  # the person agrees to less than the template offers
    page.get_by_label("Electronic, by the person").check()
    page.get_by_role("button", name="Record consent").click()
    page.get_by_text("What you agreed to").wait_for()
    assert "The night shelter may see who you are" in page.content()
    consent = Consent.objects.get(person_id=person.id)
    assert consent.category_list == [Category.IDENTITY]
    assert consent.template_version == 1

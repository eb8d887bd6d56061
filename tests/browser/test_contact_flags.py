"""Staff change what a person agreed to on a phone number in place, and a conflicting change
by someone else is shown where they made theirs."""

from __future__ import annotations

import pytest

from caseweave.access.types import PersonId
from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.people.actions.person_edit import person_update
from caseweave.people.inputs import ContactInput
from caseweave.people.models import ContactMethod
from caseweave.people.tests.factories import register
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_edit_a_contacts_flags_in_place(page, live_server, personas) -> None:
    worker = personas["outreach_worker"]
    person = register(
        worker.actor, given_names="Marta", family_names="Quispe",
        contacts=(ContactInput(kind="mobile", value="604 555 0144"),),
    )  # fmt: skip
    contact = ContactMethod.objects.for_system("test").get(person=person)
    sign_in(page, live_server, worker.user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/people/{person.id}/edit/")

    flags = page.get_by_role("form", name="What the person agreed to for 604 555 0144")
    flags.get_by_label("Agrees to be contacted").check()
    flags.get_by_label("Safe to leave a message").check()
    flags.get_by_role("button", name="Save").click()
    page.get_by_text("Contact preferences saved.").wait_for()
    assert page.url.endswith(f"/people/{person.id}/edit/")  # swapped in place, no navigation
    contact.refresh_from_db()
    assert (contact.consent_to_contact, contact.safe_to_leave_message) == (True, True)
    assert contact.ended_at is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "contact_flags.png"), full_page=True)

    # Someone else changes the person while the page is open: the next change is refused
    # with the reason, and the page comes back with the current version.
    person_update(
        actor=personas["supervisor"].actor, person_id=PersonId(person.id), version=2,
        changes={"gender": "woman"},
    )  # fmt: skip
    flags = page.get_by_role("form", name="What the person agreed to for 604 555 0144")
    flags.get_by_label("Safe to leave a message").uncheck()
    flags.get_by_role("button", name="Save").click()
    page.get_by_text("Someone else changed this person").wait_for()
    contact.refresh_from_db()
    assert contact.safe_to_leave_message is True

    flags = page.get_by_role("form", name="What the person agreed to for 604 555 0144")
    flags.get_by_label("Safe to leave a message").uncheck()
    flags.get_by_role("button", name="Save").click()
    page.get_by_text("Contact preferences saved.").wait_for()
    contact.refresh_from_db()
    assert (contact.consent_to_contact, contact.safe_to_leave_message) == (True, False)

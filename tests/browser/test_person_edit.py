"""Staff edit a person's phone and upload a document, and see both on the person page."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.people.models import PersonDocument
from caseweave.people.tests.factories import register
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_edit_phone_and_upload_a_document(page, live_server, personas, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = personas["outreach_worker"]
    person = register(worker.actor, given_names="Marta", family_names="Quispe")
    sign_in(page, live_server, worker.user.email, TEST_PASSWORD)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/people/{person.id}/")
    page.get_by_role("link", name="Edit").click()
    page.wait_for_url(f"**/people/{person.id}/edit/")
    contacts = page.locator("#contacts")
    contacts.get_by_label("Kind").select_option("mobile")
    contacts.get_by_label("Number or address").fill("604 555 0133")
    contacts.get_by_label("Safe to leave a message").check()
    contacts.get_by_role("button", name="Add contact method").click()
    page.get_by_text("Contact method added.").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "person_edit_phone.png"), full_page=True)

    page.get_by_role("link", name="Back to the person page").click()
    page.get_by_role("link", name="Open, upload or verify documents").click()
    upload = page.locator("#upload")
    upload.get_by_label("Document").select_option("id_card")
    scan = Path(tmp_path) / "marta-id.pdf"
    scan.write_bytes(PDF)
    upload.get_by_label("File").set_input_files(str(scan))
    upload.get_by_role("button", name="Upload").click()
    page.get_by_text("Document uploaded.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "person_documents.png"), full_page=True)
    assert PersonDocument.objects.for_system("test").filter(person=person).count() == 1

    page.get_by_role("link", name="Back to the person page").click()
    page.wait_for_url(f"**/people/{person.id}/")
    contact = page.locator("[data-section=contact]")
    assert "604 555 0133" in contact.inner_text()
    assert "safe to leave a message" in contact.inner_text()
    assert "Identity card" in page.locator("[data-section=documents]").inner_text()


def test_start_a_household_and_add_a_member_found_by_search(page, live_server, personas) -> None:
    worker = personas["outreach_worker"]
    mother = register(worker.actor, given_names="Ayesha", family_names="Rahman")
    register(worker.actor, given_names="Zain", family_names="Rahman", birth="2012-05-01")
    sign_in(page, live_server, worker.user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/people/{mother.id}/")
    page.get_by_role("button", name="Start a household").click()
    page.get_by_text("Household started.").wait_for()
    page.get_by_label("Find a person to add").fill("Zain Rahman")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("Relationship to the primary contact").first.select_option("child")
    page.get_by_role("button", name="Add to household").first.click()
    page.get_by_text("Member added.").wait_for()
    current = page.get_by_test_id("current-members").inner_text()
    assert "Ayesha Rahman" in current and "Zain Rahman" in current
    page.screenshot(path=str(ARTIFACTS / "household.png"), full_page=True)
    page.locator("li", has_text="Zain Rahman").get_by_role("button", name="Has left").click()
    page.get_by_test_id("past-members").get_by_text("Zain Rahman").wait_for()

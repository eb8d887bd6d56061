"""Staff upload a photo (a tiny PNG made here) on the edit page and see it on the person page."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.people.models import Person
from caseweave.people.tests import images
from caseweave.people.tests.factories import register
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_a_photo_and_see_it_on_the_person_page(
    page, live_server, personas, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = personas["outreach_worker"]
    person = register(worker.actor, given_names="Tomas", family_names="Lindqvist")
    sign_in(page, live_server, worker.user.email, TEST_PASSWORD)

    page.goto(f"{live_server.url}/people/{person.id}/edit/")
    section = page.locator("#photo")
    picture = Path(tmp_path) / "tomas.png"
    picture.write_bytes(images.png(width=48, height=48, rgb=(20, 120, 200)))
    section.get_by_label("Photo").set_input_files(str(picture))
    section.get_by_role("button", name="Save photo").click()
    page.get_by_text("Photo saved.").wait_for()
    assert Person.objects.for_system("test").get(pk=person.pk).photo

    page.get_by_role("link", name="Back to the person page").click()
    page.wait_for_url(f"**/people/{person.id}/")
    photo = page.get_by_test_id("person-photo")
    photo.wait_for()
    # The browser fetched and decoded the image through the audited view.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=person-photo]').naturalWidth === 48"
    )
    assert photo.get_attribute("alt") == "Photo of this person"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "person_photo.png"), full_page=True)

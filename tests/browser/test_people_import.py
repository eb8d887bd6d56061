"""A caseworker imports a small client list: preview with a match and a named invalid row,
then applies it skipping the invalid row and sees the result."""

from __future__ import annotations

from typing import Any

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD
from caseweave.people.choices import IdentifierType
from caseweave.people.inputs import IdentifierInput
from caseweave.people.models import Person
from caseweave.people.tests.factories import register
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CLIENT_LIST = (
    "record_id,given_names,family_names,birth_date,ca_sin\n"
    "E-1,Aco,Petrovic,1987-03-12,046 454 286\n"
    "E-2,Ana,Horvat,1990-02-31,\n"
    "E-3,Tomasz,Zielinski,1970-10-10,\n"
)


def test_caseworker_previews_and_applies_an_import(
    page: Any, live_server: Any, personas: Any, settings: Any, tmp_path: Any
) -> None:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = str(tmp_path)
    caseworker = personas["caseworker"]
    register(
        caseworker.actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )  # fmt: skip
    sign_in(page, live_server, caseworker.user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/people/imports/")
    page.get_by_label("Source").fill("Eastside Shelter intake export")
    page.get_by_label("Client list (CSV or XLSX)").set_input_files(
        {"name": "eastside.csv", "mimeType": "text/csv", "buffer": CLIENT_LIST.encode()}
    )
    page.get_by_role("button", name="Upload and map columns").click()
    page.get_by_role("button", name="Check the rows (dry run)").click()

    page.get_by_text("Checked: preview ready").wait_for()
    matched = page.locator('tr[data-row="2"]')
    assert "Matches a registered person" in matched.inner_text()
    assert "Aleksandar Petrović" in matched.inner_text()
    assert "same social insurance number" in matched.inner_text()
    invalid = page.locator('tr[data-row="3"]')
    assert "Invalid" in invalid.inner_text()
    assert "column “birth_date”" in invalid.inner_text()
    assert Person.objects.for_system("test").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "people-import-preview.png"), full_page=True)

    page.get_by_label("Skip invalid rows: store the valid rows, report the others").check()
    page.get_by_role("button", name="Apply the import").click()
    page.get_by_test_id("import-status").filter(has_text="Done").wait_for()
    assert page.get_by_test_id("result-created").inner_text() == "1"
    assert page.get_by_test_id("result-attached").inner_text() == "1"
    assert page.get_by_test_id("result-rejected").inner_text() == "1"
    assert Person.objects.for_system("test").count() == 2
    page.screenshot(path=str(ARTIFACTS / "people-import-result.png"), full_page=True)

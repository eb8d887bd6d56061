"""A data steward uploads an HSDS file; the import runs as a task and its page shows the report."""

from __future__ import annotations

from typing import Any

import pytest

from caseweave.directory.models import HsdsRecord, ImportRun
from tests.directory.conftest import HSDS

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_an_uploaded_dataset_is_imported_and_reported(
    personas: Any,
    client_for: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = str(tmp_path)
    client = client_for(personas["data_steward"])
    with (
        (HSDS / "examples" / "service_full.json").open("rb") as upload,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/services/imports/", {"dataset": upload})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    assert run.report["rejected"] == []
    assert HsdsRecord.objects.filter(table="service").count() == 1
    page = client.get(response["Location"])
    assert b"Created" in page.content and b"service 1" in page.content


def test_the_form_names_a_missing_source(personas: Any, client_for: Any) -> None:
    client = client_for(personas["data_steward"])
    response = client.post("/services/imports/", {})
    assert response.status_code == 200
    assert b"Give either a file or an API address." in response.content
    assert ImportRun.objects.count() == 0

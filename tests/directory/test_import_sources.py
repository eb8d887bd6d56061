"""Import from a zip, a folder of JSON, and an HSDS API URL (paged), all to the same result."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from caseweave.directory import actions, exporting
from caseweave.directory.models import HsdsRecord
from tests.directory.conftest import HSDS
from tests.directory.seed import seed_small


@pytest.mark.django_db
def test_a_zipped_datapackage_imports_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "hsds.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in (HSDS / "examples" / "csv").glob("*.csv"):
            handle.write(path, arcname=f"dataset/{path.name}")
    report = actions.directory_import(actor=None, source=str(archive))
    assert sum(report["created"].values()) == 23
    assert report["rejected"][0]["where"] == "hsds.zip/dataset/service_capacity.csv row 2"


@pytest.mark.django_db
def test_an_exported_json_folder_imports_back_unchanged(tmp_path: Path) -> None:
    seed_small()
    exporting.export_to_folder(str(tmp_path), fmt="json")
    report = actions.directory_import(actor=None, source=str(tmp_path))
    assert report["rejected"] == [] and report["created"] == {} and report["updated"] == {}


@pytest.mark.django_db(transaction=True)
def test_an_hsds_api_is_read_page_by_page(live_server, settings) -> None:  # type: ignore[no-untyped-def]
    ids = seed_small()
    before = HsdsRecord.objects.count()
    report = actions.directory_import(actor=None, source=f"{live_server.url}/hsds/")
    assert report["problems"] == [] and report["rejected"] == []
    assert report["created"] == {} and report["updated"] == {}
    assert report["unchanged"] > 0
    assert HsdsRecord.objects.count() == before
    assert ids["internal_service_id"]  # hidden from this anonymous reader, so not re-read

"""Upstream HSDS 3.1 examples imported then exported keep every field and validate."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from caseweave.directory import actions, exporting
from tests.directory.conftest import HSDS

pytestmark = pytest.mark.django_db


def compiled(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((HSDS / "schema" / "compiled" / name).read_text()))


def missing_from(expected: Any, actual: Any, pointer: str = "") -> list[str]:
    """JSON pointers of everything in ``expected`` that ``actual`` lacks or changes."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [pointer]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{pointer}/{key}")
            else:
                found += missing_from(value, actual[key], f"{pointer}/{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [pointer]
        return [
            p
            for i, item in enumerate(expected)
            for p in missing_from(item, actual[i], f"{pointer}/{i}")
        ]
    return [] if expected == actual else [pointer]


def test_the_upstream_service_example_round_trips_through_json(tmp_path: Path) -> None:
    source = HSDS / "examples" / "service_full.json"
    report = actions.directory_import(actor=None, source=str(source))
    assert report["rejected"] == []
    exporting.export_to_folder(str(tmp_path), fmt="json")
    services = json.loads((tmp_path / "services.json").read_text())
    assert len(services) == 1
    assert list(compiled("service.json").iter_errors(services[0])) == []
    assert missing_from(json.loads(source.read_text()), services[0]) == []
    for organization in json.loads((tmp_path / "organizations.json").read_text()):
        assert list(compiled("organization.json").iter_errors(organization)) == []


def test_importing_the_same_dataset_twice_changes_nothing() -> None:
    source = str(HSDS / "examples" / "service_full.json")
    first = actions.directory_import(actor=None, source=source)
    second = actions.directory_import(actor=None, source=source)
    assert sum(first["created"].values()) == 23
    assert second["created"] == {} and second["updated"] == {}
    assert second["unchanged"] == 23


def read_csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(handle)]


def test_the_upstream_csv_example_round_trips_through_the_datapackage(tmp_path: Path) -> None:
    source = HSDS / "examples" / "csv"
    report = actions.directory_import(actor=None, source=str(source))
    # The upstream 3.1 snapshot's capacity row points at a service and unit that are not
    # in the example (fixed upstream in 3.1.1); it must be reported, not stored.
    assert [(r["table"], r["where"].split("/")[-1]) for r in report["rejected"]] == [
        ("service_capacity", "service_capacity.csv row 2")
    ]
    exporting.export_to_folder(str(tmp_path), fmt="csv")
    for path in sorted(source.glob("*.csv")):
        expected = read_csv_rows(source, path.name)
        if path.name == "service_capacity.csv":
            expected = []
        actual = read_csv_rows(tmp_path, path.name)
        normalise = lambda rows: sorted(rows, key=lambda r: r["id"])  # noqa: E731
        assert normalise(actual) == normalise(expected), path.name


def test_an_exported_datapackage_imports_back_unchanged(tmp_path: Path) -> None:
    actions.directory_import(actor=None, source=str(HSDS / "examples" / "service_full.json"))
    exporting.export_to_folder(str(tmp_path), fmt="csv")
    report = actions.directory_import(actor=None, source=str(tmp_path))
    assert report["rejected"] == [] and report["created"] == {} and report["updated"] == {}


def _all_records() -> dict[tuple[str, str], dict[str, Any]]:
    from caseweave.directory.models import HsdsRecord

    return {(r.table, str(r.hsds_id)): r.data for r in HsdsRecord.objects.all()}


def test_a_json_export_keeps_records_no_service_or_term_reaches(tmp_path: Path) -> None:
    import uuid

    from caseweave.directory import storage
    from caseweave.directory.models import HsdsLink, HsdsRecord, ServiceIndex

    actions.directory_import(actor=None, source=str(HSDS / "examples" / "service_full.json"))
    place, taxonomy = str(uuid.uuid4()), str(uuid.uuid4())
    storage.insert_records(
        [
            ("location", {"id": place, "location_type": "physical", "name": "Unused hall"}),
            (
                "address",
                {
                    "id": str(uuid.uuid4()),
                    "location_id": place,
                    "address_1": "2 Quay St",
                    "city": "Harbour",
                    "state_province": "ON",
                    "postal_code": "M5V 2A2",
                    "country": "CA",
                    "address_type": "physical",
                },
            ),
            ("phone", {"id": str(uuid.uuid4()), "location_id": place, "number": "555 0199"}),
            ("taxonomy", {"id": taxonomy, "name": "Local needs", "description": "No terms yet"}),
        ]
    )
    before = _all_records()
    folder = tmp_path / "export"
    exporting.export_to_folder(str(folder), fmt="json")
    others = json.loads((folder / "other_records.json").read_text())
    assert sorted(others) == ["addresses.csv", "locations.csv", "phones.csv", "taxonomies.csv"]
    assert [row["id"] for row in others["locations.csv"]] == [place]

    HsdsLink.objects.all().delete()
    ServiceIndex.objects.all().delete()
    HsdsRecord.objects.all().delete()
    report = actions.directory_import(actor=None, source=str(folder))
    assert report["rejected"] == [] and report["problems"] == []
    assert _all_records() == before

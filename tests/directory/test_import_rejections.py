"""A dataset with deliberately broken records: each reported precisely, only valid ones stored."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from caseweave.audit.models import AuditEvent
from caseweave.directory import actions
from caseweave.directory.models import HsdsRecord

pytestmark = pytest.mark.django_db

ORG = "11111111-1111-4111-8111-111111111111"
GOOD = "22222222-2222-4222-8222-222222222222"
NO_NAME = "33333333-3333-4333-8333-333333333333"
BAD_STATUS = "44444444-4444-4444-8444-444444444444"
ORPHAN = "55555555-5555-4555-8555-555555555555"
PHONE = "66666666-6666-4666-8666-666666666666"
SCHEDULE = "77777777-7777-4777-8777-777777777777"
ATTRIBUTE = "88888888-8888-4888-8888-888888888888"
MISSING_TERM = "99999999-9999-4999-8999-999999999999"


def write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    columns = sorted({key for row in rows for key in row})
    with (folder / name).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def broken_dataset(tmp_path: Path) -> Path:
    write(
        tmp_path, "organizations.csv", [{"id": ORG, "name": "Harbour Trust", "description": "NGO"}]
    )
    write(
        tmp_path,
        "services.csv",
        [
            {"id": GOOD, "organization_id": ORG, "name": "Food bank", "status": "active"},
            {"id": NO_NAME, "organization_id": ORG, "name": "", "status": "active"},
            {"id": BAD_STATUS, "organization_id": ORG, "name": "Drop-in", "status": "open"},
            {
                "id": ORPHAN,
                "organization_id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                "name": "X",
                "status": "active",
            },
        ],
    )
    write(
        tmp_path,
        "phones.csv",
        [
            {"id": PHONE, "service_id": GOOD, "number": "555-0100"},
            {"id": PHONE, "service_id": GOOD, "number": "555-0199"},
        ],
    )
    write(
        tmp_path,
        "schedules.csv",
        [{"id": SCHEDULE, "service_id": GOOD, "freq": "DAILY", "byday": "XX", "opens_at": "09:00"}],
    )
    write(
        tmp_path,
        "attributes.csv",
        [
            {
                "id": ATTRIBUTE,
                "link_id": GOOD,
                "link_entity": "service",
                "taxonomy_term_id": MISSING_TERM,
            }
        ],
    )
    return tmp_path


def reasons_by_id(report: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rejection in report["rejected"]:
        found.setdefault(rejection["id"], []).extend(
            f"{rejection['where']}: {r}" for r in rejection["reasons"]
        )
    return found


def test_each_broken_record_is_named_with_file_row_and_reason(broken_dataset: Path) -> None:
    report = actions.directory_import(actor=None, source=str(broken_dataset))
    reasons = reasons_by_id(report)
    assert any("services.csv row 3" in r and "name" in r for r in reasons[NO_NAME])
    assert any(
        "services.csv row 4" in r and "status" in r and "'open'" in r for r in reasons[BAD_STATUS]
    )
    assert any(
        "services.csv row 5" in r and "organization_id: no organization with id aaaaaaaa" in r
        for r in reasons[ORPHAN]
    )
    assert any(
        "phones.csv row 3" in r and "duplicate of the phone at" in r and "row 2" in r
        for r in reasons[PHONE]
    )
    schedule = reasons[SCHEDULE]
    assert any("schedules.csv row 2" in r and "freq" in r and "'DAILY'" in r for r in schedule)
    assert any("byday: 'XX'" in r for r in schedule)
    assert any("opens_at and closes_at go together" in r for r in schedule)
    assert any(
        f"taxonomy_term_id: unknown taxonomy term {MISSING_TERM}" in r for r in reasons[ATTRIBUTE]
    )


def test_only_the_valid_records_are_stored(broken_dataset: Path) -> None:
    actions.directory_import(actor=None, source=str(broken_dataset))
    stored = {(r.table, str(r.hsds_id)) for r in HsdsRecord.objects.all()}
    assert stored == {("organization", ORG), ("service", GOOD)}


def test_a_dry_run_reports_and_stores_nothing(broken_dataset: Path) -> None:
    report = actions.directory_import(actor=None, source=str(broken_dataset), dry_run=True)
    assert report["created"] == {"organization": 1, "service": 1}
    assert len(report["rejected"]) == 6
    assert HsdsRecord.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_an_import_writes_one_audit_event_with_counts_only(broken_dataset: Path) -> None:
    actions.directory_import(actor=None, source=str(broken_dataset))
    event = AuditEvent.objects.get()
    assert event.event_type == "directory.imported"
    assert event.payload == {
        "created": {"organization": 1, "service": 1},
        "updated": {},
        "unchanged": 0,
        "rejected": 6,
    }


def test_a_json_record_is_named_by_its_json_pointer(tmp_path: Path) -> None:
    source = tmp_path / "services.json"
    source.write_text(
        json.dumps([{"id": GOOD, "name": "Shelter", "status": "active", "phones": [{"id": PHONE}]}])
    )
    report = actions.directory_import(actor=None, source=str(source))
    assert report["rejected"][0]["where"] == "services.json#/0/phones/0"
    assert "number" in report["rejected"][0]["reasons"][0]


def test_a_missing_source_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    report = actions.directory_import(actor=None, source=str(tmp_path / "nope.json"))
    assert report["problems"] == [
        {"where": str(tmp_path / "nope.json"), "message": "no such file or folder"}
    ]

"""``caseweave people import``: dry run, apply, and a bad file listing every problem."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from caseweave.people.imports.models import ImportRun, ImportSource
from caseweave.people.imports.tests.helpers import HEADER, write
from caseweave.people.models import Person

pytestmark = pytest.mark.django_db

GOOD = "1,Ana,Horvat,1990-01-02,,\n2,Marko,Kovač,1988-04-04,,604 555 0101\n"


def _import(path: Path, *extra: str) -> str:
    out = StringIO()
    call_command("people", "import", str(path), "--source", "Eastside intake", *extra, stdout=out)
    return out.getvalue()


def _people() -> int:
    return Person.objects.for_system("test").count()


def test_dry_run_reports_and_stores_nothing(personas, tmp_path: Path) -> None:
    organisation = personas["caseworker"].membership.organisation.name
    output = _import(write(tmp_path, HEADER + GOOD), "--organisation", organisation, "--dry-run")
    assert "2 new, 0 match, 0 possible match, 0 invalid of 2 row(s)" in output
    assert "Dry run: nothing was stored." in output
    assert _people() == 0
    assert ImportSource.objects.get().mapping["given_names"] == "given_names"


def test_it_imports_as_the_sources_organisation_and_reimports_nothing_new(
    personas, tmp_path: Path
) -> None:
    caseworker = personas["caseworker"]
    organisation = caseworker.membership.organisation.name
    path = write(tmp_path, HEADER + GOOD)
    output = _import(path, "--organisation", organisation, "--as", caseworker.user.email)
    assert "Stored: 2 registered" in output
    assert ImportRun.objects.get().started_by_id == caseworker.membership.pk
    output = _import(path, "--as", caseworker.user.email)
    assert "0 registered" in output and "2 already there" in output
    assert _people() == 2


def test_a_bad_file_exits_non_zero_listing_each_problem(personas, tmp_path: Path) -> None:
    organisation = personas["caseworker"].membership.organisation.name
    path = write(tmp_path, HEADER + GOOD + "3,Ivana,Novak,31/02/1991,046 454 287,\n")
    with pytest.raises(CommandError) as error:
        _import(path, "--organisation", organisation)
    message = str(error.value)
    assert "1 invalid row(s)" in message
    assert "row 4, column 'birth_date'" in message
    assert "row 4, column 'ca_sin'" in message
    assert _people() == 0


def test_skip_invalid_stores_the_valid_rows(personas, tmp_path: Path) -> None:
    organisation = personas["caseworker"].membership.organisation.name
    path = write(tmp_path, HEADER + GOOD + "3,Ivana,Novak,1991-02-31,,\n")
    output = _import(path, "--organisation", organisation, "--skip-invalid")
    assert "Stored: 2 registered" in output and "1 rejected" in output
    assert "row 4, column 'birth_date'" in output
    assert _people() == 2


def test_a_mapping_file_maps_the_columns(personas, tmp_path: Path) -> None:
    organisation = personas["caseworker"].membership.organisation.name
    path = write(tmp_path, "Nr,Vorname,Nachname\nK-1,Ana,Horvat\n")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"record_id": "Nr", "given_names": "Vorname",
                                   "family_names": "Nachname"}))  # fmt: skip
    output = _import(path, "--organisation", organisation, "--mapping", str(mapping))
    assert "Stored: 1 registered" in output
    with pytest.raises(CommandError, match="missing required column 'record_id'"):
        _import(write(tmp_path, "Vorname\nAna\n", name="b.csv"), "--organisation", organisation)


def test_an_unreadable_encoding_is_named(personas, tmp_path: Path) -> None:
    organisation = personas["caseworker"].membership.organisation.name
    path = write(tmp_path, HEADER + "1,José,Núñez,1985-05-06,,\n", encoding="cp1252")
    with pytest.raises(CommandError, match="line 2 is not valid utf-8"):
        _import(path, "--organisation", organisation)
    assert "1 registered" in _import(path, "--encoding", "cp1252")


def test_an_xlsx_list_imports_like_a_csv(personas, tmp_path: Path) -> None:
    from openpyxl import Workbook

    organisation = personas["caseworker"].membership.organisation.name
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Client ID", "First name", "Surname", "DOB"])
    sheet.append(["X-1", "Ana", "Horvat", "1990-01-02"])
    sheet.append(["X-2", "Marko", "Kovač", "1988-13-01"])
    path = tmp_path / "clients.xlsx"
    book.save(path)
    output = _import(path, "--organisation", organisation, "--skip-invalid")
    assert "Stored: 1 registered" in output
    assert "row 3, column 'DOB'" in output
    assert _people() == 1

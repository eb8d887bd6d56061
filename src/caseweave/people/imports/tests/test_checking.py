"""The dry-run check: every broken row named by row and column, outcomes against the registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from caseweave.people.imports.choices import RowOutcome, RunStatus
from caseweave.people.imports.tests.helpers import HEADER, checked, problems_of, upload, write
from caseweave.people.models import Person
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(personas, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,Ana,Horvat,1990-01-02,,\n2,José,Núñez,1985-05-06,,\n",
                 encoding="cp1252")  # fmt: skip
    run = upload(personas["caseworker"].actor, path)
    assert run.status == RunStatus.REFUSED
    [problem] = run.problems
    assert problem["row"] == 3
    assert "line 3 is not valid utf-8" in problem["message"]
    assert not run.file_path


def test_the_same_file_reads_when_its_encoding_is_given(personas, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "2,José,Núñez,1985-05-06,,\n", encoding="cp1252")
    run = checked(personas["caseworker"].actor, path, encoding="cp1252")
    assert run.rows.get().values["given_names"] == "José"


def test_missing_required_columns_are_named(personas, tmp_path: Path) -> None:
    path = write(tmp_path, "name,dob\nAna,1990-01-02\n")
    run = upload(personas["caseworker"].actor, path)
    from caseweave.people.imports import actions
    from caseweave.people.imports.errors import ImportRefused

    with pytest.raises(ImportRefused) as refused:
        actions.mapping_set(actor=None, run=run, mapping=run.mapping)
    messages = [problem.message for problem in refused.value.problems]
    assert any("'record_id'" in message for message in messages)
    assert any("'given_names' or 'family_names'" in message for message in messages)


def test_each_bad_row_is_named_by_row_and_column(personas, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "1,Ana,Horvat,1990-02-31,,\n"  # impossible date
        + "2,Marko,Kovač,1988-04-04,046 454 287,\n"  # SIN check digit wrong
        + "3,Ivana,Novak,1991-05-05,,\n"
        + "3,Ivan,Novak,1992-06-06,,\n"  # case number used twice
        + "4,Ivana,Novak,1991-05-05,,\n",  # same person as row 4 under another number
    )
    run = checked(personas["caseworker"].actor, path)
    problems = problems_of(run)
    assert (2, "birth_date") in [(row, column) for row, column, _ in problems]
    assert any(row == 3 and column == "ca_sin" and "check digit" in message
               for row, column, message in problems)  # fmt: skip
    assert (5, "record_id", "case number '3' is already used on row 4") in problems
    assert any(row == 6 and "duplicates row 4" in message for row, _, message in problems)
    assert run.counts["invalid"] == 4
    assert run.counts["new"] == 1


def test_a_mapping_is_guessed_from_the_headings_and_saved_for_the_source(
    personas, tmp_path: Path
) -> None:
    path = write(tmp_path, "Client ID,First name,Surname,DOB\nA-17,Ana,Horvat,02.01.1990\n")
    run = checked(personas["caseworker"].actor, path)
    assert run.mapping == {
        "record_id": "Client ID", "given_names": "First name", "family_names": "Surname",
        "birth_date": "DOB",
    }  # fmt: skip
    assert run.source.mapping == run.mapping
    assert run.rows.get().outcome == RowOutcome.NEW


def test_rows_are_matched_against_the_registry_with_reasons(personas, tmp_path: Path) -> None:
    actor = personas["caseworker"].actor
    from caseweave.people.choices import IdentifierType
    from caseweave.people.inputs import ContactInput, IdentifierInput

    known = register(
        actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )  # fmt: skip
    maybe = register(
        actor, given_names="Mei Ling", family_names="Wong", birth="1979-08-01",
        contacts=(ContactInput("mobile", "604 555 0199"),),
    )  # fmt: skip
    path = write(
        tmp_path,
        HEADER
        + "10,Aco,Petrovic,1987-03-12,046454286,\n"
        + "11,Mei Ling,Wong,,,\n"
        + "12,Tomasz,Zielinski,1970-10-10,,\n",
    )
    run = checked(actor, path)
    rows = {row.record_id: row for row in run.rows.all()}
    assert (rows["10"].outcome, rows["10"].person_id) == (RowOutcome.MATCH, known.id)
    assert rows["10"].match_reasons == ["same social insurance number"]
    assert (rows["11"].outcome, rows["11"].person_id) == (RowOutcome.POSSIBLE, maybe.id)
    assert rows["11"].match_reasons
    assert rows["12"].outcome == RowOutcome.NEW
    assert Person.objects.for_system("test").count() == 2


def test_xlsx_files_are_read_like_csv(personas, tmp_path: Path) -> None:
    import datetime as dt

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "given_names", "family_names", "birth_date"])
    sheet.append([501, "Ana", "Horvat", dt.datetime(1990, 1, 2)])
    sheet.append([502, "Bad", "Date", "1990-13-13"])
    path = tmp_path / "clients.xlsx"
    book.save(path)
    run = checked(personas["caseworker"].actor, path)
    rows = {row.record_id: row for row in run.rows.all()}
    assert rows["501"].outcome == RowOutcome.NEW
    assert rows["501"].values["birth_date"] == "1990-01-02"
    assert rows["502"].outcome == RowOutcome.INVALID
    assert rows["502"].problems[0]["column"] == "birth_date"


def test_a_name_alone_is_never_an_automatic_match(personas, tmp_path: Path) -> None:
    actor = personas["caseworker"].actor
    known = register(actor, given_names="Mei Ling", family_names="Wong", birth="1979-08-01")
    run = checked(actor, write(tmp_path, HEADER + "11,Mei Ling,Wong,,,\n"))
    row = run.rows.get()
    assert (row.outcome, row.person_id) == (RowOutcome.POSSIBLE, known.id)

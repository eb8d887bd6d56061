"""The file commands read by columns (read_table): the same table, problems and pairs as
reading every row into a PersonRecord first."""

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook

from caseweave.people.matching.files import FileError, read_records, read_table
from caseweave.people.matching.table import RecordTable

HEADER = ["record_id", "given_names", "family_names", "other_names", "birth_date", "sex",
          "phone", "email", "postcode", "address", "locality", "ca_sin"]  # fmt: skip
ROWS = [
    ["a1", "Đorđe", "Petrović", "Đole; ;Sparky", "07/03/1985", "M", "613 555 0101",
     "DJ@Example.org", "k1a0b1", "1 Main St", "Ottawa", "130 692 544"],
    ["a2", "  Ana ", "Babić-Kos", "", "1990", "female", "(613) 555-0102", "", "K1A 0B1",
     "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", ""],  # blank row: skipped
    ["a3", "Ђорђе", "Петровић", "", "c. 1985", "x", "+1 613 555 0101", "", "", "1 main st",
     "OTTAWA", "130692544"],
    ["a4", "Aco", "", "Đole", "40", "", "", "", "", "", "", ""],
    ["a5", "Ana"],  # short row: the missing cells are empty
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def assert_same_table(a: RecordTable, b: RecordTable) -> None:
    for column in dataclasses.fields(RecordTable):
        left, right = getattr(a, column.name), getattr(b, column.name)
        if column.name == "identifiers":
            assert left.keys() == right.keys()
            for code in left:
                np.testing.assert_array_equal(left[code], right[code])
        elif column.name == "vocab":
            for kind in dataclasses.fields(left):
                assert getattr(left, kind.name).strings == getattr(right, kind.name).strings
        elif isinstance(left, np.ndarray):
            np.testing.assert_array_equal(left, right, err_msg=column.name)
        else:
            assert left == right, column.name


def test_reading_by_columns_gives_the_table_records_give(tmp_path):
    path = write_csv(tmp_path / "in.csv", ROWS)
    assert_same_table(read_table(path), RecordTable.build(read_records(path)))
    assert read_table(path).record_ids == ["a1", "a2", "a3", "a4", "a5"]


def test_options_and_mapping_apply_to_the_columns_too(tmp_path):
    path = write_csv(tmp_path / "in.csv", [["1", "Ana", "03/07/1985", "999"]],
                     header=["Client #", "First", "DOB", "SIN"])  # fmt: skip
    mapping = {"record_id": "Client #", "given_names": "First", "birth_date": "DOB",
               "ca_sin": "SIN"}  # fmt: skip
    table = read_table(path, mapping, day_first=False, lenient=True)
    assert_same_table(table, RecordTable.build(read_records(path, mapping, day_first=False,
                                                            lenient=True)))  # fmt: skip
    assert (int(table.month[0]), int(table.day[0])) == (3, 7)
    assert table.identifiers == {}  # the bad SIN was dropped, as lenient reading says


def test_xlsx_files_are_read_by_columns_like_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "given_names", "family_names", "birth_date"])
    sheet.append([12, "Emina", "Hodžić", "1988-04-09"])
    book.save(tmp_path / "in.xlsx")
    table = read_table(tmp_path / "in.xlsx")
    assert table.record_ids == ["12"]
    assert (int(table.year[0]), int(table.month[0]), int(table.day[0])) == (1988, 4, 9)


def test_every_problem_is_named_by_row_and_column_in_file_order(tmp_path):
    path = write_csv(tmp_path / "in.csv", [
        ["a1", "Ana", "Babić", "", "31/02/1985", "", "", "", "", "", "", "130 692 545"],
        ["a2", "Ivo", "Ilić", "", "31/02/1985", "", "", "", "", "", "", ""],
        ["a1", "Eva", "Horvat", "", "", "", "", "", "", "", "", "130 692 545"],
        ["", "Ema", "Kos", "", "soon", "", "", "", "", "", "", ""],
    ])  # fmt: skip
    with pytest.raises(FileError) as error:
        read_table(path)
    problems = [str(p) for p in error.value.problems]
    assert [p.split(":")[0] for p in problems] == [
        "row 2, column 'birth_date'", "row 2, column 'ca_sin'", "row 3, column 'birth_date'",
        "row 4, column 'ca_sin'", "row 4, column 'record_id'", "row 5, column 'record_id'",
        "row 5, column 'birth_date'",
    ]  # fmt: skip
    assert "31/02/1985" in problems[0] and "check digit" in problems[1]
    assert "already used on row 2" in problems[4] and "empty" in problems[5]
    with pytest.raises(FileError) as same:
        read_records(path)
    assert [str(p) for p in same.value.problems] == problems

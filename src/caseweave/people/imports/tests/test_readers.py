"""Reading client lists: encodings, delimiters, headings and row widths, each named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from caseweave.people.imports.readers import ImportFileError, read_table


def _write(tmp_path: Path, data: bytes, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_semicolons_and_a_utf8_byte_order_mark_are_understood(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffrecord_id;given_names\n1;Đorđe\n".encode())
    table = read_table(path)
    assert table.header == ["record_id", "given_names"]
    assert [row.cells for row in table.rows] == [["1", "Đorđe"]]
    assert table.encoding == "utf-8-sig"


def test_utf16_with_its_mark_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "record_id,given_names\r\n1,Şule\r\n".encode("utf-16"))
    assert read_table(path).rows[0].cells == ["1", "Şule"]


def test_bad_bytes_name_the_line_and_suggest_encodings(tmp_path: Path) -> None:
    path = _write(tmp_path, b"record_id,given_names\n1,Ana\n2,Jos\xe9\n")
    with pytest.raises(ImportFileError) as error:
        read_table(path)
    [problem] = error.value.problems
    assert problem.row == 3
    assert "byte 0xE9" in problem.message and "cp1252" in problem.message


def test_blank_and_repeated_headings_are_named(tmp_path: Path) -> None:
    path = _write(tmp_path, b"record_id,,given_names,record_id\n1,x,Ana,2\n")
    with pytest.raises(ImportFileError) as error:
        read_table(path)
    messages = [(p.column, p.message) for p in error.value.problems]
    assert ("#2", "the column has no heading") in messages
    assert ("record_id", "the heading is used twice (columns 1 and 4)") in messages


def test_a_row_wider_than_the_header_is_kept_for_the_row_check(tmp_path: Path) -> None:
    path = _write(tmp_path, b"record_id,given_names\n1,Ana,extra\n\n2,Bo\n")
    table = read_table(path)
    assert [(row.number, row.extra) for row in table.rows] == [(2, 1), (4, 0)]


def test_an_empty_file_and_a_pdf_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no header row"):
        read_table(_write(tmp_path, b""))
    with pytest.raises(ImportFileError, match="not a readable XLSX"):
        read_table(_write(tmp_path, b"PK\x03\x04garbage", name="list.xlsx"))


def test_xlsx_dates_and_numbers_become_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "birth_date", "phone"])
    sheet.append([17.0, dt.datetime(1987, 3, 12), "604 555 0101"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    assert read_table(path).rows[0].cells == ["17", "1987-03-12", "604 555 0101"]

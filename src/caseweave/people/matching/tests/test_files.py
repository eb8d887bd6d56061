import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from caseweave.people.matching import PersonRecord
from caseweave.people.matching.files import (
    FileError,
    dedupe_file,
    match_file,
    read_mapping,
    read_records,
)
from caseweave.people.matching.normalise import PartialDate
from caseweave.people.matching.tests.factories import people_with_duplicates

HEADER = ["record_id", "given_names", "family_names", "birth_date", "phone", "postcode",
          "address", "ca_sin"]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_file_with_the_documented_field_names_needs_no_mapping(tmp_path):
    path = write_csv(tmp_path / "in.csv", [
        ["a1", "Đorđe", "Petrović", "07/03/1985", "613 555 0101", "K1A 0B1", "1 Main St",
         "130 692 544"],
    ])  # fmt: skip
    [record] = read_records(path)
    assert record.record_id == "a1"
    assert record.birth_date == PartialDate(1985, 3, 7)
    assert record.phone == "+16135550101"
    assert record.identifiers == {"ca_sin": "130692544"}


def test_a_mapping_names_the_columns_of_any_other_file(tmp_path):
    path = write_csv(tmp_path / "in.csv", [["7", "Ana", "Babić", "1990"]],
                     header=["Client #", "First", "Last", "DOB"])  # fmt: skip
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"record_id": "Client #", "given_names": "First",
                                   "family_names": "Last", "birth_date": "DOB"}))  # fmt: skip
    [record] = read_records(path, mapping)
    assert (record.record_id, record.family_names, record.birth_date) == (
        "7",
        "Babić",
        PartialDate(1990),
    )
    csv_mapping = tmp_path / "map.csv"
    csv_mapping.write_text("field,column\nrecord_id,Client #\nfamily_names,Last\n")
    assert read_mapping(csv_mapping) == {"record_id": "Client #", "family_names": "Last"}


def test_every_bad_row_is_reported_with_its_row_and_column(tmp_path):
    path = write_csv(tmp_path / "in.csv", [
        ["a1", "Ana", "Babić", "31/02/1985", "", "", "", ""],
        ["a2", "Ivo", "Ilić", "1970", "", "", "", "130 692 545"],
        ["a1", "Eva", "Horvat", "", "", "", "", ""],
        ["", "Ema", "Kos", "", "", "", "", ""],
    ])  # fmt: skip
    with pytest.raises(FileError) as error:
        read_records(path)
    problems = [str(p) for p in error.value.problems]
    assert any(p.startswith("row 2, column 'birth_date'") and "31/02/1985" in p for p in problems)
    assert any(p.startswith("row 3, column 'ca_sin'") and "check digit" in p for p in problems)
    assert any(p.startswith("row 4, column 'record_id'") and "row 2" in p for p in problems)
    assert any(p.startswith("row 5, column 'record_id'") and "empty" in p for p in problems)


def test_lenient_reading_drops_only_the_unreadable_values(tmp_path):
    path = write_csv(tmp_path / "in.csv", [["a1", "Ana", "Babić", "31/02/1985", "", "", "", "1"]])
    [record] = read_records(path, lenient=True)
    assert record.birth_date is None
    assert record.identifiers == {}


def test_a_file_without_ids_or_names_is_refused_before_reading_rows(tmp_path):
    path = write_csv(tmp_path / "in.csv", [["x"]], header=["colour"])
    with pytest.raises(FileError) as error:
        read_records(path)
    text = str(error.value)
    assert "no 'record_id' column" in text
    assert "no name column" in text


def test_an_unknown_field_in_the_mapping_lists_the_known_ones(tmp_path):
    path = write_csv(tmp_path / "in.csv", [["1", "Ana"]], header=["id", "name"])
    with pytest.raises(FileError, match="unknown field 'surname'.*family_names"):
        read_records(path, {"record_id": "id", "surname": "name"})


def test_xlsx_files_are_read_like_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "given_names", "family_names", "birth_date"])
    sheet.append([12, "Emina", "Hodžić", "1988-04-09"])
    book.save(tmp_path / "in.xlsx")
    [record] = read_records(tmp_path / "in.xlsx")
    assert (record.record_id, record.birth_date) == ("12", PartialDate(1988, 4, 9))


def _records_csv(tmp_path: Path, records: list[PersonRecord], name: str) -> Path:
    rows = [[r.record_id, r.given_names, r.family_names,
             r.birth_date.isoformat() if r.birth_date else "", r.phone or "", r.postcode or "",
             r.address or "", ""] for r in records]  # fmt: skip
    return write_csv(tmp_path / name, rows)


def test_dedupe_file_writes_pairs_with_probability_and_reasons(tmp_path):
    records, truth = people_with_duplicates(300, 60, seed=11)
    path = _records_csv(tmp_path, records, "people.csv")
    out = tmp_path / "pairs.csv"
    dedupe_file(path, out)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "no pairs written"
    found = {tuple(sorted((r["record_id_left"], r["record_id_right"]))) for r in rows}
    assert len(found & truth) / len(truth) >= 0.85
    first = rows[0]
    assert 0.5 <= float(first["match_probability"]) <= 1
    assert "given_name." in first["reason_codes"]
    assert first["decision"] in {"auto_link", "review"}


def test_match_file_pairs_file_rows_with_registry_records(tmp_path):
    records, truth = people_with_duplicates(300, 60, seed=12)
    registry = [r for r in records if r.record_id.startswith("p")]
    incoming = [r for r in records if r.record_id.startswith("d")]
    path = _records_csv(tmp_path, incoming, "incoming.csv")
    out = tmp_path / "matches.csv"
    match_file(path, registry, out)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = {(r["record_id_left"], r["record_id_right"]) for r in rows}
    wanted = {(a, b) for a, b in truth if a.startswith("d") and b.startswith("p")}
    assert len(found & wanted) / len(wanted) >= 0.85

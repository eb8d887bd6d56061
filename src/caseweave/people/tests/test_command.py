from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from caseweave.people.models import DuplicateCandidate
from caseweave.people.tests.factories import register

HEADER = "record_id,given_names,family_names,birth_date,phone\n"


def test_dedupe_writes_the_pair_with_reasons(tmp_path: Path) -> None:
    source = tmp_path / "clients.csv"
    source.write_text(
        HEADER + "1,Aleksandar,Petrović,1987-03-12,604 555 0101\n"
        "2,Aco,Petrovic,1987-03-12,6045550101\n3,Mei Ling,Wong,1979-08-01,\n",
        encoding="utf-8",
    )
    out = tmp_path / "pairs.csv"
    call_command("people", "dedupe", str(source), "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(row["record_id_left"], row["record_id_right"]) for row in rows] == [("1", "2")]
    assert "nickname" in rows[0]["reasons"]


def test_a_broken_file_names_row_and_column(tmp_path: Path) -> None:
    source = tmp_path / "clients.csv"
    source.write_text(HEADER + "1,Bad,Date,1987-13-45,\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("people", "dedupe", str(source), "--out", str(tmp_path / "out.csv"))
    assert "row 2, column 'birth_date'" in str(error.value)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.django_db
def test_find_duplicates_queues_pairs(personas) -> None:
    actor = personas["supervisor"].actor
    register(actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12")
    register(actor, given_names="Aleksandar", family_names="Petrovic", birth="1987-03-12")
    call_command("people", "find-duplicates")
    assert DuplicateCandidate.objects.for_system("t").count() == 1

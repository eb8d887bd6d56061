import pytest
from django.core.exceptions import ImproperlyConfigured

from caseweave.people.matching.normalise import (
    NicknameTable,
    NicknameTableError,
    configure_nicknames,
    default_nickname_table,
    given_name_variants,
)
from caseweave.people.records import configure_matching


def test_the_shipped_table_knows_common_english_and_balkan_nicknames():
    assert "william" in given_name_variants("Bill")
    assert "aleksandar" in given_name_variants("Aco")
    assert "aleksandar" in given_name_variants("Saša")
    assert "elizabeth" in given_name_variants("liz")
    assert "mohamed" in given_name_variants("Mo")
    assert "bill" in given_name_variants("William")


def test_a_name_outside_every_group_is_its_own_only_variant():
    assert given_name_variants("Zebulon") == frozenset({"zebulon"})
    assert given_name_variants("") == frozenset()


def test_a_shared_diminutive_belongs_to_every_group_that_lists_it():
    table = NicknameTable([("alexander", "alex"), ("alexandra", "alex"), ("william", "bill")])
    assert table.canonicals("Alex") == frozenset({"alexander", "alexandra"})
    assert table.variants("alex") == frozenset({"alex", "alexander", "alexandra"})
    assert "alexandra" not in table.variants("alexander")


def test_an_agency_table_extends_the_shipped_one(tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text("canonical,variant\n# local names\nobrad,obe\n", encoding="utf-8")
    configure_nicknames(path)
    try:
        assert given_name_variants("obe") == frozenset({"obe", "obrad"})
        assert "william" in given_name_variants("bill")
        configure_nicknames(path, replace=True)
        assert "william" not in given_name_variants("bill")
    finally:
        configure_nicknames(None)
    assert given_name_variants("obe") == frozenset({"obe"})
    assert len(default_nickname_table()) > 50


def test_a_missing_or_non_utf8_table_is_named(tmp_path):
    with pytest.raises(NicknameTableError, match="nope.csv: no such file"):
        NicknameTable.from_csv(tmp_path / "nope.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes("william,bill\nđorđe,đole\n".encode("cp1250"))
    with pytest.raises(NicknameTableError, match=r"latin1.csv, line 2: not UTF-8"):
        NicknameTable.from_csv(path)


def test_the_setting_is_checked_at_start_up_naming_file_and_line(tmp_path, settings):
    path = tmp_path / "agency.csv"
    path.write_text("william,bill\njelena\n", encoding="utf-8")
    settings.CASEWEAVE_PEOPLE_NICKNAMES = str(path)
    try:
        with pytest.raises(ImproperlyConfigured) as error:
            configure_matching()
        assert str(error.value).startswith(f"CASEWEAVE_PEOPLE_NICKNAMES: {path}, line 2:")
        path.write_text("william,bill\njelena,jeca\n", encoding="utf-8")
        configure_matching()
        assert "jelena" in given_name_variants("Jeca")
    finally:
        configure_nicknames(None)


def test_a_malformed_table_names_every_bad_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("canonical,variant\nwilliam\nok,fine\nx,y,z\n", encoding="utf-8")
    with pytest.raises(NicknameTableError) as error:
        NicknameTable.from_csv(path)
    assert "line 2" in str(error.value)
    assert "line 4" in str(error.value)
    assert "line 3" not in str(error.value)

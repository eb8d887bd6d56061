import pytest

from caseweave.people.matching.normalise import (
    NicknameTable,
    NicknameTableError,
    configure_nicknames,
    default_nickname_table,
    given_name_variants,
)


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


def test_an_agency_table_can_replace_the_shipped_one(tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text("canonical,variant\n# local names\nbranislav,bata\n", encoding="utf-8")
    configure_nicknames(path)
    try:
        assert given_name_variants("bata") == frozenset({"bata", "branislav"})
        assert "william" not in given_name_variants("bill")
    finally:
        configure_nicknames(None)
    assert "william" in given_name_variants("bill")
    assert len(default_nickname_table()) > 50


def test_a_malformed_table_names_every_bad_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("canonical,variant\nwilliam\nok,fine\nx,y,z\n", encoding="utf-8")
    with pytest.raises(NicknameTableError) as error:
        NicknameTable.from_csv(path)
    assert "line 2" in str(error.value)
    assert "line 4" in str(error.value)
    assert "line 3" not in str(error.value)

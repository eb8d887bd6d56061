"""Registration ranks with the registry's fitted model when there is a trustworthy one."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from caseweave.access.types import Actor
from caseweave.people import scoring
from caseweave.people.actions.review import duplicates_find
from caseweave.people.matching import MatchModel, PersonRecord
from caseweave.people.matching.frequencies import registry_frequencies
from caseweave.people.matching.table import RecordTable
from caseweave.people.models import FittedMatchModel
from caseweave.people.selectors import SearchQuery, person_search
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_model_lookup():
    scoring.forget_registry_model()
    yield
    scoring.forget_registry_model()


def _stored(trained_on: int, phone_same_m: float) -> FittedMatchModel:
    data = scoring.default_model().to_dict()
    data["fields"]["phone"]["m"] = [phone_same_m, 1 - phone_same_m]
    data["trained_on"] = trained_on
    return scoring.save_fitted_model(MatchModel.from_dict(data))


def test_the_shipped_default_is_used_until_a_model_is_fitted() -> None:
    assert scoring.registry_model().to_dict() == scoring.default_model().to_dict()


def test_a_model_fitted_on_enough_people_replaces_the_default() -> None:
    _stored(trained_on=50_000, phone_same_m=0.5)
    model = scoring.registry_model()
    assert model.trained_on == 50_000
    assert model.to_dict()["fields"]["phone"]["m"] == [0.5, 0.5]


def test_a_model_fitted_on_a_handful_of_people_is_not_trusted() -> None:
    _stored(trained_on=40, phone_same_m=0.5)
    assert scoring.registry_model().trained_on == scoring.default_model().trained_on


def test_duplicate_detection_stores_the_model_it_fitted(personas) -> None:
    for _ in range(3):
        PersonFactory(given_names="Ana", family_names="Kovač")
    duplicates_find(actor=Actor.system("test"))
    stored = FittedMatchModel.objects.latest()
    assert stored.trained_on == 3
    assert MatchModel.from_dict(stored.parameters).trained_on == 3


def test_search_scores_and_explains_with_the_fitted_model(personas) -> None:
    actor = personas["outreach_worker"].actor
    person = register(actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12")
    before = person_search(actor, SearchQuery.from_text("Aco Petrovic 1987-12-03"))
    data = scoring.default_model().to_dict()
    birth = data["fields"]["birth_date"]
    birth["m"][2] = birth["u"][2] / 10_000  # here a swapped day and month speaks against
    data["trained_on"] = 10_000
    scoring.save_fitted_model(MatchModel.from_dict(data))
    after = person_search(actor, SearchQuery.from_text("Aco Petrovic 1987-12-03"))
    assert [hit.person_id for hit in before] == [hit.person_id for hit in after] == [person.id]
    assert "birth date has day and month swapped" in before[0].reasons
    assert after[0].score < before[0].score


def test_only_the_newest_fitted_models_are_kept() -> None:
    for trained_on in range(2_000, 2_000 + scoring.MODELS_KEPT + 3):
        _stored(trained_on=trained_on, phone_same_m=0.9)
    assert FittedMatchModel.objects.count() == scoring.MODELS_KEPT
    assert scoring.registry_model().trained_on == 2_000 + scoring.MODELS_KEPT + 2


def _old_format_row(trained_on: int) -> FittedMatchModel:
    """A model as stored before the location comparison (format 1): postcode and address."""
    data = scoring.default_model().to_dict()
    fields = {k: v for k, v in data["fields"].items() if k != "location"}
    fields["postcode"] = {"levels": ["same", "typo", "different"], "m": [0.8, 0.1, 0.1],
                          "u": [0.001, 0.01, 0.989]}  # fmt: skip
    fields["address"] = {"levels": ["exact", "similar", "partial", "different"],
                         "m": [0.8, 0.1, 0.05, 0.05], "u": [0.001, 0.01, 0.1, 0.889]}  # fmt: skip
    old = data | {"version": 1, "fields": fields, "trained_on": trained_on}
    return FittedMatchModel.objects.create(trained_on=trained_on, parameters=old)


def test_an_older_format_model_is_passed_over_for_the_newest_loadable_one(caplog) -> None:
    _stored(trained_on=20_000, phone_same_m=0.7)
    old = _old_format_row(trained_on=60_000)  # newer, but from before the format changed
    with caplog.at_level("WARNING", logger="caseweave.people.scoring"):
        model = scoring.registry_model()
    assert model.trained_on == 20_000
    assert f"fitted match model {old.id} not used" in caplog.text
    assert "version 1" in caplog.text


def test_with_only_an_older_format_model_the_shipped_default_is_used() -> None:
    _old_format_row(trained_on=60_000)
    assert scoring.registry_model().to_dict() == scoring.default_model().to_dict()


def test_a_model_fitted_on_too_few_duplicates_is_kept_but_not_trusted(caplog) -> None:
    data = scoring.default_model().to_dict() | {"trained_on": 5_000, "matches_estimated": 12}
    with caplog.at_level("WARNING", logger="caseweave.people.scoring"):
        row = scoring.save_fitted_model(MatchModel.from_dict(data))
    check = FittedMatchModel.objects.get(id=row.id).parameters["check"]
    assert check["trusted"] is False
    assert "about 12 pairs" in check["doubts"][0]
    assert "about 12 pairs" in caplog.text
    assert scoring.registry_model().to_dict() == scoring.default_model().to_dict()


def test_a_model_whose_birth_date_disagreement_speaks_for_a_match_is_not_trusted() -> None:
    data = scoring.default_model().to_dict() | {"trained_on": 50_000}
    birth = data["fields"]["birth_date"]
    birth["m"] = [0.002, 0.002, 0.002, 0.002, 0.002, 0.99]  # EM settled on households, not people
    row = scoring.save_fitted_model(MatchModel.from_dict(data))
    assert row.parameters["check"]["trusted"] is False
    assert any("birth_date" in doubt for doubt in row.parameters["check"]["doubts"])
    assert scoring.registry_model().trained_on == scoring.default_model().trained_on


def test_a_sane_fitted_model_is_stored_as_trusted() -> None:
    row = _stored(trained_on=50_000, phone_same_m=0.8)
    assert row.parameters["check"] == {"trusted": True, "doubts": []}


# -- the shipped default with the registry's own name frequencies ------------------------


def _registry(size: int, common: int) -> list[PersonRecord]:
    """``common`` people called Ali Hassan (born on different days) among ``size`` people
    whose names are each their own."""
    rng = random.Random(4)
    letters = "abcdefghijklmnoprstuvz"
    records = [
        PersonRecord.build(f"c{i}", given_names="Ali", family_names="Hassan",
                           birth_date=dt.date(1960 + i % 40, 1 + i % 12, 3))
        for i in range(common)
    ]  # fmt: skip
    for i in range(size - common):
        given, family = ("".join(rng.choices(letters, k=7)).title() for _ in range(2))
        records.append(PersonRecord.build(f"r{i}", given_names=given, family_names=family))
    return records


def _untrusted_fit(records: list[PersonRecord]) -> FittedMatchModel:
    """What a nightly fit of a registry with too few duplicates stores: the default's
    parameters (learned from nothing) with the registry's real frequencies."""
    frequencies, _ = registry_frequencies(RecordTable.build(records), None)
    data = scoring.default_model().to_dict() | {
        "term_frequencies": frequencies, "trained_on": len(records), "matches_estimated": 12,
    }  # fmt: skip
    row = scoring.save_fitted_model(MatchModel.from_dict(data))
    assert row.parameters["check"]["trusted"] is False
    return row


def _probability(given: str, family: str) -> float:
    query = PersonRecord.build("q", given_names=given, family_names=family,
                               birth_date=dt.date(1990, 5, 17))  # fmt: skip
    other = PersonRecord.build("o", given_names=given, family_names=family,
                               birth_date=dt.date(1971, 11, 2))  # fmt: skip
    (result,) = scoring.score(query, [other])
    return result.probability


def test_an_untrusted_fit_lends_its_name_frequencies_to_the_default(caplog) -> None:
    bare_common = _probability("Ali", "Hassan")
    bare_rare = _probability("Zorana", "Blagojevic")
    row = _untrusted_fit(_registry(size=1_500, common=60))
    scoring.forget_registry_model()
    with caplog.at_level("INFO", logger="caseweave.people.scoring"):
        common = _probability("Ali", "Hassan")
        rare = _probability("Zorana", "Blagojevic")
    assert common < bare_common
    assert rare == pytest.approx(bare_rare)
    assert f"name frequencies of fitted match model {row.id}" in caplog.text
    model = scoring.registry_model()
    assert model.to_dict()["fields"] == scoring.default_model().to_dict()["fields"]
    assert set(model.term_frequencies["given_name"]) == {"ali"}  # only names 20 records carry


def test_lending_frequencies_leaves_the_cached_default_as_shipped() -> None:
    shipped = MatchModel.load(scoring.DEFAULT_MODEL).to_dict()
    _untrusted_fit(_registry(size=300, common=30))
    assert scoring.registry_model().term_frequencies
    assert scoring.registry_model() is not scoring.default_model()
    assert scoring.default_model().to_dict() == shipped


def test_a_trusted_fit_is_used_with_its_own_frequencies() -> None:
    _untrusted_fit(_registry(size=300, common=30))
    _stored(trained_on=50_000, phone_same_m=0.6)  # newer and trusted, without frequencies
    model = scoring.registry_model()
    assert model.trained_on == 50_000
    assert model.term_frequencies == {}


def test_an_older_format_row_lends_no_frequencies() -> None:
    lender = _untrusted_fit(_registry(size=300, common=30))
    old = _old_format_row(trained_on=60_000)
    old.parameters["term_frequencies"] = {"given_name": {"zorana": 0.5}}
    old.save()
    model = scoring.registry_model()
    assert "zorana" not in model.term_frequencies["given_name"]
    assert (
        model.term_frequencies
        == scoring.default_model()
        .with_frequencies(
            MatchModel.from_dict(FittedMatchModel.objects.get(id=lender.id).parameters)
        )
        .term_frequencies
    )

"""Registration ranks with the registry's fitted model when there is a trustworthy one."""

from __future__ import annotations

import pytest

from caseweave.access.types import Actor
from caseweave.people import scoring
from caseweave.people.actions.review import duplicates_find
from caseweave.people.matching import MatchModel
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

import pytest

from caseweave.people.matching import PersonRecord
from caseweave.people.matching.model import MatchModel
from caseweave.people.matching.resolve import Resolution, find_duplicates, link
from caseweave.people.matching.tests.factories import people_with_duplicates


@pytest.fixture(scope="module")
def data():
    return people_with_duplicates()


@pytest.fixture(scope="module")
def model(data):
    records, _ = data
    return MatchModel.fit(records)


def pair_set(resolution: Resolution) -> set[tuple[str, ...]]:
    return {tuple(sorted((a, b))) for a, b, _ in resolution.id_pairs()}


def test_it_finds_the_duplicates_without_labels(data, model):
    records, truth = data
    found = pair_set(find_duplicates(records))
    true_positives = len(found & truth)
    assert true_positives / len(found) >= 0.95
    assert true_positives / len(truth) >= 0.9


def test_a_person_with_a_swapped_birth_day_and_month_and_a_nickname_is_a_likely_match(model):
    a = PersonRecord.build(1, given_names="William", family_names="Hodžić",
                           birth_date="1984-03-07", phone="613-555-0101")  # fmt: skip
    b = PersonRecord.build(2, given_names="Bill", family_names="Hodzic",
                           birth_date="1984-07-03", phone="(613) 555 0101")  # fmt: skip
    result = model.score(a, b)
    codes = result.reason_codes()
    assert "birth_date.swapped" in codes
    assert "given_name.nickname" in codes
    assert "family_name.exact" in codes
    assert "phone.same" in codes
    assert result.probability > 0.5


def test_given_and_family_names_in_swapped_order_are_recognised(model):
    a = PersonRecord.build(1, given_names="Amira", family_names="Begović", birth_date="1990-01-02")
    b = PersonRecord.build(2, given_names="Begovic", family_names="Amira", birth_date="1990-01-02")
    assert "name.swapped" in model.score(a, b).reason_codes()


def test_disagreement_lowers_the_probability(model):
    a = PersonRecord.build(1, given_names="Ana", family_names="Kovač", birth_date="1970-05-05")
    same = PersonRecord.build(2, given_names="Ana", family_names="Kovac", birth_date="1970-05-05")
    other = PersonRecord.build(3, given_names="Ana", family_names="Kovac", birth_date="1991-11-23")
    assert model.score(a, same).probability > model.score(a, other).probability
    assert model.score(a, other).probability < 0.5


def test_reasons_never_contain_the_compared_values(model):
    a = PersonRecord.build(1, given_names="Zlatan", family_names="Quorrington", phone="6135550101")
    b = PersonRecord.build(2, given_names="Zlatan", family_names="Quorington", phone="6135550101")
    for reason in model.score(a, b).reasons:
        assert "zlatan" not in reason.text.lower()
        assert "5550101" not in reason.text


def test_a_saved_model_scores_exactly_as_before(model, tmp_path):
    path = tmp_path / "model.json"
    model.save(path)
    loaded = MatchModel.load(path)
    a = PersonRecord.build(1, given_names="Marko", family_names="Ilić", birth_date="1965")
    b = PersonRecord.build(2, given_names="Marco", family_names="Ilic", birth_date="1965-02-03")
    assert loaded.score(a, b).probability == pytest.approx(model.score(a, b).probability)


def test_loading_something_else_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="not a Caseweave match model"):
        MatchModel.from_dict({"format": "splink"})


def test_only_a_very_high_probability_may_auto_link(model):
    assert model.decision(model.auto_link_threshold) == "auto_link"
    assert model.decision((model.auto_link_threshold + model.match_threshold) / 2) == "review"
    assert model.decision(model.match_threshold / 2) == "distinct"


def test_link_matches_a_file_against_a_registry_with_a_trained_model(data, model):
    records, truth = data
    registry = [r for r in records if r.record_id.startswith("p")]
    incoming = [r for r in records if r.record_id.startswith("d")]
    resolution = link(incoming, registry, model=model)
    found = {(a, b) for a, b, _ in resolution.id_pairs()}
    # truth pairs are sorted ids, and "d..." sorts before "p...": (incoming, registry)
    wanted = {(a, b) for a, b in truth if a.startswith("d") and b.startswith("p")}
    assert len(found & wanted) / len(wanted) >= 0.85
    assert all(a.startswith("d") and b.startswith("p") for a, b in found)


def test_an_empty_candidate_list_scores_nothing(model):
    assert model.score_many(PersonRecord.build(1, given_names="Ana"), []) == []

"""u leaves out the matches that a random sample of pairs happens to hold."""

from __future__ import annotations

import numpy as np

from caseweave.people.matching.comparisons import FIELD_INDEX, FIELDS
from caseweave.people.matching.em import Parameters, estimate_m, estimate_u, non_match_chance


def pattern(**levels: int) -> list[int]:
    row = [-1] * len(FIELDS)
    for name, level in levels.items():
        row[FIELD_INDEX[name]] = level
    return row


def test_random_pairs_that_are_matches_do_not_count_as_strangers_agreeing() -> None:
    same = pattern(given_name=0, family_name=0, birth_date=0)
    strangers = pattern(given_name=5, family_name=4, birth_date=5)
    levels = np.array([same] * 10 + [strangers] * 9_990, np.int8)
    raw = estimate_u(levels)
    m = estimate_m(np.zeros((0, len(FIELDS)), np.int8), np.zeros(0, np.int64), raw).m
    m[FIELD_INDEX["birth_date"], :6] = [0.9, 0.02, 0.02, 0.02, 0.02, 0.02]
    chance = non_match_chance(levels, Parameters(m=m, u=raw, prior=1e-3))
    assert chance[:10].max() < 0.01 < 0.99 < chance[10:].min()
    cleaned = estimate_u(levels, chance)
    f = FIELD_INDEX["birth_date"]
    assert cleaned[f, 0] < raw[f, 0] / 10

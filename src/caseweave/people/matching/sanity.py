"""Is a fitted model fit to rank with? Reasons to doubt one, before registration trusts it.

EM needs no labels, but it needs enough duplicates to learn from: fitted on a registry with a
dozen duplicates (the demo), its "match" class is a handful of pairs and its m-probabilities
say whatever those pairs happened to show. Two checks, both on the fitted parameters alone:

- *Enough matches*: the pairs EM placed in its match class (the fitted prior times all pairs)
  must be at least ``MIN_MATCHES``, so that each level's m rests on more than a few pairs.
- *Not degenerate*: on each identifying field (names, birth date) the strongest agreement must
  speak for a match and a plain disagreement against it. An EM that has settled on something
  other than "the same person" (households: same family name and address, different birth
  dates) fails this.
"""

from __future__ import annotations

from caseweave.people.matching.comparisons import FIELD_INDEX, FIELDS
from caseweave.people.matching.model import MatchModel

__all__ = ["MIN_MATCHES", "doubts"]

MIN_MATCHES = 200  # a level seen among 2 % of duplicates is then estimated from ~4 pairs
_IDENTIFYING = ("given_name", "family_name", "birth_date")


def doubts(model: MatchModel) -> list[str]:
    """Why ``model`` should not be trusted (empty when it may be); plain sentences for logs."""
    found: list[str] = []
    if model.matches_estimated < MIN_MATCHES:
        found.append(
            f"its match class holds about {model.matches_estimated:.0f} pairs; at least "
            f"{MIN_MATCHES} are needed to learn how duplicates differ"
        )
    weights = model.parameters.weights()
    for name in _IDENTIFYING:
        f = FIELD_INDEX[name]
        spec = FIELDS[f]
        strongest, disagree = float(weights[f, 0]), float(weights[f, len(spec.levels) - 1])
        if strongest <= 0:
            found.append(f"{spec.codes[0]} {name} does not speak for a match ({strongest:+.1f})")
        if disagree >= 0:
            found.append(f"{spec.codes[-1]} {name} does not speak against one ({disagree:+.1f})")
    return found

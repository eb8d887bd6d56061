"""MatchModel: a Fellegi-Sunter record-linkage model with term-frequency adjustments.

``MatchModel.fit(records)`` estimates u from random pairs and m (and the share of matches
among candidate pairs) by EM on blocked candidate pairs. ``score(a, b)`` explains one pair;
``score_pairs`` scores arrays of pairs for whole files and registries.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from caseweave.people.matching import comparisons
from caseweave.people.matching.candidates import (
    DEFAULT_MAX_BLOCK,
    TRAINING_DATE,
    TRAINING_NAMES,
    candidate_pairs,
)
from caseweave.people.matching.comparisons import FIELD_INDEX, FIELDS, compare
from caseweave.people.matching.em import (
    MAX_LEVELS,
    Parameters,
    decode,
    estimate_m,
    estimate_prior,
    estimate_u,
    non_match_chance,
    pattern_codes,
)
from caseweave.people.matching.frequencies import (
    FULL_NAME,
    FULL_NAME_MIN,
    TF_COLUMNS,
    TOKEN_COLUMNS,
    data_frequencies,
    full_name_from_data,
    full_name_stored,
    registry_frequencies,
    token_frequencies,
    token_key,
    vocabulary,
)
from caseweave.people.matching.nicknames import NicknameTable
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.table import IntArray, RecordTable

__all__ = ["MatchModel", "MatchResult", "Reason", "ScoredPairs"]

FORMAT_VERSION = 2  # 2: one "location" comparison of address and postcode, instead of two
# Pairs reported for review (dedupe output, the review queue). The probabilities assume the
# fields independent given match status, and names are not (they cluster within naming
# traditions), so at 0.5 about 1 reported pair in 55 is two people (precision 0.982 on the
# synthetic registry of 100,000 and 1,000,000 rows); staff acting on pairs need 0.99, which
# 0.7 gives (docs/performance.md). FEBRL F1 is the same at both.
MATCH_THRESHOLD = 0.7
_SWAPPED_WITH = {"given_name": "family_name", "family_name": "given_name"}
_CHUNK = 1_000_000  # pairs compared at a time, to bound memory
_COMMON = FULL_NAME_MIN - 1e-9  # records carrying a value before another model lends it


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pair scored as it did on one field. ``text`` never contains personal data."""

    field: str
    code: str  # e.g. "birth_date.swapped"
    text: str
    weight: float  # log2 Bayes factor this field contributed

    @property
    def supports_match(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True, slots=True)
class MatchResult:
    probability: float
    weight: float
    reasons: tuple[Reason, ...]

    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]


@dataclass
class ScoredPairs:
    """Scored pairs as arrays: rows into the left and right tables."""

    left: IntArray
    right: IntArray
    weight: npt.NDArray[np.float64]
    probability: npt.NDArray[np.float64]
    codes: npt.NDArray[np.int32]  # comparison pattern, for reasons()

    def __len__(self) -> int:
        return len(self.left)

    def select(self, mask: npt.NDArray[np.bool_]) -> ScoredPairs:
        return ScoredPairs(
            self.left[mask], self.right[mask], self.weight[mask], self.probability[mask],
            self.codes[mask],
        )  # fmt: skip


class MatchModel:
    """Trained Fellegi-Sunter parameters plus name frequencies and decision thresholds.

    ``match_threshold``: a pair at or above it is reported as a likely match (review queue,
    dedupe output). ``auto_link_threshold``: only at or above it may a record be linked
    without a person deciding; nothing is ever merged automatically.
    """

    def __init__(
        self,
        parameters: Parameters,
        *,
        term_frequencies: dict[str, dict[str, float]] | None = None,
        tf_default: dict[str, float] | None = None,
        match_threshold: float = MATCH_THRESHOLD,
        auto_link_threshold: float = 0.995,
        nicknames: NicknameTable | None = None,
        trained_on: int = 0,
        matches_estimated: float = 0.0,
    ) -> None:
        self.parameters = parameters
        self.term_frequencies = term_frequencies or {}
        self.tf_default = tf_default or {}
        self.match_threshold = match_threshold
        self.auto_link_threshold = auto_link_threshold
        self.nicknames = nicknames
        self.trained_on = trained_on
        self.matches_estimated = matches_estimated  # pairs in EM's match class when fitted
        self._weights = parameters.weights()

    # -- training ------------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        records: Sequence[PersonRecord],
        *,
        other: Sequence[PersonRecord] | None = None,
        nicknames: NicknameTable | None = None,
        u_sample: int = 300_000,
        seed: int = 20261124,
        max_block: int = DEFAULT_MAX_BLOCK,
        match_threshold: float = MATCH_THRESHOLD,
        auto_link_threshold: float = 0.995,
    ) -> MatchModel:
        """Estimate a model from ``records`` (dedupe), or from ``records`` vs ``other`` (link)."""
        a = RecordTable.build(records, nicknames)
        b = RecordTable.build(other, nicknames, vocab=a.vocab) if other is not None else None
        model, _ = cls.fit_tables(
            a, b, nicknames=nicknames, u_sample=u_sample, seed=seed, max_block=max_block,
            match_threshold=match_threshold, auto_link_threshold=auto_link_threshold,
        )  # fmt: skip
        return model

    @classmethod
    def fit_tables(
        cls,
        a: RecordTable,
        b: RecordTable | None = None,
        *,
        nicknames: NicknameTable | None = None,
        u_sample: int = 300_000,
        seed: int = 20261124,
        max_block: int = DEFAULT_MAX_BLOCK,
        session_pairs: int = 300_000,
        match_threshold: float = MATCH_THRESHOLD,
        auto_link_threshold: float = 0.995,
    ) -> tuple[MatchModel, tuple[IntArray, IntArray, npt.NDArray[np.int32]]]:
        """Fit on encoded tables; also returns the candidate pairs and their pattern codes so
        the caller can score them without comparing twice."""
        rng = np.random.default_rng(seed)
        right_table = b if b is not None else a
        x, y = _random_pairs(len(a), len(right_table), b is None, u_sample, rng)
        random_levels = compare(a, right_table, x, y).levels
        u = estimate_u(random_levels)
        m = _train_m(a, b, u, rng, max_block=max_block, session_pairs=session_pairs)
        left, right = candidate_pairs(a, b, max_block=max_block)
        codes = compare_codes(a, right_table, left, right)
        unique, counts = np.unique(codes, return_counts=True)
        levels, _ = decode(unique)
        n_left, n_right = len(a), len(right_table)
        all_pairs = n_left * (n_left - 1) / 2 if b is None else n_left * n_right
        prior = estimate_prior(levels, counts.astype(np.int64), m, u, total=all_pairs)
        # In a small file full of duplicates (FEBRL: 1 random pair in 2,000 is a match) the
        # random pairs hold matches, and they dominate u of the rarest agreements (the same
        # address, postcode and town): u again without them, and the prior with that u.
        # (Not when the model takes more than 1 % of random pairs for matches: two people,
        # or a file of one person's records, where no u can be learned from random pairs.)
        chance = non_match_chance(random_levels, Parameters(m=m, u=u, prior=prior))
        if len(chance) and chance.mean() >= 0.99:
            u = estimate_u(random_levels, chance)
            prior = estimate_prior(levels, counts.astype(np.int64), m, u, total=all_pairs)
        parameters = Parameters(m=m, u=u, prior=prior)
        tf, default = registry_frequencies(a, b)
        model = cls(
            parameters, term_frequencies=tf, tf_default=default, nicknames=nicknames,
            trained_on=len(a) + (len(b) if b is not None else 0),
            matches_estimated=prior * all_pairs,
            match_threshold=match_threshold, auto_link_threshold=auto_link_threshold,
        )  # fmt: skip
        return model, (left, right, codes)

    # -- scoring -------------------------------------------------------------------------

    def score(self, a: PersonRecord, b: PersonRecord) -> MatchResult:
        """Match probability of one pair, with a reason per field both records have."""
        return self.score_many(a, [b])[0]

    def score_many(
        self, record: PersonRecord, candidates: Sequence[PersonRecord]
    ) -> list[MatchResult]:
        """Score ``record`` against each candidate (registration: the likely-match list)."""
        if not candidates:
            return []
        table = RecordTable.build([record, *candidates], self.nicknames)
        right = np.arange(1, len(candidates) + 1, dtype=np.int32)
        left = np.zeros(len(candidates), np.int32)
        scored = self.score_pairs(table, table, left, right)
        return [
            self.explain(int(code), float(w), float(p))
            for code, w, p in zip(scored.codes, scored.weight, scored.probability, strict=True)
        ]

    def score_pairs(
        self,
        a: RecordTable,
        b: RecordTable,
        left: IntArray,
        right: IntArray,
        codes: npt.NDArray[np.int32] | None = None,
        *,
        tf_from_data: bool = False,
    ) -> ScoredPairs:
        """Score pairs (a[left[k]], b[right[k]]); pass ``codes`` if already compared.

        ``tf_from_data`` takes name frequencies from the tables being scored (a file being
        deduplicated) instead of those stored with the model (the registry's).
        """
        if codes is None:
            codes = compare_codes(a, b, left, right)
        unique, inverse = np.unique(codes, return_inverse=True)
        levels, _ = decode(unique)
        base = math.log2(self.parameters.prior / (1 - self.parameters.prior))
        pattern_weight = base + self._weights[np.arange(len(FIELDS)), levels].sum(axis=1)
        weight = pattern_weight[inverse.reshape(-1)]
        pair_levels, pair_swapped = decode(codes)
        for field, column in TF_COLUMNS.items():
            f = FIELD_INDEX[field]
            level = FIELDS[f].tf_level
            values_a = getattr(a, column)[left]
            exact = pair_levels[:, f] == level
            if not exact.any() or level is None:
                continue
            values = values_a[exact]
            freq = self._frequencies(a, b, field, tf_from_data)[values]
            if field in _SWAPPED_WITH and pair_swapped[exact].any():
                # names in swapped order: a family name written as a given name is rare as a
                # given name, so its own column would overrate it; count it as the commoner
                other = self._frequencies(a, b, _SWAPPED_WITH[field], tf_from_data)[values]
                freq = np.where(pair_swapped[exact], np.maximum(freq, other), freq)
            u_exact = max(float(self.parameters.u[f, level]), 1e-12)
            weight[exact] += np.log2(u_exact / np.maximum(freq, 1e-9))
        for field in TOKEN_COLUMNS:
            weight += self._token_adjustment(a, b, left, right, pair_levels, field, tf_from_data)
        weight += self._full_name_correction(
            a, b, left, right, pair_levels, pair_swapped, tf_from_data
        )
        probability = 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
        return ScoredPairs(left, right, weight, probability, codes)

    def explain(self, code: int, weight: float, probability: float) -> MatchResult:
        """Turn a comparison pattern into per-field reasons."""
        levels, swapped = decode(np.asarray([code], np.int32))
        reasons: list[Reason] = []
        if swapped[0]:
            reasons.append(
                Reason("name", "name.swapped", "Given and family names are in swapped order", 0.0)
            )
        for f, spec in enumerate(FIELDS):
            level = int(levels[0, f])
            if level < 0:
                continue
            code_name, text = spec.levels[level]
            reasons.append(
                Reason(spec.name, f"{spec.name}.{code_name}", text, float(self._weights[f, level]))
            )
        return MatchResult(probability=probability, weight=weight, reasons=tuple(reasons))

    def decision(self, probability: float) -> str:
        """ "auto_link", "review" or "distinct" for a match probability."""
        if probability >= self.auto_link_threshold:
            return "auto_link"
        return "review" if probability >= self.match_threshold else "distinct"

    def _token_adjustment(
        self,
        a: RecordTable,
        b: RecordTable,
        left: IntArray,
        right: IntArray,
        levels: npt.NDArray[np.int8],
        field: str,
        from_data: bool,
    ) -> npt.NDArray[np.float64]:
        """log2 weight (<= 0) of "one name is the same" when the rarest shared name is common
        (carried by ``FULL_NAME_MIN`` records or more, and commoner than u of the level)."""
        out = np.zeros(len(left))
        f = FIELD_INDEX[field]
        level = FIELDS[f].codes.index("token")
        at = np.flatnonzero(levels[:, f] == level)
        if len(at) == 0:
            return out
        column = TOKEN_COLUMNS[field]
        stored = self.term_frequencies.get(token_key(field), {})
        if not from_data and not stored:  # a model kept without frequencies (the default)
            return out
        if from_data:
            freq = token_frequencies(a, b, column)
        else:
            default = self.tf_default.get(field, 1e-6)
            strings = a.vocab.names.strings
            freq = np.fromiter((stored.get(s, default) for s in strings), np.float64, len(strings))
        x, y = getattr(a, column)[left[at]], getattr(b, column)[right[at]]
        rarest = np.full(len(at), np.inf)
        for i in range(x.shape[1]):
            for j in range(y.shape[1]):
                shared = (x[:, i] == y[:, j]) & (x[:, i] >= 0)
                rarest = np.where(shared, np.minimum(rarest, freq[np.maximum(x[:, i], 0)]), rarest)
        records = len(a) + (len(b) if b is not a else 0) if from_data else self.trained_on
        u_token = max(float(self.parameters.u[f, level]), 1e-12)
        common = np.isfinite(rarest) & (rarest * records >= FULL_NAME_MIN) & (rarest > u_token)
        out[at[common]] = np.log2(u_token / rarest[common])
        return out

    def _full_name_correction(
        self,
        a: RecordTable,
        b: RecordTable,
        left: IntArray,
        right: IntArray,
        levels: npt.NDArray[np.int8],
        swapped: npt.NDArray[np.bool_],
        from_data: bool,
    ) -> npt.NDArray[np.float64]:
        """log2 weight (<= 0) taking back what the two name adjustments overstate when the
        full name is commoner than its two names' frequencies multiplied (``frequencies``)."""
        out = np.zeros(len(left))
        given, family = a.given_full[left], a.family_full[left]
        both = (
            (levels[:, FIELD_INDEX["given_name"]] == 0)
            & (levels[:, FIELD_INDEX["family_name"]] == 0)
            & ~swapped & (given == b.given_full[right]) & (family == b.family_full[right])
            & (given >= 0) & (family >= 0)
        )  # fmt: skip
        if not both.any():
            return out
        given, family = given[both], family[both]
        product = (
            self._frequencies(a, b, "given_name", from_data)[given]
            * self._frequencies(a, b, "family_name", from_data)[family]
        )
        full = (
            full_name_from_data(a, b, given, family)
            if from_data
            else full_name_stored(
                self.term_frequencies.get(FULL_NAME, {}), a.vocab.names, given, family
            )
        )
        product = np.maximum(product, 1e-300)
        out[both] = np.log2(product / np.maximum(product, full))
        return out

    def _frequencies(
        self, a: RecordTable, b: RecordTable, field: str, from_data: bool
    ) -> npt.NDArray[np.float64]:
        column = TF_COLUMNS[field]
        if from_data:
            return data_frequencies(a, b, column)
        return self._stored_frequencies(a, field, column)

    def _stored_frequencies(
        self, table: RecordTable, field: str, column: str
    ) -> npt.NDArray[np.float64]:
        vocab = vocabulary(table, column)
        stored = self.term_frequencies.get(field, {})
        default = self.tf_default.get(field, 1e-6)
        return np.fromiter((stored.get(s, default) for s in vocab.strings), np.float64, len(vocab))

    def with_frequencies(self, other: MatchModel) -> MatchModel:
        """A new model: this one's parameters and thresholds, weighing values by how common
        they are among the records ``other`` was fitted on (its stored term frequencies).

        Only values at least ``FULL_NAME_MIN`` of those records carry are taken: a rarer
        value's count is mostly one person's own records, not other people. Every other
        value keeps this model's default (the rarest frequency it has seen), so sharing a
        rare name weighs as before. Neither model is changed.
        """
        records = max(other.trained_on, 1)
        frequencies: dict[str, dict[str, float]] = {}
        for field, shares in other.term_frequencies.items():
            common = {v: share for v, share in shares.items() if share * records >= _COMMON}
            if common:
                frequencies[field] = common
        return MatchModel(
            self.parameters, term_frequencies=frequencies, tf_default=dict(self.tf_default),
            match_threshold=self.match_threshold, auto_link_threshold=self.auto_link_threshold,
            nicknames=self.nicknames, trained_on=self.trained_on,
            matches_estimated=self.matches_estimated,
        )  # fmt: skip

    # -- persistence ---------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        p = self.parameters
        return {
            "format": "caseweave.people.matching/model",
            "version": FORMAT_VERSION,
            "prior": p.prior,
            "fields": {
                spec.name: {
                    "levels": list(spec.codes),
                    "m": [round(float(v), 10) for v in p.m[f, : len(spec.levels)]],
                    "u": [round(float(v), 12) for v in p.u[f, : len(spec.levels)]],
                }
                for f, spec in enumerate(FIELDS)
            },
            "term_frequencies": self.term_frequencies,
            "tf_default": self.tf_default,
            "match_threshold": self.match_threshold,
            "auto_link_threshold": self.auto_link_threshold,
            "trained_on": self.trained_on,
            "matches_estimated": round(self.matches_estimated, 1),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], nicknames: NicknameTable | None = None) -> MatchModel:
        if data.get("format") != "caseweave.people.matching/model":
            raise ValueError("not a Caseweave match model (missing 'format')")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"match model version {data.get('version')!r} is not supported")
        m = np.zeros((len(FIELDS), MAX_LEVELS + 1))
        u = np.zeros_like(m)
        for f, spec in enumerate(FIELDS):
            entry = data["fields"].get(spec.name)
            if entry is None or list(entry["levels"]) != list(spec.codes):
                raise ValueError(f"match model field {spec.name!r} does not fit this version")
            m[f, : len(spec.levels)] = entry["m"]
            u[f, : len(spec.levels)] = entry["u"]
        return cls(
            Parameters(m=m, u=u, prior=float(data["prior"])),
            term_frequencies=data.get("term_frequencies", {}),
            tf_default=data.get("tf_default", {}),
            match_threshold=float(data["match_threshold"]),
            auto_link_threshold=float(data["auto_link_threshold"]),
            nicknames=nicknames,
            trained_on=int(data.get("trained_on", 0)),
            matches_estimated=float(data.get("matches_estimated", 0.0)),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True), "utf-8")

    @classmethod
    def load(cls, path: str | Path, nicknames: NicknameTable | None = None) -> MatchModel:
        return cls.from_dict(json.loads(Path(path).read_text("utf-8")), nicknames)


def compare_codes(
    a: RecordTable, b: RecordTable, left: IntArray, right: IntArray, *, chunk: int = _CHUNK
) -> npt.NDArray[np.int32]:
    """Comparison pattern code per pair, ``chunk`` pairs at a time so memory stays bounded
    (a few hundred bytes per pair in flight, whatever the number of pairs). With more than
    one worker (:func:`set_workers`) chunks are compared in threads: numpy and rapidfuzz
    release the GIL for most of the work."""
    out = np.zeros(len(left), np.int32)
    starts = range(0, len(left), chunk)

    def one(start: int) -> None:
        part = slice(start, start + chunk)
        result = compare(a, b, left[part], right[part])
        out[part] = pattern_codes(result.levels, result.swapped)

    if comparisons._WORKERS > 1 and len(starts) > 1:
        with ThreadPoolExecutor(comparisons._WORKERS) as pool:
            list(pool.map(one, starts))
    else:
        for start in starts:
            one(start)
    return out


# Each session blocks on some fields and learns m for others: among pairs that share a birth
# date, the non-matches still agree on names only as often as random pairs do, so u from
# random pairs holds for them and EM can separate matches (as Splink does). Each session
# learns only the fields it separates cleanly: among pairs sharing a birth date, strangers
# who share a common full name (names cluster within a naming tradition) form a second
# match-like class that EM partly takes in, and they differ in phone and address, so that
# session overstates how often duplicates disagree there (at 1,000,000 synthetic rows: phone
# differs 0.39 against 0.15 true, location differs 0.21 against 0.00). Among pairs sharing
# names, the birth date (one day in 24,000) separates them, so the other fields are learned
# there. A field left unlearned (no pairs in its session) takes the other sessions' average.
_SESSIONS = (
    (frozenset({TRAINING_DATE}), ("birth_date",), ("given_name", "family_name")),
    (frozenset({TRAINING_NAMES}), ("given_name", "family_name"), None),  # None: all the rest
)


def _train_m(
    a: RecordTable,
    b: RecordTable | None,
    u: npt.NDArray[np.float64],
    rng: np.random.Generator,
    *,
    max_block: int,
    session_pairs: int,
) -> npt.NDArray[np.float64]:
    right_table = b if b is not None else a
    learned = np.zeros_like(u)
    learned_in = np.zeros(len(FIELDS))
    seen = np.zeros_like(u)  # estimates from sessions not chosen for the field, as a fallback
    seen_in = np.zeros(len(FIELDS))
    for kinds, blocked, learns in _SESSIONS:
        left, right = candidate_pairs(a, b, max_block=max_block, kinds=kinds)
        if len(left) == 0:
            continue
        if len(left) > session_pairs:
            pick = rng.choice(len(left), session_pairs, replace=False)
            left, right = left[pick], right[pick]
        levels = compare(a, right_table, left, right).levels
        for name in blocked:
            levels[:, FIELD_INDEX[name]] = -1
        unique, counts = np.unique(levels, axis=0, return_counts=True)
        estimated = estimate_m(unique, counts.astype(np.int64), u)
        for f, spec in enumerate(FIELDS):
            if spec.name in blocked or not (unique[:, f] >= 0).any():
                continue
            if learns is None or spec.name in learns:
                learned[f] += estimated.m[f]
                learned_in[f] += 1
            else:
                seen[f] += estimated.m[f]
                seen_in[f] += 1
    fallback = estimate_m(np.zeros((0, len(FIELDS)), np.int8), np.zeros(0, np.int64), u).m
    for f in range(len(FIELDS)):
        if learned_in[f]:
            learned[f] /= learned_in[f]
        else:
            learned[f] = seen[f] / seen_in[f] if seen_in[f] else fallback[f]
    return learned


def _random_pairs(
    n_left: int, n_right: int, same: bool, size: int, rng: np.random.Generator
) -> tuple[IntArray, IntArray]:
    if n_left == 0 or n_right == 0 or (same and n_left < 2):
        empty = np.zeros(0, np.int32)
        return empty, empty
    x = rng.integers(0, n_left, size, dtype=np.int64)
    y = rng.integers(0, n_right, size, dtype=np.int64)
    if same:
        keep = x != y
        x, y = x[keep], y[keep]
    return x.astype(np.int32), y.astype(np.int32)


# Let callers (the benchmark, the file commands) use more cores for string similarity.
def set_workers(workers: int) -> None:
    comparisons._WORKERS = workers

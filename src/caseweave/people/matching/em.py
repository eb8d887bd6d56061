"""Fellegi-Sunter parameter estimation: u from random pairs, m and the prior by EM.

Pairs are reduced to distinct comparison patterns with counts first, so EM costs the same for
ten thousand pairs as for a hundred million.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from caseweave.people.matching.comparisons import FIELDS

__all__ = [
    "MAX_LEVELS",
    "Parameters",
    "decode",
    "estimate_m",
    "estimate_prior",
    "estimate_u",
    "non_match_chance",
    "pattern_codes",
]

FloatArray = npt.NDArray[np.float64]
MAX_LEVELS = 7  # levels per field, plus one slot for "missing" at index -1
_BITS = 3
M_FLOOR = 1e-3  # no single disagreement can veto a match outright
U_FLOOR = 1e-7


@dataclass
class Parameters:
    """m[f, l] and u[f, l]: chance of level l on field f among matches / non-matches."""

    m: FloatArray
    u: FloatArray
    prior: float  # share of candidate pairs that are matches

    def weights(self) -> FloatArray:
        """log2(m/u) per (field, level); the last column (missing) is 0."""
        w = np.log2(np.maximum(self.m, M_FLOOR) / np.maximum(self.u, U_FLOOR))
        w[:, -1] = 0.0
        return w


def pattern_codes(
    levels: npt.NDArray[np.int8], swapped: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int32]:
    """Pack each row of levels (-1..5 per field) and the swapped flag into one int32."""
    code = np.zeros(len(levels), np.int32)
    for f in range(levels.shape[1]):
        code |= (levels[:, f].astype(np.int32) + 1) << (_BITS * f)
    code |= swapped.astype(np.int32) << (_BITS * len(FIELDS))
    return code


def decode(codes: npt.NDArray[np.int32]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    levels = np.stack(
        [((codes >> (_BITS * f)) & 7).astype(np.int8) - 1 for f in range(len(FIELDS))], axis=1
    )
    swapped = ((codes >> (_BITS * len(FIELDS))) & 1).astype(np.bool_)
    return levels.astype(np.int8), swapped


def estimate_u(
    levels: npt.NDArray[np.int8], weights: npt.NDArray[np.float64] | None = None
) -> FloatArray:
    """Level frequencies among (almost surely non-matching) random pairs, lightly smoothed;
    ``weights`` (each pair's chance of not being a match) leaves out the matches among them."""
    u = np.zeros((len(FIELDS), MAX_LEVELS + 1))
    for f, spec in enumerate(FIELDS):
        column = levels[:, f]
        present = column >= 0
        counts = np.bincount(
            column[present],
            weights=None if weights is None else weights[present],
            minlength=len(spec.levels),
        )[: len(spec.levels)]
        u[f, : len(spec.levels)] = (counts + 0.5) / (counts.sum() + 0.5 * len(spec.levels))
    return u


def non_match_chance(levels: npt.NDArray[np.int8], parameters: Parameters) -> FloatArray:
    """Per pair (rows of levels drawn at random), the chance it is not a match."""
    weight = parameters.weights()[np.arange(len(FIELDS)), levels].sum(axis=1)
    log_odds = np.log2(parameters.prior / (1 - parameters.prior)) + weight
    chance: FloatArray = 1.0 / (1.0 + np.exp2(np.clip(log_odds, -60, 60)))
    return chance


def _initial_m() -> FloatArray:
    m = np.zeros((len(FIELDS), MAX_LEVELS + 1))
    for f, spec in enumerate(FIELDS):
        k = len(spec.levels)
        start = np.array([0.5**i for i in range(k)]) * np.linspace(1, 0.2, k)
        start[-1] = 0.02
        m[f, :k] = start / start.sum()
    return m


def estimate_m(
    patterns: npt.NDArray[np.int8],
    counts: npt.NDArray[np.int64],
    u: FloatArray,
    *,
    iterations: int = 60,
    tolerance: float = 1e-6,
    prior: float = 0.1,
) -> Parameters:
    """EM over distinct comparison patterns (rows of levels) with their pair counts, u fixed."""
    m = _initial_m()
    counts_f = counts.astype(np.float64)
    present = patterns >= 0
    log_u = np.where(present, np.log(np.maximum(u[np.arange(len(FIELDS)), patterns], U_FLOOR)), 0)
    log_u_sum = log_u.sum(axis=1)
    for _ in range(iterations):
        log_m = np.where(
            present, np.log(np.maximum(m[np.arange(len(FIELDS)), patterns], 1e-12)), 0
        ).sum(axis=1)
        log_odds = np.log(prior / (1 - prior)) + log_m - log_u_sum
        posterior = 1.0 / (1.0 + np.exp(-np.clip(log_odds, -500, 500)))
        weight = counts_f * posterior
        new_m = np.zeros_like(m)
        for f, spec in enumerate(FIELDS):
            k = len(spec.levels)
            col = patterns[:, f]
            sums = np.bincount(col[col >= 0], weights=weight[col >= 0], minlength=k)[:k]
            total = sums.sum()
            new_m[f, :k] = sums / total if total > 0 else m[f, :k]
        new_prior = float(weight.sum() / max(counts_f.sum(), 1.0))
        new_prior = min(max(new_prior, 1e-9), 1 - 1e-9)
        change = float(np.abs(new_m - m).max()) + abs(new_prior - prior)
        m, prior = new_m, new_prior
        if change < tolerance:
            break
    return Parameters(m=m, u=u, prior=prior)


def _log_likelihoods(
    patterns: npt.NDArray[np.int8], m: FloatArray, u: FloatArray
) -> tuple[FloatArray, FloatArray]:
    present = patterns >= 0
    fields = np.arange(len(FIELDS))
    log_m = np.where(present, np.log(np.maximum(m[fields, patterns], M_FLOOR)), 0).sum(axis=1)
    log_u = np.where(present, np.log(np.maximum(u[fields, patterns], U_FLOOR)), 0).sum(axis=1)
    return log_m, log_u


def estimate_prior(
    patterns: npt.NDArray[np.int8],
    counts: npt.NDArray[np.int64],
    m: FloatArray,
    u: FloatArray,
    *,
    total: float,
    iterations: int = 200,
) -> float:
    """Probability that two records drawn at random are the same person.

    u describes random pairs, so the prior must too (not the share of matches among blocked
    candidates, which would be far too generous). Pairs that blocking did not propose are
    taken as non-matches: the prior is the expected number of matches among the candidate
    pairs divided by all ``total`` pairs, solved as a fixed point.
    """
    log_m, log_u = _log_likelihoods(patterns, m, u)
    ratio = log_m - log_u
    counts_f = counts.astype(np.float64)
    total = max(total, float(counts_f.sum()), 1.0)
    prior = min(max(float(counts_f.sum()) / total / 2, 1e-12), 0.5)
    for _ in range(iterations):
        log_odds = np.log(prior / (1 - prior)) + ratio
        posterior = 1.0 / (1.0 + np.exp(-np.clip(log_odds, -500, 500)))
        new_prior = float((counts_f * posterior).sum() / total)
        new_prior = min(max(new_prior, 1e-12), 1 - 1e-9)
        if abs(new_prior - prior) <= 1e-6 * prior:
            return new_prior
        prior = new_prior
    return prior

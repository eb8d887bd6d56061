"""Caseweave's F1 on one dataset under other estimation choices, comparing pairs only once.

Fits the model as ``MatchModel.fit_tables`` does, then re-scores the same candidate pairs
with the report threshold lowered and with u taken from larger random samples, so estimation
changes can be judged at 1,000,000 rows for the cost of one run. Prints one line per variant.

    .venv/bin/python benchmarks/identity/calibration.py synthetic-100000 --u-samples 3000000
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets
import tools

from caseweave.people.matching import model as engine
from caseweave.people.matching.comparisons import compare
from caseweave.people.matching.em import Parameters, decode, estimate_prior, estimate_u
from caseweave.people.matching.table import IntArray, RecordTable

SEED = 20261124
CHUNK = 1_000_000


def true_mask(
    dataset: datasets.Dataset, ids: list[str], left: IntArray, right: IntArray
) -> npt.NDArray[np.bool_]:
    n = len(ids)
    row = {record: i for i, record in enumerate(ids)}
    keys = np.array(
        [min(row[p], row[q]) * n + max(row[p], row[q]) for p, q in dataset.truth], np.int64
    )
    low = np.minimum(left, right).astype(np.int64)
    high = np.maximum(left, right).astype(np.int64)
    return np.isin(low * n + high, keys)


def random_pair_u(table: RecordTable, size: int, seed: int) -> npt.NDArray[np.float64]:
    x, y = engine._random_pairs(len(table), len(table), True, size, np.random.default_rng(seed))
    levels = [compare(table, table, x[i : i + CHUNK], y[i : i + CHUNK]).levels
              for i in range(0, len(x), CHUNK)]  # fmt: skip
    return estimate_u(np.concatenate(levels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", help="a dedupe dataset, e.g. synthetic-100000")
    parser.add_argument("--thresholds", default="0.5,0.2,0.1,0.05")
    parser.add_argument("--u-samples", default="3000000", help="random-pair sample sizes for u")
    args = parser.parse_args()
    dataset = datasets.load(args.dataset).without_identifier()
    if dataset.kind != "dedupe":
        parser.error(f"{args.dataset} is a linkage dataset; this script handles dedupe only")
    engine.set_workers(2)
    table = tools._caseweave_table(dataset.frames[0], dataset)
    model, (left, right, codes) = engine.MatchModel.fit_tables(table)
    is_true = true_mask(dataset, table.record_ids, left, right)
    print(f"{args.dataset}: {len(left):,} candidate pairs hold {int(is_true.sum()):,} "
          f"of {len(dataset.truth):,} true pairs")  # fmt: skip
    unique, counts = np.unique(codes, return_counts=True)
    levels, _ = decode(unique)
    all_pairs = len(table) * (len(table) - 1) / 2
    thresholds = [float(t) for t in args.thresholds.split(",")]

    def report(label: str, m: npt.NDArray[np.float64], u: npt.NDArray[np.float64]) -> None:
        prior = estimate_prior(levels, counts.astype(np.int64), m, u, total=all_pairs)
        scored = engine.MatchModel(Parameters(m=m, u=u, prior=prior)).score_pairs(
            table, table, left, right, codes, tf_from_data=True
        )
        for threshold in thresholds:
            predicted = scored.probability >= threshold
            hits = int((predicted & is_true).sum())
            precision = hits / max(int(predicted.sum()), 1)
            recall = hits / len(dataset.truth)
            f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
            print(f"{label:<28} prior {prior:.3g} | threshold {threshold:<5} | P {precision:.4f}"
                  f" | R {recall:.4f} | F1 {f1:.4f}", flush=True)  # fmt: skip

    m, u = model.parameters.m, model.parameters.u
    report("as shipped (u 300,000)", m, u)
    for size in (int(s) for s in args.u_samples.split(",") if s):
        report(f"u from {size:,} pairs", m, random_pair_u(table, size, SEED + 1))


if __name__ == "__main__":
    main()

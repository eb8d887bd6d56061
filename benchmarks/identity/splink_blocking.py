"""How many pairs the runner's Splink blocking rules generate, counted before running Splink.

    .venv/bin/python benchmarks/identity/splink_blocking.py synthetic-1000000 [--sample 1.0]
                                                            [--with-identifier]

Prints, per prediction blocking rule, the pairs it adds beyond the rules before it and the
running total, from Splink's own ``count_comparisons_from_blocking_rules`` (exact with
``--sample 1.0``; a smaller sample estimates from that share of records on each side).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    import datasets
    import tools

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--sample", type=float, default=1.0)
    parser.add_argument("--with-identifier", action="store_true")
    args = parser.parse_args()
    dataset = datasets.load(args.dataset)
    if not args.with_identifier:
        dataset = dataset.without_identifier()
    start = time.perf_counter()
    frames = tools.splink_frames(dataset)
    prepared = time.perf_counter()
    counts = tools.splink_comparison_counts(frames, dataset, sample=args.sample)
    counted = time.perf_counter()
    print(f"{dataset.name}: {sum(len(f) for f in frames):,} rows, sample {args.sample}")
    print("new pairs | cumulative | rule")
    for rule, new, cumulative in counts:
        print(f"{new:>12,} | {cumulative:>12,} | {rule}")
    print(f"prepared in {prepared - start:.1f} s, counted in {counted - prepared:.1f} s")
    covered = true_pairs_blocked(frames, dataset, [rule for rule, _, _ in counts])
    print(f"true pairs among the blocked pairs: {covered:,} of {len(dataset.truth):,} "
          f"({covered / len(dataset.truth):.1%}), the most recall Splink can reach")  # fmt: skip


def true_pairs_blocked(frames, dataset, rules: list[str]) -> int:
    """How many true pairs at least one rule pairs (dedupe datasets: one frame)."""
    import duckdb
    import pandas as pd

    connection = duckdb.connect(config={"threads": 2})
    connection.register("records", frames[-1])
    connection.register("records_l", frames[0])
    truth = pd.DataFrame(sorted(dataset.truth), columns=["a", "b"])
    connection.register("truth", truth)
    where = " or ".join(f"({rule})" for rule in rules)
    found = connection.execute(
        "select count(*) from truth join records_l l on l.unique_id = truth.a "
        f"join records r on r.unique_id = truth.b where {where}"
    ).fetchone()
    return int(found[0]) if found else 0


if __name__ == "__main__":
    main()

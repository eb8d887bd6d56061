"""``caseweave people dedupe`` on a generated CSV: reading by rows against reading by columns.

    .venv/bin/python benchmarks/identity/file_dedupe.py [--size 100000] [--csv PATH]

Writes the synthetic registry (synthetic.py, seed 4) to a CSV once, then runs, each in its
own process so peak memory is its own: ``rows`` reads the file into one PersonRecord per row
and encodes them (how the file commands read before), ``columns`` reads it straight into
the matcher's columns (``read_table``, what the commands use now). Each prints the seconds
spent reading and deduplicating, CPU seconds, peak memory and the pairs found (which must be
the same for both).
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


def measure(variant: str, path: str) -> dict[str, object]:
    from caseweave.people.matching.files import read_records, read_table
    from caseweave.people.matching.resolve import find_duplicates
    from caseweave.people.matching.table import RecordTable

    start, cpu_start = time.perf_counter(), time.process_time()
    if variant == "rows":
        table = RecordTable.build(read_records(path))
    else:
        table = read_table(path)
    read = time.perf_counter() - start
    read_cpu = time.process_time() - cpu_start
    resolution = find_duplicates(table)
    return {
        "variant": variant,
        "records": len(table),
        "pairs": len(resolution.pairs.probability),
        "read_s": round(read, 2),
        "read_cpu_s": round(read_cpu, 2),
        "total_s": round(time.perf_counter() - start, 2),
        "total_cpu_s": round(time.process_time() - cpu_start, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--csv", help="where the generated file goes (default: /tmp)")
    parser.add_argument("--one", nargs=2, metavar=("VARIANT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(*args.one)))
        return
    path = Path(args.csv or f"/tmp/caseweave-synthetic-{args.size}.csv")
    if not path.exists():
        import synthetic

        synthetic.write_csv(synthetic.generate(args.size, 0.1, 4), str(path))
    print(
        "variant | records | pairs | read s | read CPU s | total s | total CPU s | peak MB | load"
    )
    for variant in ("rows", "columns"):
        command = [sys.executable, __file__, "--one", variant, str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(" | ".join(str(r[k]) for k in ("variant", "records", "pairs", "read_s",
              "read_cpu_s", "total_s", "total_cpu_s", "peak_mb", "load_average")))  # fmt: skip


if __name__ == "__main__":
    main()

"""Service directory benchmarks: HSDS import speed and search latency.

    .venv/bin/python benchmarks/directory/run.py import [--services 10000]
    .venv/bin/python benchmarks/directory/run.py search [--services 20000] [--queries 300]

The database is DATABASE_URL (default: a fresh SQLite file in a temporary folder); for
PostgreSQL give a database of its own, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_dir_bench (created if missing). The
directory tables are emptied first. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def setup_django() -> str:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            exists = connection.execute(
                "select 1 from pg_database where datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(f'create database "{name}"')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from caseweave.directory.models import HsdsRecord, ImportRun, OrganisationLink, ServiceIndex

    for model in (ServiceIndex, HsdsRecord, ImportRun, OrganisationLink):
        model.objects.all().delete()
    return "postgresql" if url.startswith("postgres") else "sqlite"


def write_dataset(count: int) -> Path:
    import synthetic

    path = Path(tempfile.mkdtemp()) / "services.json"
    path.write_text(json.dumps(synthetic.services(count)))
    return path


def bench_import(count: int) -> dict[str, object]:
    from caseweave.directory import actions

    actions.taxonomy_install_default(actor=None)
    path = write_dataset(count)
    start, cpu = time.perf_counter(), time.process_time()
    report = actions.directory_import(actor=None, source=str(path))
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    again = actions.directory_import(actor=None, source=str(path))
    second, second_cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "services": count,
        "records_created": sum(report["created"].values()),
        "rejected": len(report["rejected"]),
        "import_seconds": round(first, 1),
        "import_cpu_seconds": round(first_cpu, 1),
        "reimport_unchanged_seconds": round(second, 1),
        "reimport_cpu_seconds": round(second_cpu, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "reimport_changes": sum(again["created"].values()) + sum(again["updated"].values()),
    }


def bench_search(count: int, queries: int) -> dict[str, object]:
    from caseweave.directory import actions
    from caseweave.directory.selectors import ServiceQuery, service_search
    from caseweave.directory.taxonomy import open_eligibility_terms

    actions.taxonomy_install_default(actor=None)
    start = time.perf_counter()
    actions.directory_import(actor=None, source=str(write_dataset(count)))
    loaded = time.perf_counter() - start
    rng = random.Random(11)
    top_level = [
        t["code"]
        for t in open_eligibility_terms()
        if not t.get("parent_id") and int(t["code"]) < 20000
    ]
    base = datetime(2026, 11, 24, 15, tzinfo=UTC)
    timings: list[float] = []
    cpu_timings: list[float] = []
    results = []
    for _ in range(queries):
        query = ServiceQuery(
            needs=(rng.choice(top_level),),
            latitude=43.65 + rng.uniform(-0.3, 0.3),
            longitude=-79.38 + rng.uniform(-0.4, 0.4),
            radius_km=5,
            open_at=base + timedelta(hours=rng.randint(0, 167)),
        )
        start, cpu = time.perf_counter(), time.process_time()
        hits = service_search(actor=None, query=query)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu) * 1000)
        results.append(len(hits))
    timings.sort()
    cpu_timings.sort()
    return {
        "services": count,
        "load_seconds": round(loaded, 1),
        "queries": queries,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
        "cpu_p95_ms": round(cpu_timings[int(len(cpu_timings) * 0.95) - 1], 1),
        "load_average": round(os.getloadavg()[0], 1),
        "mean_results": round(statistics.mean(results), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["import", "search"])
    parser.add_argument("--services", type=int)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    database = setup_django()
    if args.what == "import":
        figures = bench_import(args.services or 10_000)
    else:
        figures = bench_search(args.services or 20_000, args.queries)
    print(json.dumps({"benchmark": args.what, "database": database, **figures}))


if __name__ == "__main__":
    main()

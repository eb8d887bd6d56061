"""Registration lookup latency: likely matches for one new registration, against a large
registry (demo people), as an outreach worker would trigger it from the form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_people_bench_1m \\
        .venv/bin/python benchmarks/people/registration_lookup.py --size 1000000 --queries 300

The database is DATABASE_URL (created if missing on PostgreSQL; default a SQLite file in a
temporary folder). A database already holding demo people is reused as it is (the seed adds
nothing to it), so give each size a database of its own; ``--fresh`` empties the people
first. Times ``registration_candidates`` (candidate retrieval, scoring, access split, audit
write) for queries built from registered people with typos and swapped dates, and
(``--new-share``, 20 %) for people not registered, who make the search look wider. Prints
p50/p95/p99, SQL statements per lookup, client CPU time, how often the person the query
was made from was found (and ranked first), and the load average. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time


def setup_django(fresh: bool) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
            found = server.execute("select 1 from pg_database where datname = %s", (name,))
            if not found.fetchone():
                server.execute(f'create database "{name}"')
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if fresh:
        from caseweave.people.models import Person

        Person.unguarded.all().delete()


def _percentiles(timings: list[float]) -> str:
    if not timings:
        return "-"
    ordered = sorted(timings)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (f"ms: p50 {pick(0.5):.1f}  p95 {pick(0.95):.1f}  p99 {pick(0.99):.1f}  "
            f"mean {statistics.mean(ordered):.1f}")  # fmt: skip


class StatementTimer:
    """``connection.execute_wrapper``: the wall time of every SQL statement of one lookup."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append(((time.perf_counter() - start) * 1000, sql, params))


def _kind(sql: str) -> str:
    """A short label for a statement of the lookup, to sum time by kind."""
    for marker, label in (("similarity(", "trigram"), ("people_personsearchkey", "keys"),
                          ("UNION ALL", "details"), ("audit", "audit"),
                          ("access_", "access"), ("people_person", "people")):  # fmt: skip
        if marker in sql:
            return label
    return "other"


def _report_tail(timings: list[float], timers: list[StatementTimer], share: float) -> None:
    slowest = sorted(range(len(timings)), key=timings.__getitem__, reverse=True)
    tail = slowest[: max(1, int(len(timings) * share))]
    by_kind: dict[str, list[float]] = {}
    for index in tail:
        for ms, sql, _ in timers[index].statements:
            by_kind.setdefault(_kind(sql), []).append(ms)
    total = sum(timings[index] for index in tail)
    each = total / len(tail)
    print(f"slowest {len(tail)} lookups: {each:.1f} ms each; SQL by kind (ms per lookup):")
    for kind, times in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        spent, most = sum(times) / len(tail), max(times)
        print(f"  {kind:9} {spent:6.1f}  ({len(times)} statements, max {most:.1f})")
    statements = [stmt for index in tail for stmt in timers[index].statements]
    for ms, sql, params in sorted(statements, key=lambda item: -item[0])[:5]:
        print(f"  {ms:6.1f} ms  {sql[:150]}  {str(params)[:120]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--fresh", action="store_true", help="delete the people and reseed")
    parser.add_argument(
        "--new-share", type=float, default=0.2, help="share of queries for unregistered people"
    )
    options = parser.parse_args()
    setup_django(options.fresh)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caseweave.access.actors import actor_for_membership
    from caseweave.core import demo as core_demo
    from caseweave.core.choices import Role
    from caseweave.people import demo as people_demo
    from caseweave.people.inputs import PersonInput
    from caseweave.people.models import Person
    from caseweave.people.selectors import registration_candidates

    core = core_demo.seed()
    started, cpu = time.perf_counter(), time.process_time()
    seeded = people_demo.seed(core, options.size, progress=True)
    print(f"registry: {seeded} in {time.perf_counter() - started:.1f} s "
          f"(CPU {time.process_time() - cpu:.1f} s, {connection.vendor}, "
          f"load {os.getloadavg()[0]:.2f})")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    actor = actor_for_membership(core.memberships[Role.OUTREACH_WORKER])
    rng = random.Random(7)
    sample = list(
        Person.objects.for_system("benchmark sample")
        .exclude(family_names="")
        .order_by("id")
        .values_list("id", "given_names", "family_names", "birth_date", "birth_date_precision")[
            :5000
        ]
    )
    drafts, sources = [], []
    for _ in range(options.queries):
        source, given, family, birth, precision = rng.choice(sample)
        if rng.random() < options.new_share:  # someone not registered: names of two people
            source, family = None, f"{rng.choice(sample)[2]}-{rng.choice(sample)[2]}"
        sources.append(source)
        if rng.random() < 0.3:
            family = family[:-1] + rng.choice("aeiou")  # a typo
        if birth and rng.random() < 0.3 and birth.day <= 12:
            birth = birth.replace(month=birth.day, day=birth.month)
        drafts.append(PersonInput(given_names=given, family_names=family, birth_date=birth,
                                  birth_date_precision=precision))  # fmt: skip
    registration_candidates(actor, drafts[0])  # warm caches (nickname table, model)
    timings, statements, timers = [], [], []
    found = first = 0
    load_before = os.getloadavg()[0]
    cpu = time.process_time()
    for data, source in zip(drafts, sources, strict=True):
        timer = StatementTimer()
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timer):
            start = time.perf_counter()
            hits = registration_candidates(actor, data)
            timings.append((time.perf_counter() - start) * 1000)
        timers.append(timer)
        statements.append(len(queries.captured_queries))
        ids = [hit.person_id for hit in hits]
        found += source in ids
        first += ids[:1] == [source]
    cpu_ms = (time.process_time() - cpu) * 1000 / len(drafts)
    registered = sum(source is not None for source in sources)
    print(f"queries: {len(timings)}, {registered} of registered people (typos, swapped dates): "
          f"the person was among the candidates in {found}, ranked first in {first}")  # fmt: skip
    print(f"all lookups      {_percentiles(timings)}  (client CPU {cpu_ms:.1f} ms/lookup)")
    print("unregistered     " + _percentiles(
        [ms for ms, source in zip(timings, sources, strict=True) if source is None]))  # fmt: skip
    print(f"SQL statements per lookup: min {min(statements)}  max {max(statements)}  "
          f"mean {statistics.mean(statements):.1f}")  # fmt: skip
    _report_tail(timings, timers, 0.1)
    print(f"load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())

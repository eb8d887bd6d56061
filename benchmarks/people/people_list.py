"""People list latency: pages of the people one outreach worker's organisation may see, by
name, against a registry already seeded by ``registration_lookup.py`` (demo people).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_lookup_bench1m \\
        .venv/bin/python benchmarks/people/people_list.py --deep 20000

Times ``selectors.person_list`` (the page statement, the position lookup for a later page,
the audit event) for the first page and for the page after the person at ``--deep``, and,
for comparison, the same order read by OFFSET. On PostgreSQL prints the page statement's
EXPLAIN ANALYZE execution time and its plan's top lines. Applies migrations first. Prints
the load average. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def _ms(run, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deep", type=int, default=20_000, help="position of the deep page")
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caseweave.access.actors import actor_for_membership
    from caseweave.access.types import Category
    from caseweave.core import demo as core_demo
    from caseweave.core.choices import Role
    from caseweave.people.models import Person
    from caseweave.people.selectors import person_list
    from caseweave.people.selectors.people_list import NAME_ORDER, PAGE_SIZE

    actor = actor_for_membership(core_demo.seed().memberships[Role.OUTREACH_WORKER])
    visible = Person.objects.for_actor(actor, Category.IDENTITY).filter(merged_into__isnull=True)
    ordered = visible.order_by(*NAME_ORDER)
    print(f"{connection.vendor}, {Person.objects.for_system('benchmark').count()} people, "
          f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
    after = ordered.values_list("id", flat=True)[options.deep - 1]
    for label, position in (("first page", None), (f"after position {options.deep}", after)):
        with CaptureQueriesContext(connection) as queries:
            page = person_list(actor, after=position)
        median, worst = _ms(lambda: person_list(actor, after=position), options.repeat)  # noqa: B023
        print(f"person_list {label:22} median {median:6.1f} ms  max {worst:6.1f} ms  "
              f"{len(queries)} statements, {len(page.people)} people")  # fmt: skip
        if connection.vendor == "postgresql":
            page_sql = max(queries.captured_queries, key=lambda q: len(q["sql"]))["sql"]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + page_sql)
                plan = [row[0] for row in cursor.fetchall()]
            print(f"  page statement: {plan[-1].strip()}; {plan[0].strip()[:110]}")
            print(f"    {plan[1].strip()[:130]}")
    for offset in (0, options.deep):
        median, worst = _ms(
            lambda: list(ordered[offset : offset + PAGE_SIZE]),  # noqa: B023
            max(3, options.repeat // 3),
        )
        print(f"OFFSET {offset:<8} (for comparison)   median {median:6.1f} ms  max {worst:6.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Registration lookup latency: likely matches for one new registration, against a large
registry (demo people), as an outreach worker would trigger it from the form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_people_bench \\
        .venv/bin/python benchmarks/people/registration_lookup.py --size 100000 --queries 300

Seeds the registry once (the demo seed; rerunning reuses it), then times
``registration_candidates`` (key lookup, scoring, access split, audit write) for queries
built from registered people with typos, nicknames and swapped dates. Prints p50/p95/p99.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from caseweave.access.actors import actor_for_membership
    from caseweave.core import demo as core_demo
    from caseweave.core.choices import Role
    from caseweave.people import demo as people_demo
    from caseweave.people.inputs import PersonInput
    from caseweave.people.models import Person
    from caseweave.people.selectors import registration_candidates

    call_command("migrate", verbosity=0)
    core = core_demo.seed()
    started = time.perf_counter()
    seeded = people_demo.seed(core, options.size, progress=True)
    print(f"registry: {seeded} in {time.perf_counter() - started:.1f} s "
          f"({connection.vendor})")  # fmt: skip
    actor = actor_for_membership(core.memberships[Role.OUTREACH_WORKER])
    rng = random.Random(7)
    sample = list(
        Person.objects.for_system("benchmark sample")
        .exclude(family_names="")
        .order_by("id")
        .values_list("given_names", "family_names", "birth_date", "birth_date_precision")[:5000]
    )
    timings = []
    found = 0
    for _ in range(options.queries):
        given, family, birth, precision = rng.choice(sample)
        if rng.random() < 0.3:
            family = family[:-1] + rng.choice("aeiou")  # a typo
        if birth and rng.random() < 0.3 and birth.day <= 12:
            birth = birth.replace(month=birth.day, day=birth.month)
        data = PersonInput(given_names=given, family_names=family, birth_date=birth,
                           birth_date_precision=precision)  # fmt: skip
        start = time.perf_counter()
        hits = registration_candidates(actor, data)
        timings.append((time.perf_counter() - start) * 1000)
        found += bool(hits)
    timings.sort()
    pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]  # noqa: E731
    print(f"queries: {len(timings)}, with at least one candidate: {found}")
    print(f"lookup ms: p50 {pick(0.5):.1f}  p95 {pick(0.95):.1f}  p99 {pick(0.99):.1f}  "
          f"mean {statistics.mean(timings):.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

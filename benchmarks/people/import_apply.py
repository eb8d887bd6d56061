"""Applying a client-list import: how long it takes and how long other writers wait for it.

    /usr/bin/time -v .venv/bin/python benchmarks/people/import_apply.py --registry 10000 --rows 2000

The database is DATABASE_URL (default a SQLite file in a temporary folder), seeded with the
demo district and ``--registry`` demo persons. The file has ``--rows`` synthetic rows: a
fifth are registered demo people again (same name and birth date), the rest new people, 50
of them given twice later in the file (the phone written differently, or the same row
again, which the check rejects). It is checked and applied (skipping the invalid rows) as
``caseweave people import`` does. Prints the check and the apply wall time, how long the
apply's write transaction lasted, and, on SQLite, the longest time another writer (a
thread taking the write lock every 50 ms) waited for it. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

GIVEN = "Ana Marko Ivana Tomasz Mei Omar Fatima Lukas Sofia Noah Amira Jonas Elif Mateo".split()
FAMILY = "Horvat Kovac Novak Zielinski Wong Haddad Mensah Larsen Rossi Silva Tanaka".split()


def setup_django(registry: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
    os.environ["CASEWEAVE_MEDIA_ROOT"] = tempfile.mkdtemp()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("cw_demo", size=str(registry), no_serve=True, verbosity=0)


def write_file(path: Path, rows: int) -> None:
    from caseweave.people.choices import DatePrecision
    from caseweave.people.models import Person

    random.seed(4)
    known = list(
        Person.objects.for_system("benchmark: import file from demo people")
        .filter(birth_date_precision=DatePrecision.EXACT, merged_into__isnull=True)
        .order_by("id")
        .values_list("given_names", "family_names", "birth_date")[: rows // 5]
    )
    table = [[f"K-{i}", g, f, str(b), ""] for i, (g, f, b) in enumerate(known)]
    for i in range(rows - len(table) - 50):
        given = random.choice(GIVEN) + random.choice(["", " " + random.choice(GIVEN)])
        family = random.choice(FAMILY) + f"{random.randint(1, 999)}"
        birth = (
            f"{random.randint(1940, 2005)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
        )
        phone = f"604 555 {random.randint(0, 9999):04d}" if random.random() < 0.5 else ""
        table.append([f"N-{i}", given, family, birth, phone])
    new = table[len(known) :]
    for i in range(50):
        again = new[i * 7 % len(new)]
        table.append([f"R-{i}", *again[1:4], again[4].replace("604 555 ", "(604) 555-")])
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["record_id", "given_names", "family_names", "birth_date", "phone"])
        out.writerows(table)


class LockProbe(threading.Thread):
    """Another SQLite writer: takes the write lock every 50 ms, keeps the longest wait."""

    def __init__(self, database: str) -> None:
        super().__init__(daemon=True)
        self.database, self.longest, self.running = database, 0.0, True

    def run(self) -> None:
        connection = sqlite3.connect(self.database, timeout=3600, isolation_level=None)
        while self.running:
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            self.longest = max(self.longest, time.perf_counter() - started)
            connection.execute("COMMIT")
            time.sleep(0.05)
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registry", type=int, default=10_000, help="demo persons to seed")
    parser.add_argument("--rows", type=int, default=2_000, help="rows in the imported file")
    args = parser.parse_args()
    setup_django(args.registry)
    from django.conf import settings
    from django.db import connection

    from caseweave.core.models import Organisation
    from caseweave.people.imports import actions, services

    path = Path(tempfile.mkdtemp()) / "clients.csv"
    write_file(path, args.rows)
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None
    source = actions.source_get_or_create(organisation_id=organisation.pk, name="Benchmark list")
    run = actions.run_create(actor=None, source=source, file_name=path.name,
                             chunks=[path.read_bytes()])  # fmt: skip
    actions.mapping_set(actor=None, run=run, mapping=run.mapping, check=False)
    started = time.perf_counter()
    run = services.run_check(run, actor=services.search_actor(run))
    checked = time.perf_counter() - started

    store, held = services._store, [0.0]

    def timed_store(*args: object, **kwargs: object) -> object:
        begun = time.perf_counter()
        try:
            return store(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            held[0] = time.perf_counter() - begun

    services._store = timed_store  # type: ignore[assignment]
    probe = None
    if connection.vendor == "sqlite":
        probe = LockProbe(str(settings.DATABASES["default"]["NAME"]))
        probe.start()
    started = time.perf_counter()
    run = services.run_apply(run, mode="skip_invalid")
    applied = time.perf_counter() - started
    if probe is not None:
        probe.running = False
        probe.join()
    counts = {key: value for key, value in run.counts.items() if value}
    print(f"database {connection.vendor}, registry {args.registry} demo persons, "
          f"{run.total} rows: {run.status}, {counts}")  # fmt: skip
    print(f"check (dry run)              {checked:7.1f} s")
    print(f"apply                        {applied:7.1f} s")
    print(f"apply's write transaction    {held[0]:7.1f} s")
    if probe is not None:
        print(f"another writer waited, max   {probe.longest:7.1f} s")
    print(f"load average {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Record editing and documents: how long one edit, one upload and one download take.

    .venv/bin/python benchmarks/people/records.py --edits 200 --uploads 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_records_bench \\
        .venv/bin/python benchmarks/people/records.py

The database is DATABASE_URL (created if missing on PostgreSQL; default a SQLite file in a
temporary folder); documents go to a temporary MEDIA_ROOT. Times, as a caseworker on the
care team: an identity edit under optimistic locking (access check, row lock, search keys
rebuilt, audit event), adding a contact method, uploading a 100 KB and a 10 MB PDF
(sniffing, default virus scanner, SHA-256, storage, audit), and opening one for download
(audited read). Prints p50/p95 wall time, client CPU per operation and the load average.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable


def setup_django() -> None:
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
    os.environ["CASEWEAVE_MEDIA_ROOT"] = tempfile.mkdtemp()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def measure(label: str, runs: int, operation: Callable[[int], object]) -> None:
    timings: list[float] = []
    cpu_start = time.process_time()
    for index in range(runs):
        started = time.perf_counter()
        operation(index)
        timings.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / runs
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"{label:<34} n={runs:<4} p50 {statistics.median(ordered):7.1f} ms  "
          f"p95 {p95:7.1f} ms  client CPU {cpu:6.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--uploads", type=int, default=10)
    args = parser.parse_args()
    setup_django()

    from caseweave.access.actors import actor_for_membership
    from caseweave.access.types import PersonId
    from caseweave.core.models import Membership, Organisation, User
    from caseweave.people.actions import person_register
    from caseweave.people.actions.documents import document_upload
    from caseweave.people.actions.person_details import contact_add
    from caseweave.people.actions.person_edit import person_update
    from caseweave.people.inputs import ContactInput, PersonInput
    from caseweave.people.models import Person
    from caseweave.people.selectors.records import document_open

    organisation = Organisation.objects.create(name="Records Bench", short_name="RB", kind="ngo")
    user = User.objects.create_user(
        f"records-{time.time_ns()}@example.test", "x" * 16, full_name="Records Bench"
    )
    membership = Membership.objects.create(user=user, organisation=organisation, role="caseworker")
    actor = actor_for_membership(membership)
    person = person_register(
        actor=actor, data=PersonInput(given_names="Bench", family_names="Person")
    )
    person_id = PersonId(person.id)

    def version() -> int:
        return int(
            Person.objects.for_system("benchmark")
            .values_list("version", flat=True)
            .get(pk=person.id)
        )

    def edit(index: int) -> object:
        return person_update(actor=actor, person_id=person_id, version=version(),
                             changes={"family_names": f"Person{index}"})  # fmt: skip

    def add_contact(index: int) -> object:
        contact = ContactInput(kind="mobile", value=f"604 555 {index:04d}")
        return contact_add(actor=actor, person_id=person_id, version=version(), contact=contact)

    def upload(size: int) -> Callable[[int], object]:
        content = b"%PDF-1.4\n" + os.urandom(size - 9)
        return lambda index: document_upload(
            actor=actor, person_id=person_id, type="id_card", file=io.BytesIO(content)
        )

    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    measure("identity edit", args.edits, edit)
    measure("contact method added", args.edits, add_contact)
    measure("upload 100 KB PDF", args.uploads, upload(100 * 1024))
    measure("upload 10 MB PDF", args.uploads, upload(10 * 1024 * 1024))
    document = document_upload(
        actor=actor, person_id=person_id, type="id_card", file=io.BytesIO(b"%PDF-1.4\n" * 1000)
    )

    def download(index: int) -> object:
        _document, handle = document_open(actor, person_id, document.pk)
        with handle:
            return handle.read()

    measure("download (audited read)", args.edits, download)
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())

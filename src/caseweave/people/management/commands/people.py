"""``caseweave people``: registry chores from the command line.

    caseweave people find-duplicates            queue likely duplicates for review now
    caseweave people dedupe FILE --out PAIRS.csv [--mapping MAP]
    caseweave people match FILE --out MATCHES.csv [--mapping MAP]
    caseweave people import FILE --source NAME [--organisation ORG] [--as EMAIL] [--dry-run]
                            [--mapping MAP] [--skip-invalid] [--encoding ENC]
    caseweave people purge-imports [--dry-run] [--enqueue]

``dedupe`` never touches the registry. ``match`` compares a file with the registry and
writes registry ids beside the file's ids; it is audited as a system export. ``import``
checks every row of an agency's client list against the registry and, unless ``--dry-run``,
stores it (see ``caseweave.people.imports``); the people it registers belong to the source's
organisation, and it is audited as a system import naming the run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseweave.access.types import Actor, Category
from caseweave.audit import recorder
from caseweave.people.actions.review import duplicates_find
from caseweave.people.imports.command import (
    add_import_arguments,
    add_purge_arguments,
    run_import,
    run_purge,
)
from caseweave.people.matching.files import FileError, dedupe_file, match_file
from caseweave.people.records import person_records


class Command(BaseCommand):
    help = (
        "People registry chores: find-duplicates, dedupe FILE, match FILE, import FILE, "
        "purge-imports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        commands.add_parser("find-duplicates", help="queue likely duplicates for review")
        for name, help_text in [
            ("dedupe", "pairs of likely duplicates within one CSV/XLSX file"),
            ("match", "likely matches between a CSV/XLSX file and the registry"),
        ]:
            sub = commands.add_parser(name, help=help_text)
            sub.add_argument("file")
            sub.add_argument("--out", required=True, help="CSV file to write the pairs to")
            sub.add_argument("--mapping", help="JSON or CSV: which column holds which field")
            sub.add_argument("--threshold", type=float, help="minimum match probability")
        add_import_arguments(
            commands.add_parser("import", help="import an agency's client list (CSV/XLSX)")
        )
        add_purge_arguments(
            commands.add_parser(
                "purge-imports", help="delete uploaded lists of imports past their retention"
            )
        )

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "find-duplicates":
            queued = duplicates_find(actor=Actor.system("caseweave people find-duplicates"))
            self.stdout.write(f"{queued} new pair(s) queued for review.")
            return
        if subcommand == "import":
            run_import(options, self.stdout.write)
            return
        if subcommand == "purge-imports":
            run_purge(options, self.stdout.write)
            return
        try:
            if subcommand == "dedupe":
                resolution = dedupe_file(
                    options["file"], options["out"], options["mapping"],
                    threshold=options["threshold"],
                )  # fmt: skip
            else:
                actor = Actor.system("caseweave people match (file against registry)")
                registry = person_records(actor.system_reason)
                resolution = match_file(
                    options["file"], registry, options["out"], options["mapping"],
                    threshold=options["threshold"],
                )  # fmt: skip
                recorder.record(
                    actor, "people.matched_file", action="export",
                    categories=[Category.IDENTITY], object_type="person",
                    payload={"pairs": len(resolution.pairs.probability)},
                )  # fmt: skip
        except FileError as error:
            raise CommandError(str(error)) from error
        pairs = len(resolution.pairs.probability)
        self.stdout.write(f"{pairs} pair(s) written to {options['out']}.")

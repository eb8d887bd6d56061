"""``caseweave directory import PATH_OR_URL [--dry-run]``, ``export DIR``, ``remind-stale``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from caseweave.access.types import Actor
from caseweave.directory import actions, exporting, tasks


class Command(BaseCommand):
    help = "Import or export the service directory as HSDS 3.1 (JSON or tabular CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        importer = sub.add_parser("import", help="import an HSDS file, folder, zip or API URL")
        importer.add_argument("source")
        importer.add_argument("--dry-run", action="store_true", help="report only, store nothing")
        importer.add_argument("--json", action="store_true", help="print the full report as JSON")
        exporter = sub.add_parser("export", help="export the directory into a folder")
        exporter.add_argument("folder")
        exporter.add_argument("--format", choices=["json", "csv"], default="json")
        exporter.add_argument(
            "--organization", help="only this directory organisation's part (HSDS id)"
        )

        reminder = sub.add_parser(
            "remind-stale", help="email organisations about listings not verified lately"
        )
        reminder.add_argument("--dry-run", action="store_true", help="list only, send nothing")
        reminder.add_argument(
            "--enqueue", action="store_true", help="queue the task for the worker instead"
        )

        sub.add_parser("reindex", help="rebuild the search index from the stored HSDS records")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "import":
            self._import(options)
        elif options["verb"] == "remind-stale":
            self._remind(options)
        elif options["verb"] == "reindex":
            rows = actions.directory_reindex()
            self.stdout.write(f"Rebuilt {rows} search index row(s)")
        else:
            written = exporting.export_to_folder(
                options["folder"],
                fmt=options["format"],
                organization_id=options.get("organization"),
            )
            self.stdout.write(f"Wrote {len(written)} file(s) to {options['folder']}")

    def _import(self, options: dict[str, Any]) -> None:
        bar = tqdm(
            total=0,
            unit="record",
            desc="checking",
            disable=options.get("verbosity", 1) < 1,
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        report = actions.directory_import(
            actor=None, source=options["source"], dry_run=options["dry_run"], progress=progress
        )
        bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._summary(report)
        if report["problems"] and not (
            report["created"] or report["updated"] or report["unchanged"]
        ):
            raise CommandError("nothing could be read from the source")

    def _summary(self, report: dict[str, Any]) -> None:
        verb = "Would create" if report["dry_run"] else "Created"
        self.stdout.write(f"{verb}: {sum(report['created'].values())} {report['created']}")
        verb = "Would update" if report["dry_run"] else "Updated"
        self.stdout.write(f"{verb}: {sum(report['updated'].values())} {report['updated']}")
        self.stdout.write(f"Unchanged: {report['unchanged']}")
        self.stdout.write(f"Rejected: {len(report['rejected'])}")
        for rejection in report["rejected"]:
            for reason in rejection["reasons"]:
                self.stdout.write(
                    f"  {rejection['where']}: {rejection['table']} {rejection['id']}: {reason}"
                )
        for problem in report["problems"]:
            self.stdout.write(f"  {problem['where']}: {problem['message']}")

    def _remind(self, options: dict[str, Any]) -> None:
        if options["enqueue"]:
            result = tasks.remind_stale_listings.enqueue()
            self.stdout.write(f"Queued stale-listing reminders as task {result.id}")
            return
        report = actions.stale_listings_remind(
            actor=Actor.system("caseweave directory remind-stale"), dry_run=options["dry_run"]
        )
        verb = "Would remind" if options["dry_run"] else "Reminded"
        for entry in report:
            note = "" if entry["recipients"] else " (nobody may edit its listings: not sent)"
            self.stdout.write(
                f"{verb} {entry['organisation']} (#{entry['organisation_id']}): "
                f"{entry['listings']} stale listing(s), {entry['recipients']} recipient(s){note}"
            )
        if not report:
            self.stdout.write("No stale listing is due a reminder.")

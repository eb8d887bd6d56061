"""``caseweave people import``: the command-line side of client-list imports.

The run is checked and applied in this process (no task queue), with a progress bar; the
same services as the staff pages do the work, so the rules and the audit are the same.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from tqdm import tqdm

from caseweave.access.types import Actor
from caseweave.core.models import Membership, Organisation
from caseweave.people.imports import actions, retention, services
from caseweave.people.imports.checking import Progress
from caseweave.people.imports.choices import ApplyMode, RowOutcome, RunStatus
from caseweave.people.imports.errors import ImportRefused
from caseweave.people.imports.models import ImportRun, ImportSource
from caseweave.people.matching.files import FileError, read_mapping

__all__ = ["add_import_arguments", "add_purge_arguments", "run_import", "run_purge"]

SHOWN_PROBLEMS = 50


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the client list: .csv or .xlsx")
    parser.add_argument("--source", required=True, help="the list's name, e.g. 'Eastside intake'")
    parser.add_argument(
        "--organisation", help="the organisation that owns the source (needed to create one)"
    )
    parser.add_argument(
        "--as",
        dest="as_email",
        help="e-mail of the staff member starting it (in that organisation)",
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report; store nothing")
    parser.add_argument("--mapping", help="JSON or CSV field,column (saved for the source)")
    parser.add_argument(
        "--skip-invalid", action="store_true", help="store the valid rows, report the others"
    )
    parser.add_argument("--encoding", default="", help="the CSV's encoding when not UTF-8")


def _source(options: dict[str, Any]) -> ImportSource:
    name = options["source"]
    organisation_name = options.get("organisation")
    if organisation_name:
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if organisation is None:
            raise CommandError(f"--organisation: no organisation named {organisation_name!r}")
        try:
            return actions.source_get_or_create(organisation_id=organisation.pk, name=name)
        except ImportRefused as error:
            raise CommandError(f"--source: {error}") from error
    found = list(ImportSource.objects.filter(name=name).select_related("organisation")[:2])
    if not found:
        raise CommandError(f"--source: no source named {name!r}; give --organisation to create it")
    if len(found) > 1:
        raise CommandError(f"--source: several organisations have a source {name!r}; "
                           "give --organisation")  # fmt: skip
    return found[0]


def _membership(options: dict[str, Any], source: ImportSource) -> Membership | None:
    email = options.get("as_email")
    if not email:
        return None
    membership = Membership.objects.filter(
        user__email__iexact=email, organisation_id=source.organisation_id, is_active=True
    ).first()
    if membership is None:
        raise CommandError(f"--as: {email!r} is not an active member of the source's organisation")
    return membership


def _bar(options: dict[str, Any], label: str) -> tuple[tqdm[Any], Progress]:
    bar: tqdm[Any] = tqdm(total=0, unit="row", desc=label, disable=options.get("verbosity", 1) < 1)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, progress


def _problems(run: ImportRun) -> list[str]:
    lines = [
        ", ".join(filter(None, [f"row {p['row']}" if p.get("row") else "",
                                f"column {p['column']!r}" if p.get("column") else ""]))
        + f": {p['message']}"
        for p in run.problems
    ]  # fmt: skip
    for row in run.rows.filter(outcome=RowOutcome.INVALID).order_by("row_number"):
        for problem in row.problems:
            where = f"row {row.row_number}"
            if problem["column"]:
                where += f", column {problem['column']!r}"
            lines.append(f"{where}: {problem['message']}")
    return lines


def _fail(run: ImportRun, headline: str) -> CommandError:
    lines = _problems(run)
    shown = "\n".join(f"  {line}" for line in lines[:SHOWN_PROBLEMS])
    more = f"\n  ... and {len(lines) - SHOWN_PROBLEMS} more" if len(lines) > SHOWN_PROBLEMS else ""
    return CommandError(f"{run.file_name}: {headline}\n{shown}{more}")


def run_import(options: dict[str, Any], write: Callable[[str], object]) -> ImportRun:
    """Check (and unless ``--dry-run``, apply) one file; raise ``CommandError`` listing every
    problem when the file is bad or rows are invalid and ``--skip-invalid`` is not given."""
    path = Path(options["file"])
    if not path.is_file():
        raise CommandError(f"{path}: file not found")
    source = _source(options)
    membership = _membership(options, source)
    run = actions.run_create(
        actor=None, source=source, file_name=path.name, chunks=[path.read_bytes()],
        encoding=options.get("encoding") or "",
    )  # fmt: skip
    if membership is not None:
        run.started_by = membership
        run.save(update_fields=["started_by"])
    if run.status == RunStatus.REFUSED:
        raise _fail(run, "the file cannot be read")
    mapping = run.mapping
    if options.get("mapping"):
        try:
            mapping = read_mapping(options["mapping"])
        except FileError as error:
            raise CommandError(str(error)) from error
    try:
        actions.mapping_set(actor=None, run=run, mapping=mapping, check=False)
    except ImportRefused as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)
        raise CommandError(f"{path}: the columns cannot be used\n{lines}") from error
    bar, progress = _bar(options, "checking")
    run = services.run_check(run, actor=services.search_actor(run), progress=progress)
    bar.close()
    if run.status == RunStatus.REFUSED:
        raise _fail(run, "the file cannot be used")
    counts = run.counts
    write(
        f"Run {run.pk}: {counts['new']} new, {counts['match']} match, "
        f"{counts['possible']} possible match, {counts['invalid']} invalid "
        f"of {run.total} row(s)."
    )
    mode = ApplyMode.SKIP_INVALID if options.get("skip_invalid") else ApplyMode.ALL_OR_NOTHING
    if counts["invalid"] and mode == ApplyMode.ALL_OR_NOTHING:
        verb = "would refuse" if options.get("dry_run") else "refused"
        raise _fail(run, f"{counts['invalid']} invalid row(s); the import {verb} them all "
                    "(fix them, or use --skip-invalid)")  # fmt: skip
    if options.get("dry_run"):
        for line in _problems(run):
            write(f"  {line}")
        write("Dry run: nothing was stored.")
        return run
    bar, progress = _bar(options, "storing")
    run = services.run_apply(run, mode=mode, progress=progress)
    bar.close()
    if run.status != RunStatus.DONE:
        raise _fail(run, run.error or "nothing was stored")
    counts = run.counts
    write(
        f"Stored: {counts['result_created']} registered, {counts['result_queued']} registered "
        f"and queued for duplicate review, {counts['result_attached']} matched (case number "
        f"added), {counts['result_unchanged']} already there, {counts['result_rejected']} "
        "rejected."
    )
    for line in _problems(run):
        write(f"  {line}")
    return run


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="list what would go; delete nothing")
    parser.add_argument(
        "--enqueue", action="store_true", help="queue the purge for the worker (for cron)"
    )


def run_purge(options: dict[str, Any], write: Callable[[str], object]) -> None:
    """Expire the runs past the retention now (or queue it, or list it with ``--dry-run``)."""
    if options.get("enqueue"):
        from caseweave.people.imports import tasks

        result = tasks.purge_expired_imports.enqueue()
        write(f"Queued the import retention purge as task {result.id}")
        return
    dry_run = bool(options.get("dry_run"))
    purged, orphans = retention.imports_purge(
        actor=Actor.system("caseweave people purge-imports"), dry_run=dry_run
    )
    verb = "Would expire" if dry_run else "Expired"
    for run in purged:
        what = "rejected rows of an applied run" if run.applied else "never applied"
        file_note = ", its file" if run.file_deleted else ""
        write(f"{verb} run {run.run_id} ({what}): "
              f"{run.rows_deleted} row(s){file_note}")  # fmt: skip
    if orphans:
        write(f"{'Would delete' if dry_run else 'Deleted'} {orphans} uploaded file(s) no run names")
    if not purged and not orphans:
        hours = retention.retention_hours()
        write(f"Nothing is older than the retention ({hours} hours).")

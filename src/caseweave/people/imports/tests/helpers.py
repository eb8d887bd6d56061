"""Building import runs from synthetic files in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from caseweave.access.types import Actor
from caseweave.people.imports import actions, services
from caseweave.people.imports.models import ImportRun

HEADER = "record_id,given_names,family_names,birth_date,ca_sin,phone\n"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def write(tmp_path: Path, text: str, name: str = "clients.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def upload(
    actor: Actor, path: Path, *, source: str = "Eastside Shelter intake export", **extra: Any
) -> ImportRun:
    assert actor.organisation_id is not None
    found = actions.source_get_or_create(organisation_id=actor.organisation_id, name=source)
    return actions.run_create(
        actor=actor, source=found, file_name=path.name, chunks=[path.read_bytes()], **extra
    )


def checked(actor: Actor, path: Path, **extra: Any) -> ImportRun:
    """Upload and run the dry-run check in this process (no task queue)."""
    run = upload(actor, path, **extra)
    actions.mapping_set(actor=actor, run=run, mapping=run.mapping, check=False)
    return services.run_check(run, actor=actor)


def problems_of(run: ImportRun) -> list[tuple[int, str, str]]:
    return [
        (row.row_number, problem["column"], problem["message"])
        for row in run.rows.order_by("row_number")
        for problem in row.problems
    ]

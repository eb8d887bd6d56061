"""API: importing another agency's client list (CSV/XLSX) into the people registry.

The same actions as the staff pages: upload (the dry-run check starts once the columns are
known), follow the check, read each row's outcome, then apply in a chosen mode. Runs belong
to the caller's organisation; another organisation's run is a 404. Needs the permission
``people.import_people``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput
from caseweave.api.pagination import Page, PageParams, page_of
from caseweave.api.scopes import Scope
from caseweave.people.imports import actions, selectors
from caseweave.people.imports.choices import ApplyMode, RowOutcome
from caseweave.people.imports.errors import ImportRefused
from caseweave.people.imports.models import ImportRow, ImportRun

router = Router(tags=["people"])

PERMISSION = "people.import_people"


class ProblemOut(Schema):
    row: int | None = Field(description="spreadsheet row (the header is row 1)")
    column: str
    message: str


class ImportRunOut(Schema):
    id: int
    source: str
    file_name: str
    status: str = Field(
        description="mapping, checking, checked, applying, done, refused, failed, or expired "
        "(never applied, and its file and rows deleted after the retention period)"
    )
    mode: str
    total: int
    processed: int = Field(description="rows checked or stored so far: the progress")
    counts: dict[str, int] = Field(
        description="rows per outcome (new, match, possible, invalid) and, once applied, per "
        "result (result_created, result_attached, result_queued, result_unchanged, "
        "result_rejected)"
    )
    header: list[str]
    mapping: dict[str, str] = Field(description="registry field -> column heading")
    problems: list[ProblemOut] = Field(description="why the file or its columns are unusable")
    error: str
    expired_at: dt.datetime | None = Field(
        description="when the retention period deleted the file and rows of a run never "
        "applied, or the rejected rows of an applied one; null until then"
    )


class RowProblemOut(Schema):
    column: str
    message: str


class ImportRowOut(Schema):
    row: int
    record_id: str
    outcome: str = Field(description="invalid, new, match or possible")
    result: str = Field(description="after the apply: created, attached, queued, unchanged, "
                        "rejected; empty before")  # fmt: skip
    problems: list[RowProblemOut]
    person_id: UUID | None = Field(
        description="the matched or created person; null when the caller may not see them"
    )
    limited: bool = Field(description="a person was matched whom the caller may not see")
    match_score: float | None
    match_reasons: list[str]


class MappingIn(Schema):
    mapping: dict[str, str] = Field(description="registry field -> column heading")


class ApplyIn(Schema):
    mode: ApplyMode


class RowParams(PageParams):
    outcome: RowOutcome | None = None


def _run_out(run: ImportRun) -> ImportRunOut:
    return ImportRunOut(
        id=run.pk, source=run.source.name, file_name=run.file_name, status=run.status,
        mode=run.mode, total=run.total, processed=run.processed, counts=run.counts,
        header=run.header, mapping=run.mapping,
        problems=[ProblemOut(**problem) for problem in run.problems], error=run.error,
        expired_at=run.expired_at,
    )  # fmt: skip


def _run(actor: Actor, run_id: int) -> ImportRun:
    try:
        return selectors.run_get(actor, run_id)
    except ImportRun.DoesNotExist:
        raise NotFound() from None


def _refused(error: ImportRefused, field: str) -> InvalidInput:
    return InvalidInput({field: [str(problem) for problem in error.problems]})


@router.post(
    "/people-imports",
    response={201: ImportRunOut},
    summary="Upload a client list (multipart/form-data) and start its dry-run check",
    description="`source` names the list (created for the caller's organisation if new). "
    "`mapping` (a JSON object, registry field -> column heading) is optional when the "
    "source's saved mapping or the headings cover the case number and a name; otherwise "
    "422 names what is missing and the run waits for `PUT /people-imports/{run_id}/mapping`. "
    "A file that cannot be read is 201 with status `refused` and its `problems` (line "
    "named). "
    "Scope `people:write`.",
)
def import_create(
    request: HttpRequest,
    file: File[UploadedFile],
    source: Form[str],
    encoding: Form[str] = "",
    mapping: Form[str] = "",
) -> Status[ImportRunOut]:
    actor = acting_actor(request, PERMISSION, Scope.PEOPLE_WRITE)
    if actor.organisation_id is None:
        raise NotFound()
    given: dict[str, Any] | None = None
    if mapping:
        try:
            given = json.loads(mapping)
        except json.JSONDecodeError as error:
            raise InvalidInput({"mapping": [f"not JSON: {error.msg}"]}) from error
        if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
            raise InvalidInput({"mapping": ["expected an object of field -> column heading"]})
    try:
        import_source = actions.source_get_or_create(
            organisation_id=actor.organisation_id, name=source
        )
        run = actions.run_create(
            actor=actor, source=import_source, file_name=file.name or "upload.csv",
            chunks=file.chunks(), encoding=encoding,
        )  # fmt: skip
    except ImportRefused as error:
        raise _refused(error, "file") from error
    if run.file_path:
        try:
            run = actions.mapping_set(actor=actor, run=run, mapping=given or run.mapping)
        except ImportRefused as error:
            raise _refused(error, "mapping") from error
    return Status(201, _run_out(run))


@router.get(
    "/people-imports/{run_id}",
    response=ImportRunOut,
    summary="An import's status, progress and counts",
    description="Poll while `status` is `checking` or `applying`. Scope `people:read`.",
)
def import_detail(request: HttpRequest, run_id: int) -> ImportRunOut:
    actor = acting_actor(request, PERMISSION, Scope.PEOPLE_READ)
    return _run_out(_run(actor, run_id))


@router.get(
    "/people-imports/{run_id}/rows",
    response=Page[ImportRowOut],
    summary="Each row's outcome: invalid (with row and column), new, match or possible",
    description="The preview before the apply, the result after. Matched people the caller "
    "may not see come back as `limited`, without an id. Scope `people:read`.",
)
def import_rows(request: HttpRequest, run_id: int, params: Query[RowParams]) -> dict[str, Any]:
    actor = acting_actor(request, PERMISSION, Scope.PEOPLE_READ)
    run = _run(actor, run_id)
    page = page_of(selectors.rows_of(run, outcome=params.outcome or ""), params, request)
    rows: list[ImportRow] = page["items"]
    visible = selectors.visible_people(actor, [row.person_id for row in rows])
    page["items"] = [
        ImportRowOut(
            row=row.row_number,
            record_id=row.record_id,
            outcome=row.outcome,
            result=row.result,
            problems=[RowProblemOut(**problem) for problem in row.problems],
            person_id=row.person_id if row.person_id in visible else None,
            limited=row.person_id is not None and row.person_id not in visible,
            match_score=row.match_score,
            match_reasons=row.match_reasons,
        )  # fmt: skip
        for row in rows
    ]
    return page


@router.put(
    "/people-imports/{run_id}/mapping",
    response=ImportRunOut,
    summary="Set the column mapping (saved for the source) and check the rows again",
    description="422 names every problem of the mapping. Scope `people:write`.",
)
def import_mapping(request: HttpRequest, run_id: int, payload: MappingIn) -> ImportRunOut:
    actor = acting_actor(request, PERMISSION, Scope.PEOPLE_WRITE)
    run = _run(actor, run_id)
    try:
        return _run_out(actions.mapping_set(actor=actor, run=run, mapping=payload.mapping))
    except ImportRefused as error:
        raise _refused(error, "mapping") from error


@router.post(
    "/people-imports/{run_id}/apply",
    response={202: ImportRunOut},
    summary="Apply a checked import: all_or_nothing or skip_invalid",
    description="Runs in the background; poll the import. All or nothing stores nothing "
    "when any row is invalid. 422 when the import is not checked (or already applied). "
    "Scope `people:write`.",
)
def import_apply(request: HttpRequest, run_id: int, payload: ApplyIn) -> Status[ImportRunOut]:
    actor = acting_actor(request, PERMISSION, Scope.PEOPLE_WRITE)
    run = _run(actor, run_id)
    try:
        run = actions.apply_start(actor=actor, run=run, mode=payload.mode)
    except ImportRefused as error:
        raise _refused(error, "mode") from error
    return Status(202, _run_out(run))

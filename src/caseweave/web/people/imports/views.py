"""Import pages: upload a client list, map its columns, preview, apply, follow progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.people.imports import actions, events, selectors
from caseweave.people.imports.choices import RowOutcome, RunStatus
from caseweave.people.imports.errors import ImportRefused
from caseweave.people.imports.models import ImportRow, ImportRun
from caseweave.people.imports.rejected import rejected_csv
from caseweave.people.models import Person
from caseweave.web.decorators import staff_view
from caseweave.web.people.imports.forms import ApplyForm, MappingForm, UploadForm

PERMISSION = "people.import_people"


@dataclass(frozen=True)
class RowEntry:
    """A preview row and its matched (or created) person, when the reader may see them."""

    row: ImportRow
    person: Person | None


ROWS_PER_PAGE = 50


def _run(actor: Actor, run_id: int) -> ImportRun:
    try:
        return selectors.run_get(actor, run_id)
    except ImportRun.DoesNotExist:
        raise Http404 from None


@staff_view(PERMISSION)
def import_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and actor.organisation_id is not None:
        upload = form.cleaned_data["file"]
        try:
            source = actions.source_get_or_create(
                organisation_id=actor.organisation_id, name=form.cleaned_data["source"]
            )
            run = actions.run_create(
                actor=actor, source=source, file_name=upload.name, chunks=upload.chunks(),
                encoding=form.cleaned_data["encoding"],
            )  # fmt: skip
        except ImportRefused as error:
            for problem in error.problems:
                form.add_error(problem.column if problem.column in form.fields else None,
                               problem.message)  # fmt: skip
        else:
            return redirect("web:people:people_imports:detail", run_id=run.pk)
    context = {
        "form": form,
        "sources": selectors.sources_for(actor),
        "runs": selectors.runs_for(actor).select_related("source")[:20],
    }
    return render(
        request, "web/people/imports/list.html", context, status=422 if form.errors else 200
    )


def _detail_context(request: HttpRequest, actor: Actor, run: ImportRun) -> dict[str, object]:
    outcome = request.GET.get("outcome", "")
    if outcome not in RowOutcome.values:
        outcome = ""
    page = Paginator(selectors.rows_of(run, outcome=outcome), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    people = selectors.visible_people(actor, [row.person_id for row in rows])
    return {
        "run": run,
        "page": page,
        "entries": [
            RowEntry(row, people.get(row.person_id) if row.person_id else None) for row in rows
        ],  # fmt: skip
        "outcome": outcome,
        "outcomes": RowOutcome.choices,
        "mapping_form": MappingForm(header=run.header, initial_mapping=run.mapping),
        "apply_form": ApplyForm(),
    }


@staff_view(PERMISSION)
def detail(request: HttpRequest, actor: Actor, run_id: int) -> HttpResponse:
    run = _run(actor, run_id)
    htmx = getattr(request, "htmx", False)
    template = "web/people/imports/_run.html" if htmx else "web/people/imports/detail.html"
    return render(request, template, _detail_context(request, actor, run))


@staff_view(PERMISSION)
@require_POST
def mapping(request: HttpRequest, actor: Actor, run_id: int) -> HttpResponse:
    run = _run(actor, run_id)
    form = MappingForm(request.POST, header=run.header, initial_mapping=run.mapping)
    if form.is_valid():
        try:
            actions.mapping_set(actor=actor, run=run, mapping=form.mapping())
        except ImportRefused as error:
            for problem in error.problems:
                form.add_error(None, str(problem))
        else:
            return redirect("web:people:people_imports:detail", run_id=run.pk)
    context = _detail_context(request, actor, run)
    context["mapping_form"] = form
    return render(request, "web/people/imports/detail.html", context, status=422)


@staff_view(PERMISSION)
@require_POST
def apply(request: HttpRequest, actor: Actor, run_id: int) -> HttpResponse:
    run = _run(actor, run_id)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, actor, run)
        context["apply_form"] = form
        return render(request, "web/people/imports/detail.html", context, status=422)
    try:
        actions.apply_start(actor=actor, run=run, mode=form.cleaned_data["mode"])
    except ImportRefused as error:
        messages.error(request, str(error))
    return redirect("web:people:people_imports:detail", run_id=run.pk)


@staff_view(PERMISSION)
def rejected(request: HttpRequest, actor: Actor, run_id: int) -> HttpResponse:
    run = _run(actor, run_id)
    if run.expired_at is not None:
        # Deleted by the retention purge: say so rather than serve an empty file.
        messages.error(request, _("The rejected rows of this import were deleted after the "
                                  "retention period."))  # fmt: skip
        return redirect("web:people:people_imports:detail", run_id=run.pk)
    if run.status not in {RunStatus.CHECKED, RunStatus.DONE, RunStatus.REFUSED}:
        raise Http404
    text, count = rejected_csv(run)
    recorder.record(
        actor, events.REJECTED_ROWS_DOWNLOADED, action="export",
        object_type="people_import_run", object_id=run.pk, payload={"rows": count},
    )  # fmt: skip
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-rejected.csv"'
    return response

"""Staff pages to import an HSDS dataset (upload or API URL) and follow its progress."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from caseweave.access.types import Actor
from caseweave.directory import actions
from caseweave.directory.models import ImportRun
from caseweave.web.decorators import staff_view

ACCEPTED = (".json", ".zip", ".csv")


class ImportForm(forms.Form):
    dataset = forms.FileField(
        label=_("HSDS file (JSON, CSV or a zip of the datapackage)"), required=False
    )
    url = forms.URLField(
        label=_("or the address of an HSDS API"), required=False, assume_scheme="https"
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: report only, store nothing"), required=False, initial=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, url = data.get("dataset"), data.get("url")
        if bool(upload) == bool(url):
            raise forms.ValidationError(_("Give either a file or an API address."))
        if upload and Path(upload.name).suffix.lower() not in ACCEPTED:
            self.add_error("dataset", _("Use a .json, .csv or .zip file."))
        return data


def _store(upload: Any) -> str:
    folder = Path(settings.MEDIA_ROOT) / "directory-imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return str(path)


@staff_view("directory.import_directory")
def import_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        source = form.cleaned_data["url"] or _store(form.cleaned_data["dataset"])
        run = actions.import_start(actor=actor, source=source, dry_run=form.cleaned_data["dry_run"])
        return redirect("web:directory:import_detail", run_id=run.pk)
    runs = ImportRun.objects.filter(started_by__organisation_id=actor.organisation_id or 0)[:20]
    return render(request, "web/directory/imports.html", {"form": form, "runs": runs})


@staff_view("directory.import_directory")
def import_detail(request: HttpRequest, actor: Actor, run_id: int) -> HttpResponse:
    run = get_object_or_404(
        ImportRun, pk=run_id, started_by__organisation_id=actor.organisation_id or 0
    )
    template = (
        "web/directory/_import_progress.html"
        if getattr(request, "htmx", False)
        else "web/directory/import_detail.html"
    )
    return render(request, template, {"run": run})

"""The steward's edit page of a service: one small form per HSDS row, each saved on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor
from caseweave.directory import actions, selectors
from caseweave.directory.editing import EDITABLE, REMOVABLE
from caseweave.directory.errors import InvalidListing, VersionConflict
from caseweave.web.directory.editforms import RecordForm, RulesForm, TermForm, record_form
from caseweave.web.directory.views import manager_view

SECTIONS = (
    ("schedule", gettext_lazy("Opening hours and closures")),
    ("phone", gettext_lazy("Phones")),
    ("location", gettext_lazy("Places")),
    ("address", gettext_lazy("Addresses of the places")),
    ("language", gettext_lazy("Languages spoken")),
    ("cost_option", gettext_lazy("Costs")),
    ("required_document", gettext_lazy("Documents to bring")),
    ("service_area", gettext_lazy("Service areas")),
)


@dataclass
class Item:
    record_id: str
    form: RecordForm
    title: str = ""


@dataclass
class Section:
    table: str
    title: str
    items: list[Item] = field(default_factory=list)
    new_form: RecordForm | None = None
    parents: list[tuple[str, str]] = field(default_factory=list)


def _records(actor: Actor, service_id: str) -> selectors.ListingRecords:
    if not selectors.listing_manageable(actor=actor, service_id=service_id):
        raise PermissionDenied
    records = selectors.listing_records(service_id=service_id)
    if records is None:
        raise Http404
    return records


def _page(
    request: HttpRequest,
    actor: Actor,
    service_id: str,
    bound: tuple[str, str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole edit page; ``bound`` (table, record id or "new", form) replaces one form."""
    records = _records(actor, service_id)

    def pick(table: str, key: str, default: Any) -> Any:
        if bound is not None and bound[0] == table and bound[1] == key:
            return bound[2]
        return default

    service = records.service
    service_form = pick(
        "service", service_id, record_form("service", service.data, service.version, "service")
    )
    names = {
        str(r.hsds_id): str(r.data.get("name") or _("Place")) for r in records.children["location"]
    }
    sections = []
    for table, title in SECTIONS:
        section = Section(table=table, title=str(title))
        for record in records.children[table]:
            key = str(record.hsds_id)
            form = pick(table, key, record_form(table, record.data, record.version, key))
            label = names.get(str(record.data.get("location_id")), "") if table == "address" else ""
            section.items.append(Item(record_id=key, form=form, title=label))
        if table == "address":
            section.parents = sorted(names.items(), key=lambda item: item[1])
            if section.parents:
                new_form = pick(
                    "address", "new", RecordForm("address", auto_id="id_new_address_%s")
                )
                new_form.fields["parent_id"].label = _("Place")
                new_form.fields["parent_id"].widget = forms.Select(choices=section.parents)
                section.new_form = new_form
        else:
            section.new_form = pick(table, "new", RecordForm(table, auto_id=f"id_new_{table}_%s"))
        sections.append(section)
    rows = selectors.service_facts(actor=actor, service_id=service_id)
    rules = (rows[0].eligibility or {}) if rows else {}
    rules_form = pick(
        "rules",
        "rules",
        RulesForm(
            initial={
                "eligible_genders": ", ".join(rules.get("genders") or []),
                "eligible_jurisdictions": ", ".join(rules.get("jurisdictions") or []),
                "eligible_household_types": ", ".join(rules.get("household_types") or []),
                "income_ceiling": rules.get("income_ceiling"),
            }
        ),
    )
    context = {
        "service": service,
        "service_form": service_form,
        "service_form_url": reverse(
            "web:directory:add_record", kwargs={"service_id": service_id, "table": "service"}
        ),
        "sections": sections,
        "terms": records.terms,
        "term_form": pick("attribute", "new", TermForm()),
        "rules_form": rules_form,
        "history": records.history,
    }
    return render(request, "web/directory/edit.html", context, status=status)


@manager_view
def edit(request: HttpRequest, actor: Actor, service_id: Any) -> HttpResponse:
    return _page(request, actor, str(service_id))


def _back(service_id: str, anchor: str) -> HttpResponse:
    url = reverse("web:directory:edit", kwargs={"service_id": service_id})
    return redirect(f"{url}#{anchor}")


@require_POST
@manager_view
def save_record(
    request: HttpRequest, actor: Actor, service_id: Any, table: str, record_id: Any = None
) -> HttpResponse:
    """Save one row (``record_id``) or add one (none); a 400 page names each bad field."""
    service_id = str(service_id)
    if table not in EDITABLE:
        raise Http404
    key = str(record_id) if record_id else ("new" if table != "service" else service_id)
    form = RecordForm(table, request.POST, auto_id=f"id_{key}_{table}_%s")
    if not form.is_valid():
        return _page(request, actor, service_id, (table, key, form), status=400)
    try:
        _record, changed = actions.listing_record_save(
            actor=actor,
            service_id=service_id,
            table=table,
            record_id=str(record_id) if record_id else None,
            parent_id=form.cleaned_data.get("parent_id") or None,
            values=form.values(),
            version=form.cleaned_data.get("version"),
        )
    except InvalidListing as error:
        for name, problems in error.errors.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
        return _page(request, actor, service_id, (table, key, form), status=400)
    except VersionConflict:
        form.add_error(
            None,
            _("Someone else changed this since you opened the page. Reload it and try again."),
        )
        return _page(request, actor, service_id, (table, key, form), status=409)
    messages.success(request, _("Saved.") if changed else _("Nothing changed."))
    return _back(service_id, table)


@require_POST
@manager_view
def remove_record(
    request: HttpRequest, actor: Actor, service_id: Any, table: str, record_id: Any
) -> HttpResponse:
    if table not in REMOVABLE:
        raise Http404
    version = request.POST.get("version")
    try:
        actions.listing_record_remove(
            actor=actor,
            service_id=str(service_id),
            table=table,
            record_id=str(record_id),
            version=int(version) if version and version.isdigit() else None,
        )
    except VersionConflict:
        messages.error(request, _("Someone else changed this since you opened the page."))
    else:
        messages.success(request, _("Removed."))
    return _back(str(service_id), "terms" if table == "attribute" else table)


@require_POST
@manager_view
def add_term(request: HttpRequest, actor: Actor, service_id: Any) -> HttpResponse:
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            actions.listing_term_add(
                actor=actor, service_id=str(service_id), term=form.cleaned_data["term"]
            )
        except InvalidListing as error:
            for problem in error.errors.get("term", []):
                form.add_error("term", problem)
        else:
            messages.success(request, _("Saved."))
            return _back(str(service_id), "terms")
    return _page(request, actor, str(service_id), ("attribute", "new", form), status=400)


@require_POST
@manager_view
def save_rules(request: HttpRequest, actor: Actor, service_id: Any) -> HttpResponse:
    form = RulesForm(request.POST)
    if form.is_valid():
        try:
            changed = actions.listing_update_readiness(
                actor=actor, service_id=str(service_id), values=form.values()
            )
        except InvalidListing as error:
            for name, problems in error.errors.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return _back(str(service_id), "rules")
    return _page(request, actor, str(service_id), ("rules", "rules", form), status=400)


__all__ = ["add_term", "edit", "remove_record", "save_record", "save_rules"]

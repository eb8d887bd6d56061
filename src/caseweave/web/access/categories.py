"""The data steward's page of configured sensitivity categories."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from caseweave.access import actions
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import ConfiguredCategory
from caseweave.access.types import Actor, Category
from caseweave.web.access.forms import ConfiguredCategoryForm, apply_errors
from caseweave.web.decorators import staff_view


@staff_view("access.manage_categories")
def category_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = ConfiguredCategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.configured_category_save(actor=actor, **form.cleaned_data)
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Category added."))
            return redirect("web:access:category_list")
    return render(
        request,
        "web/access/category_list.html",
        {
            "fixed": list(Category),
            "configured": ConfiguredCategory.objects.select_related("created_by__user"),
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )


@staff_view("access.manage_categories")
def category_edit(request: HttpRequest, actor: Actor, category_id: int) -> HttpResponse:
    category = ConfiguredCategory.objects.filter(pk=category_id).first()
    if category is None:
        raise NotFound()
    initial = {
        "slug": category.slug,
        "label": category.label,
        "description": category.description,
        "is_sensitive": category.is_sensitive,
        "record_types": category.record_types.strip(",").split(","),
        "is_active": category.is_active,
    }
    form = ConfiguredCategoryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"slug", "is_sensitive"}}
        try:
            actions.configured_category_save(actor=actor, category_id=category.pk, **data)
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:access:category_list")
    return render(
        request,
        "web/access/category_edit.html",
        {"category": category, "form": form},
        status=422 if request.method == "POST" else 200,
    )

"""Data steward pages: break-glass review queue, agreements, consent templates, reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access import actions, selectors
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import ConsentTemplate, DataSharingAgreement
from caseweave.access.types import Actor
from caseweave.web.access.forms import AgreementForm, ReviewForm, TemplateForm, apply_errors
from caseweave.web.decorators import staff_view


@staff_view("access.review_break_glass")
def review_queue(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "web/access/review_queue.html",
        {"grants": list(selectors.review_queue(actor, include_reviewed=True)[:200])},
    )


@staff_view("access.review_break_glass")
def review_detail(request: HttpRequest, actor: Actor, grant_id: int) -> HttpResponse:
    grant = selectors.review_queue(actor, include_reviewed=True).filter(pk=grant_id).first()
    if grant is None:
        raise NotFound()
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.break_glass_review(
                actor=actor,
                grant_id=grant.pk,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("web:access:review_queue")
    return render(
        request,
        "web/access/review_detail.html",
        {"grant": grant, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@staff_view("access.manage_agreements")
def agreement_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.agreement_record(
                actor=actor,
                title=data["title"],
                party_ids=[org.pk for org in data["parties"]],
                categories=data["categories"],
                purposes=data["purposes"],
                lawful_basis=data["lawful_basis"],
                lawful_basis_detail=data["lawful_basis_detail"],
            )
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect("web:access:agreement_list")
    agreements = DataSharingAgreement.objects.filter(
        parties=actor.organisation_id
    ).prefetch_related("parties")
    return render(
        request,
        "web/access/agreement_list.html",
        {"agreements": agreements, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@staff_view("access.manage_agreements")
@require_POST
def agreement_end(request: HttpRequest, actor: Actor, agreement_id: int) -> HttpResponse:
    actions.agreement_end(actor=actor, agreement_id=agreement_id)
    messages.success(request, _("Agreement ended."))
    return redirect("web:access:agreement_list")


@staff_view("access.manage_consent_templates")
def template_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.consent_template_save(actor=actor, **form.action_arguments())
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Template saved."))
            return redirect("web:access:template_list")
    templates = ConsentTemplate.objects.filter(organisation_id=actor.organisation_id or 0)
    return render(
        request,
        "web/access/template_list.html",
        {"templates": templates, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@staff_view("audit.view_access_reports")
def reports(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "web/access/reports.html",
        {
            "grants": list(selectors.review_queue(actor, include_reviewed=True)[:100]),
            "denials": selectors.denials(actor),
            "volumes": selectors.unusual_volumes(actor),
            "threshold": selectors.UNUSUAL_VOLUME_THRESHOLD,
        },
    )

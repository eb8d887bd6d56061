"""Consent pages: list, a person's consents, capture, withdraw, the person's receipt."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from caseweave.access import actions, gate, selectors
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import Consent, ConsentTemplate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.web.access.forms import (
    ConsentForm,
    TemplatePickForm,
    WithdrawForm,
    apply_errors,
)
from caseweave.web.decorators import staff_view


@staff_view("access.manage_consents")
def consent_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    consents = list(selectors.consent_list(actor)[:200])
    gate.record_list(
        actor,
        [PersonId(consent.person_id) for consent in consents],
        Category.IDENTITY,
        object_type="consent",
    )
    return render(request, "web/access/consent_list.html", {"consents": consents})


@staff_view("access.manage_consents")
def person_consents(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    gate.require(actor, PersonId(person_id), Category.IDENTITY, object_type="consent")
    return render(
        request,
        "web/access/person_consents.html",
        {"person_id": person_id, "consents": list(selectors.person_consents(PersonId(person_id)))},
    )


def _template_start(
    actor: Actor, picker: TemplatePickForm
) -> tuple[ConsentTemplate | None, dict[str, Any]]:
    """The chosen template and the consent form's initial values it proposes."""
    if not picker.is_valid() or picker.cleaned_data["template"] is None:
        return None, {}
    template: ConsentTemplate = picker.cleaned_data["template"]
    return template, ConsentForm.initial_from(selectors.consent_draft(actor, template.pk))


@staff_view("access.manage_consents")
def consent_create(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    """Choosing a template (HTMX, or the picker's own submit without JavaScript) pre-fills
    categories, purposes, recipients and validity; staff may change any of them."""
    if not gate.allows(actor, PersonId(person_id), Category.IDENTITY, Action.CREATE):
        gate.require(actor, PersonId(person_id), Category.IDENTITY, Action.CREATE)
    templates = selectors.consent_templates(actor)
    picker = TemplatePickForm(request.GET or None, templates=templates)
    template, initial = _template_start(actor, picker)
    form = ConsentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        chosen = request.POST.get("template", "")
        template = templates.filter(pk=chosen).first() if chosen.isdigit() else None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            consent = actions.consent_capture(
                actor=actor, person_id=PersonId(person_id), **form.action_arguments()
            )
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("web:access:consent_receipt", consent_id=consent.pk)
    if request.method == "POST":
        status = 422
    return render(
        request,
        "web/access/consent_form.html",
        {"form": form, "picker": picker, "template": template, "person_id": person_id},
        status=status,
    )


def _visible_consent(actor: Actor, consent_id: int, action: Action) -> Consent:
    consent = Consent.objects.filter(pk=consent_id).first()
    if consent is None:
        raise NotFound()
    gate.require(
        actor,
        PersonId(consent.person_id),
        Category.IDENTITY,
        action,
        object_type="consent",
        object_id=str(consent.pk),
    )
    return consent


@staff_view("access.manage_consents")
def consent_withdraw(request: HttpRequest, actor: Actor, consent_id: int) -> HttpResponse:
    consent = _visible_consent(actor, consent_id, Action.VIEW)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.consent_withdraw(
                actor=actor, consent_id=consent.pk, reason=form.cleaned_data["reason"]
            )
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Consent withdrawn. It no longer applies."))
            return redirect("web:access:person_consents", person_id=consent.person_id)
    return render(
        request,
        "web/access/consent_withdraw.html",
        {"form": form, "consent": consent},
        status=422 if request.method == "POST" else 200,
    )


@staff_view("access.manage_consents")
def consent_receipt(request: HttpRequest, actor: Actor, consent_id: int) -> HttpResponse:
    """A printable, plain-language receipt the person keeps."""
    consent = _visible_consent(actor, consent_id, Action.PRINT)
    return render(request, "web/access/consent_receipt.html", {"consent": consent})

"""People pages: search, the list by name, registration with likely matches first, the
person page, notes."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access import categories, gate
from caseweave.access.choices import RecordType
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.people import actions, selectors
from caseweave.people.actions.review import duplicate_decide
from caseweave.people.errors import InvalidPerson, PeopleError
from caseweave.people.models import PersonNote
from caseweave.people.selectors.person import NOTE_CATEGORIES, PersonProfile
from caseweave.web.decorators import staff_view
from caseweave.web.people.forms import NoteForm, RegistrationForm, SearchForm


@staff_view("people.view_people")
def search(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        hits = selectors.person_search(
            actor, selectors.SearchQuery.from_text(form.cleaned_data["q"])
        )
    template = "web/people/_results.html" if request.htmx else "web/people/search.html"  # type: ignore[attr-defined]  # django-htmx middleware
    return render(request, template, {"form": form, "hits": hits})


@staff_view("people.view_people")
def people_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The people the organisation may see, by name; ``?after=<id>`` is the next page."""
    try:
        after = UUID(request.GET["after"]) if request.GET.get("after") else None
    except ValueError:
        return HttpResponseBadRequest(_("“after” must be the id of a person."))
    page = selectors.person_list(actor, after=after)
    return render(request, "web/people/list.html", {"page": page, "first": after is None})


def _apply_problems(form: RegistrationForm, error: InvalidPerson) -> None:
    for field, problems in error.by_field().items():
        target = RegistrationForm.FIELD_FOR_PROBLEM.get(field, field)
        for problem in problems:
            form.add_error(target if target in form.fields else None, problem)


@staff_view("people.register_person")
def register(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Likely matches are shown before a new person is created; registering anyway takes
    a second, deliberate submit ("None of these: register a new person")."""
    if request.method != "POST":
        return render(request, "web/people/register.html", {"form": RegistrationForm()})
    form = RegistrationForm(request.POST)
    candidates = None
    if form.is_valid():
        data = form.to_input()
        if not form.cleaned_data["confirmed_new"]:
            candidates = selectors.registration_candidates(actor, data)
        if not candidates:
            try:
                person = actions.person_register(actor=actor, data=data)
            except InvalidPerson as error:
                _apply_problems(form, error)
            else:
                messages.success(request, _("Registered."))
                return redirect("web:people:detail", person_id=person.id)
    return render(
        request,
        "web/people/register.html",
        {"form": form, "candidates": candidates},
        status=200 if form.is_valid() else 422,
    )


@staff_view("people.register_person")
@require_POST
def register_check(request: HttpRequest, actor: Actor) -> HttpResponse:
    """HTMX: likely matches while the form is being filled in, before it is submitted."""
    form = RegistrationForm(request.POST)
    candidates = None
    if form.is_valid():
        data = form.to_input()
        if data.given_names or data.family_names or data.aliases or data.contacts:
            candidates = selectors.registration_candidates(actor, data)
    return render(request, "web/people/_candidates.html", {"candidates": candidates, "live": True})


def _shown_categories(
    profile: PersonProfile, note_sections: list[tuple[Category, list[PersonNote]]]
) -> list[Category]:
    """The categories of the person's data the page renders (identity and contact always)."""
    shown = [Category.IDENTITY]
    for category, section in (
        (Category.HOUSING, profile.residences),
        (Category.FAMILY, profile.households),
        (Category.DOCUMENTS, profile.documents),
    ):
        if section is not None:
            shown.append(category)
    shown.extend(category for category, _notes in note_sections)
    return shown


@staff_view("people.view_people")
def detail(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    profile = selectors.person_profile(actor, PersonId(person_id))
    if profile.person.merged_into_id is not None:
        return redirect("web:people:detail", person_id=profile.person.merged_into_id)
    writable = [
        category
        for category in [*NOTE_CATEGORIES, *categories.configured(record_type=RecordType.NOTE)]
        if gate.allows(actor, PersonId(person_id), category, Action.CREATE)
    ]
    # Empty sections other than case notes are left out to keep the page short.
    note_sections = [
        (category, notes)
        for category, notes in profile.notes.items()
        if notes or category == Category.CASE_NOTES
    ]
    gate.record_sections(
        actor,
        PersonId(person_id),
        _shown_categories(profile, note_sections),
        object_id=str(person_id),
    )
    return render(
        request,
        "web/people/detail.html",
        {
            "profile": profile,
            "person": profile.person,
            "note_sections": note_sections,
            "note_form": NoteForm(categories=writable) if writable else None,
        },
    )


@staff_view("people.view_people")
@require_POST
def note_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = NoteForm(request.POST, categories=categories.all_categories())
    if form.is_valid():
        try:
            actions.person_note_add(
                actor=actor,
                person_id=PersonId(person_id),
                category=Category(form.cleaned_data["category"]),
                text=form.cleaned_data["text"],
            )
        except InvalidPerson as error:
            for problem in error.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, _("Note added."))
    else:
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[field].label}: {message}")
    return redirect("web:people:detail", person_id=person_id)


@staff_view("people.review_duplicates")
def review_queue(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request, "web/people/review_queue.html", {"pairs": selectors.duplicate_queue(actor)}
    )


@staff_view("people.review_duplicates")
@require_POST
def review_decide(request: HttpRequest, actor: Actor, candidate_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    if decision not in {"same", "different"}:
        messages.error(request, _("Choose \u201csame person\u201d or \u201cnot the same\u201d."))
        return redirect("web:people:review_queue")
    try:
        duplicate_decide(actor=actor, candidate_id=candidate_id, same_person=decision == "same")
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("web:people:review_queue")

"""What the record pages share: turning domain errors into messages on the page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from caseweave.people.errors import InvalidPerson


def report_form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else str(message))


def report_problems(request: HttpRequest, error: InvalidPerson) -> None:
    for problem in error.problems:
        messages.error(
            request, f"{problem.field.replace('_', ' ').capitalize()}: {problem.message}"
        )


def apply_problems(form: forms.Form, error: InvalidPerson) -> None:
    """Put each problem on its form field, or above the form when no field matches."""
    for problem in error.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)

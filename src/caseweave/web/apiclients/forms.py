"""Forms of the API-client pages; the api module validates again and names every field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.core.models import Membership


class ActingMembershipField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user} — {obj.get_role_display()}"


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("What the integration is, e.g. “Shelter bed-board sync”."),
    )
    acting_membership = ActingMembershipField(
        label=_("Acts as"),
        queryset=Membership.objects.none(),
        help_text=_(
            "The integration sees and does what this staff member's role may, no more. "
            "Prefer a dedicated service account."
        ),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Grant only what the integration needs."),
    )

    def __init__(
        self, *args: Any, organisation_id: int, scope_labels: Mapping[Any, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        memberships = Membership.objects.filter(
            organisation_id=organisation_id, is_active=True
        ).select_related("user")
        self.fields["acting_membership"].queryset = memberships  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["scopes"].choices = [  # type: ignore[attr-defined]  # a MultipleChoiceField
            (str(scope), f"{scope} — {label}") for scope, label in scope_labels.items()
        ]


class TokenIssueForm(forms.Form):
    EXPIRY_CHOICES = [
        ("30", _("in 30 days")),
        ("90", _("in 90 days")),
        ("365", _("in a year")),
        ("never", _("never (not recommended)")),
    ]

    label = forms.CharField(
        label=_("Label"),
        max_length=120,
        required=False,
        help_text=_("Where the token will be used, e.g. “production server”."),
    )
    expires = forms.ChoiceField(label=_("Expires"), choices=EXPIRY_CHOICES, initial="90")


# The api module names fields by its own argument names.
FIELD_FOR = {"expires_at": "expires", "client": None}


def add_api_errors(form: forms.Form, errors: Mapping[str, list[str]]) -> None:
    for field, messages in errors.items():
        target = FIELD_FOR.get(field, field)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)

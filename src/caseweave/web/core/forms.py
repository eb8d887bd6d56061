"""Forms of the data steward's pages. They parse input; core.actions decide and store."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.core import selectors
from caseweave.core.choices import JurisdictionKind, OrganisationKind, Role, TeamKind
from caseweave.core.errors import CoreError, InvalidFields
from caseweave.core.models import Jurisdiction, Membership
from caseweave.core.models.organisation import BREAK_GLASS_MAX_HOURS, BREAK_GLASS_MIN_HOURS


def add_core_error(form: forms.Form, error: CoreError) -> None:
    """Show a domain error beside its field (or above the form when it names none)."""
    if isinstance(error, InvalidFields):
        for name, messages in error.errors.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
        return
    form.add_error(error.field if error.field in form.fields else None, error.message)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=40,
        required=False,
        help_text=_("Shown in menus and lists, for example “Police”."),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.order_by("name"), required=False
    )
    email = forms.EmailField(label=_("Contact email"), required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    break_glass_hours = forms.IntegerField(
        label=_("Emergency access lasts (hours)"),
        required=False,
        min_value=BREAK_GLASS_MIN_HOURS,
        max_value=BREAK_GLASS_MAX_HOURS,
        help_text=_(
            "How long break-glass access by this organisation's staff stays open, "
            "1 to 24 hours. Leave empty for the deployment's default."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("Needed only when this person has no Caseweave account yet."),
    )
    initial_password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Needed only for a new account: at least 12 characters. Give it to the person "
            "in private; they sign in with it and then set up their own."
        ),
    )


class JurisdictionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Code"), max_length=64, help_text=_("Lowercase letters, digits and hyphens.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=JurisdictionKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Part of"), queryset=Jurisdiction.objects.order_by("name"), required=False
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of team"), choices=TeamKind.choices)
    jurisdiction = forms.ModelChoiceField(
        label=_("Area"), queryset=Jurisdiction.objects.order_by("name"), required=False
    )


class MembershipChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} — {obj.get_role_display()}, {obj.organisation.name}"


class TeamMemberForm(forms.Form):
    membership = MembershipChoiceField(
        label=_("Staff member"), queryset=selectors.active_membership_choices()
    )
    is_lead = forms.BooleanField(label=_("Team lead"), required=False)

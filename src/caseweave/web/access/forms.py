"""Forms of the access pages. Validation that spans rows lives in access.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from caseweave.access import categories
from caseweave.access.choices import EvidenceKind, LawfulBasis, RecordType, ReviewOutcome
from caseweave.access.errors import AccessInputError
from caseweave.access.models import ConsentTemplate
from caseweave.access.selectors import ConsentDraft
from caseweave.access.types import Purpose
from caseweave.core.models import Organisation, Team

PURPOSE_CHOICES = [
    (Purpose.SERVICE_COORDINATION, _("Service coordination")),
    (Purpose.REFERRAL, _("Referral")),
    (Purpose.CASE_CONFERENCE, _("Case conference (multi-agency table)")),
    (Purpose.BENEFITS, _("Benefits")),
    (Purpose.RESEARCH, _("Research and statistics")),
]
# Action errors that belong to a field with another name on the form.
FIELD_ALIASES = {"recipients": "recipient_organisations", "template_id": "template"}


def apply_errors(form: forms.Form, error: AccessInputError) -> None:
    for field, messages in error.errors.items():
        target = FIELD_ALIASES.get(field, field)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


class TemplatePickForm(forms.Form):
    """Which template a new consent starts from (a GET form; HTMX swaps the consent form)."""

    template = forms.ModelChoiceField(
        label=_("Start from a template"),
        queryset=ConsentTemplate.objects.none(),
        required=False,
        empty_label=_("No template: choose everything below"),
    )

    def __init__(self, *args: Any, templates: QuerySet[ConsentTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)  # for mypy: declared just above
        field.queryset = templates


class ConsentForm(forms.Form):
    template = forms.IntegerField(widget=forms.HiddenInput, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Information to share"),
        choices=categories.choices,  # called per form: configured categories appear at once
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purposes = forms.MultipleChoiceField(
        label=_("For what"),
        choices=PURPOSE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    recipient_organisations = forms.ModelMultipleChoiceField(
        label=_("With these organisations"),
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    recipient_teams = forms.ModelMultipleChoiceField(
        label=_("With these teams or tables"),
        queryset=Team.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    to_care_team = forms.BooleanField(label=_("With the person's care team"), required=False)
    evidence_kind = forms.ChoiceField(
        label=_("How the person consented"),
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    evidence_scan = forms.FileField(
        label=_("Scan of the signed form (PDF, PNG or JPEG)"), required=False
    )
    witness_name = forms.CharField(label=_("Witness (verbal consent)"), required=False)
    valid_until = forms.DateTimeField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for no end date."),
    )

    def action_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "categories": data["categories"],
            "purposes": data["purposes"],
            "recipient_organisation_ids": [org.pk for org in data["recipient_organisations"]],
            "recipient_team_ids": [team.pk for team in data["recipient_teams"]],
            "to_care_team": data["to_care_team"],
            "evidence_kind": data["evidence_kind"],
            "evidence_scan": data["evidence_scan"],
            "witness_name": data["witness_name"],
            "valid_until": data["valid_until"],
            "template_id": data["template"],
        }

    @staticmethod
    def initial_from(draft: ConsentDraft) -> dict[str, Any]:
        return {
            "template": draft.template_id,
            "categories": draft.categories,
            "purposes": draft.purposes,
            "recipient_organisations": draft.recipient_organisation_ids,
            "recipient_teams": draft.recipient_team_ids,
            "to_care_team": draft.to_care_team,
            "valid_until": localdate(draft.valid_until),
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need emergency access?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Your data stewards are told at once and will review this."),
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False)
    parties = forms.ModelMultipleChoiceField(
        label=_("Other parties"),
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    categories = ConsentForm.base_fields["categories"]
    purposes = ConsentForm.base_fields["purposes"]
    lawful_basis = forms.ChoiceField(
        label=_("Lawful basis"), choices=[("", "—"), *LawfulBasis.choices], required=False
    )
    lawful_basis_detail = forms.CharField(label=_("Legal reference"), required=False)


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False)
    plain_language_text = forms.CharField(
        label=_("Plain-language text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    categories = ConsentForm.base_fields["categories"]
    purposes = ConsentForm.base_fields["purposes"]
    recipient_organisations = ConsentForm.base_fields["recipient_organisations"]
    recipient_teams = ConsentForm.base_fields["recipient_teams"]
    to_care_team = forms.BooleanField(label=_("Share with the care team"), required=False)
    default_months = forms.IntegerField(label=_("Valid for (months)"), initial=12)

    def action_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipient_organisation_ids"] = [o.pk for o in data.pop("recipient_organisations")]
        data["recipient_team_ids"] = [t.pk for t in data.pop("recipient_teams")]
        return data


class ReportFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Only events about"),
        choices=lambda: [("", _("All information")), *categories.choices(active_only=False)],
        required=False,
    )


class ConfiguredCategoryForm(forms.Form):
    slug = forms.CharField(
        label=_("Code"),
        max_length=32,
        required=False,
        help_text=_(
            "Stored with consents, notes and audit events, e.g. “immigration_status”. "
            "Cannot be changed later."
        ),
    )
    label = forms.CharField(label=_("Name"), max_length=80, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_sensitive = forms.BooleanField(
        label=_("Sensitive (needs consent, an agreement or break-glass to read)"),
        required=False,
        initial=True,
        help_text=_("Cannot be changed later."),
    )
    record_types = forms.MultipleChoiceField(
        label=_("Used by"),
        choices=RecordType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[RecordType.NOTE],
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["slug"].disabled = True
            self.fields["is_sensitive"].disabled = True

"""Forms of the record-editing pages. They parse input; the people actions validate it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.people.actions.person_details import OTHER_NAME_KINDS
from caseweave.people.choices import (
    ContactKind,
    DocumentType,
    IdentifierType,
    LivingSituation,
    NameKind,
    NameOrder,
    Relationship,
    Sex,
    VerificationMethod,
)
from caseweave.people.dates import parse_birth_date
from caseweave.people.models import Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class VersionForm(forms.Form):
    """Every change names the version of the record the editor saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class IdentityForm(VersionForm):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_names = forms.CharField(label=_("Family names"), max_length=200, required=False)
    name_order = forms.ChoiceField(label=_("Name is written"), choices=NameOrder.choices)
    preferred_name = forms.CharField(label=_("Preferred name"), max_length=200, required=False)
    birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=40,
        required=False,
        help_text=_("1987-03-12, 12.03.1987, 1987-03, 1987, or an estimated age such as ~40"),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    gender = forms.CharField(label=_("Gender (in their words)"), max_length=100, required=False)
    languages = forms.CharField(
        label=_("Languages"), max_length=400, required=False, help_text=_("Separate with commas.")
    )
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    is_deceased = forms.BooleanField(label=_("Deceased"), required=False)
    deceased_on = forms.DateField(label=_("Date of death"), required=False, widget=DATE_WIDGET)

    @classmethod
    def for_person(cls, person: Person) -> IdentityForm:
        birth = person.birth_date_display
        if birth.startswith("~") and person.birth_date is not None:
            birth = f"~{dt.date.today().year - person.birth_date.year}"
        return cls(
            initial={
                "version": person.version,
                "given_names": person.given_names,
                "family_names": person.family_names,
                "name_order": person.name_order,
                "preferred_name": person.preferred_name,
                "birth_date": birth,
                "sex": person.sex,
                "gender": person.gender,
                "languages": ", ".join(person.languages or []),
                "interpreter_needed": person.interpreter_needed,
                "is_deceased": person.is_deceased,
                "deceased_on": person.deceased_on,
            }
        )

    def clean_birth_date(self) -> tuple[dt.date | None, str]:
        try:
            return parse_birth_date(self.cleaned_data["birth_date"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def changes(self) -> dict[str, Any]:
        """The fields the editor changed (bind the form with ``initial`` from
        ``for_person``), so an untouched estimated age is not recomputed and saved."""
        data = self.cleaned_data
        birth_date, precision = data["birth_date"]
        languages = [part.strip() for part in data["languages"].split(",") if part.strip()]
        values = {
            "given_names": data["given_names"].strip(),
            "family_names": data["family_names"].strip(),
            "name_order": data["name_order"],
            "preferred_name": data["preferred_name"].strip(),
            "birth_date": birth_date,
            "birth_date_precision": precision,
            "sex": data["sex"],
            "gender": data["gender"].strip(),
            "languages": languages,
            "interpreter_needed": data["interpreter_needed"],
            "is_deceased": data["is_deceased"],
            "deceased_on": data["deceased_on"] if data["is_deceased"] else None,
        }
        changed = set(self.changed_data) if self.initial else set(values) | {"birth_date"}
        if "birth_date" in changed:
            changed.add("birth_date_precision")
        if "is_deceased" in changed:
            changed.add("deceased_on")
        return {name: value for name, value in values.items() if name in changed}


class OtherNameForm(VersionForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in OTHER_NAME_KINDS],
        initial=NameKind.STREET,
    )
    text = forms.CharField(label=_("Name"), max_length=200)


class ContactForm(VersionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    value = forms.CharField(label=_("Number or address"), max_length=200)
    consent_to_contact = forms.BooleanField(label=_("Agrees to be contacted"), required=False)
    safe_to_leave_message = forms.BooleanField(label=_("Safe to leave a message"), required=False)


class ContactFlagsForm(VersionForm):
    """What the person agreed to on one contact method, changed in place."""

    consent_to_contact = forms.BooleanField(label=_("Agrees to be contacted"), required=False)
    safe_to_leave_message = forms.BooleanField(label=_("Safe to leave a message"), required=False)


class IdentifierForm(VersionForm):
    type = forms.ChoiceField(label=_("Identifier type"), choices=IdentifierType.choices)
    value = forms.CharField(label=_("Number"), max_length=64)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=120,
        required=False,
        help_text=_("For agency case numbers: which agency."),
    )


class ResidenceForm(VersionForm):
    situation = forms.ChoiceField(label=_("Living situation"), choices=LivingSituation.choices)
    place_note = forms.CharField(label=_("Where (shelter, camp)"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    locality = forms.CharField(label=_("Town or city"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=16, required=False)
    started_on = forms.DateField(
        label=_("Since"), required=False, widget=DATE_WIDGET, help_text=_("Today if left empty.")
    )


class HouseholdCreateForm(forms.Form):
    relationship = forms.ChoiceField(
        label=_("Their role in the household"),
        choices=Relationship.choices,
        initial=Relationship.HEAD,
    )
    label = forms.CharField(
        label=_("Household name"),
        max_length=120,
        required=False,
        help_text=_("Optional, e.g. the family name."),
    )


class MemberAddForm(VersionForm):
    person_id = forms.UUIDField(widget=forms.HiddenInput)
    relationship = forms.ChoiceField(
        label=_("Relationship to the primary contact"), choices=Relationship.choices
    )
    joined_on = forms.DateField(label=_("Joined"), required=False, widget=DATE_WIDGET)


class MemberLeaveForm(VersionForm):
    left_on = forms.DateField(label=_("Left on"), required=False, widget=DATE_WIDGET)


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a person to add"), max_length=200, required=False)


class DocumentUploadForm(forms.Form):
    type = forms.ChoiceField(label=_("Document"), choices=DocumentType.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A photo or scan: PDF, JPEG, PNG, TIFF or HEIC."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/tiff,image/heic"}
        ),
    )
    issued_on = forms.DateField(label=_("Issued"), required=False, widget=DATE_WIDGET)
    expires_on = forms.DateField(label=_("Expires"), required=False, widget=DATE_WIDGET)
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DocumentVerifyForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How it was verified"),
        choices=[
            (method.value, method.label)
            for method in VerificationMethod
            if method != VerificationMethod.NOT_VERIFIED
        ],
    )

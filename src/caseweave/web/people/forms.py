"""Forms of the people pages. They parse input into ``PersonInput``; actions validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.access.types import Category
from caseweave.people.choices import (
    ContactKind,
    IdentifierType,
    LivingSituation,
    NameOrder,
    Sex,
)
from caseweave.people.dates import parse_birth_date
from caseweave.people.inputs import ContactInput, IdentifierInput, PersonInput, ResidenceInput

BLANK: list[tuple[str, str]] = [("", "—")]


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, date of birth or phone"),
        max_length=200,
        required=False,
        help_text=_("e.g. \u201cAco Petrovic 1987\u201d or \u201c604 555 0142\u201d"),
    )


class RegistrationForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_names = forms.CharField(label=_("Family names"), max_length=200, required=False)
    name_order = forms.ChoiceField(
        label=_("Name is written"), choices=NameOrder.choices, initial=NameOrder.GIVEN_FIRST
    )
    preferred_name = forms.CharField(label=_("Preferred name"), max_length=200, required=False)
    aliases = forms.CharField(
        label=_("Aliases or street names"),
        max_length=400,
        required=False,
        help_text=_("Separate several with commas."),
    )
    birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=40,
        required=False,
        help_text=_("1987-03-12, 12.03.1987, 1987-03, 1987, or an estimated age such as ~40"),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    gender = forms.CharField(label=_("Gender (in their words)"), max_length=100, required=False)
    languages = forms.CharField(
        label=_("Languages"), max_length=200, required=False, help_text=_("Separate with commas.")
    )
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    phone_consent = forms.BooleanField(label=_("Agrees to be contacted"), required=False)
    phone_safe = forms.BooleanField(label=_("Safe to leave a message"), required=False)
    identifier_type = forms.ChoiceField(
        label=_("Identifier type"), choices=BLANK + list(IdentifierType.choices), required=False
    )
    identifier_value = forms.CharField(label=_("Identifier number"), max_length=64, required=False)
    situation = forms.ChoiceField(
        label=_("Living situation"), choices=BLANK + list(LivingSituation.choices), required=False
    )
    place_note = forms.CharField(
        label=_("Where (shelter, camp, address)"), max_length=200, required=False
    )
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_birth_date(self) -> tuple[Any, str]:
        try:
            return parse_birth_date(self.cleaned_data["birth_date"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("identifier_type")) != bool(data.get("identifier_value", "").strip()):
            self.add_error("identifier_value", _("Give both the identifier type and number."))
        return data

    def to_input(self) -> PersonInput:
        data = self.cleaned_data
        birth_date, precision = data["birth_date"]
        identifiers: tuple[IdentifierInput, ...] = ()
        if data["identifier_type"]:
            identifiers = (IdentifierInput(data["identifier_type"], data["identifier_value"]),)
        contacts: tuple[ContactInput, ...] = ()
        if data["phone"].strip():
            contacts = (
                ContactInput(
                    ContactKind.MOBILE,
                    data["phone"],
                    consent_to_contact=data["phone_consent"],
                    safe_to_leave_message=data["phone_safe"],
                ),
            )
        residence = None
        if data["situation"]:
            residence = ResidenceInput(data["situation"], place_note=data["place_note"])
        return PersonInput(
            given_names=data["given_names"],
            family_names=data["family_names"],
            name_order=data["name_order"],
            preferred_name=data["preferred_name"],
            aliases=_split(data["aliases"]),
            birth_date=birth_date,
            birth_date_precision=precision,
            sex=data["sex"],
            gender=data["gender"],
            languages=_split(data["languages"]),
            interpreter_needed=data["interpreter_needed"],
            identifiers=identifiers,
            contacts=contacts,
            residence=residence,
        )

    # Where an action's problem (field name or "identifiers[0]") shows on this form.
    FIELD_FOR_PROBLEM = {
        "identifiers[0]": "identifier_value",
        "contacts[0]": "phone",
        "residence": "situation",
    }


class NoteForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, categories: list[Category], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.value, c.label) for c in categories]

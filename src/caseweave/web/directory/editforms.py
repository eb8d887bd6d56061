"""Forms a steward edits a service's HSDS rows with, one small form per row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.directory import readiness
from caseweave.directory.editing import EDITABLE

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

TEXT = forms.Textarea(attrs={"rows": 3})
Label: TypeAlias = "str | _StrPromise"


def _text(label: Label, required: bool = False, long: bool = False) -> forms.Field:
    return forms.CharField(label=label, required=required, widget=TEXT if long else None)


def _number(label: Label) -> forms.Field:
    return forms.FloatField(label=label, required=False)


def _choice(label: Label, choices: list[tuple[str, Label]], required: bool = False) -> forms.Field:
    return forms.ChoiceField(label=label, required=required, choices=[("", "—"), *choices])


def _time(label: Label) -> forms.Field:
    return forms.CharField(
        label=label, required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )


def _date(label: Label) -> forms.Field:
    return forms.CharField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _fields(table: str) -> dict[str, forms.Field]:
    """Form fields per HSDS column. Checking is the action's: it names each bad field."""
    by_table: dict[str, dict[str, forms.Field]] = {
        "service": {
            "name": _text(_("Name"), required=True),
            "alternate_name": _text(_("Other name")),
            "description": _text(_("Description"), long=True),
            "status": _choice(
                _("Status"),
                [
                    ("active", _("Active")),
                    ("inactive", _("Inactive")),
                    ("temporarily closed", _("Temporarily closed")),
                    ("defunct", _("Closed for good")),
                ],
                required=True,
            ),
            "url": _text(_("Web address")),
            "email": _text(_("Email")),
            "fees_description": _text(_("Fees"), long=True),
            "eligibility_description": _text(_("Who it is for"), long=True),
            "application_process": _text(_("How to apply"), long=True),
            "minimum_age": _number(_("Minimum age")),
            "maximum_age": _number(_("Maximum age")),
        },
        "phone": {
            "number": _text(_("Number"), required=True),
            "extension": _number(_("Extension")),
            "type": _choice(
                _("Kind"),
                [("voice", _("Voice")), ("text", _("Text")), ("fax", _("Fax"))],
            ),
            "description": _text(_("Note")),
        },
        "schedule": {
            "description": _text(_("Description (e.g. Closed for the holiday)")),
            "freq": _choice(_("Repeats"), [("WEEKLY", _("Weekly")), ("MONTHLY", _("Monthly"))]),
            "byday": _text(_("Days (MO,TU… or 1MO for the first Monday)")),
            "bymonthday": _text(_("Days of the month (1,15)")),
            "interval": _number(_("Every (weeks or months)")),
            "opens_at": _time(_("Opens at")),
            "closes_at": _time(_("Closes at")),
            "valid_from": _date(_("From")),
            "valid_to": _date(_("Until")),
        },
        "location": {
            "name": _text(_("Name")),
            "description": _text(_("Description"), long=True),
            "latitude": _number(_("Latitude")),
            "longitude": _number(_("Longitude")),
        },
        "address": {
            "address_1": _text(_("Street address"), required=True),
            "address_2": _text(_("Address line 2")),
            "city": _text(_("City"), required=True),
            "state_province": _text(_("State or province"), required=True),
            "postal_code": _text(_("Postal code"), required=True),
            "country": _text(_("Country (two letters)"), required=True),
        },
        "language": {
            "code": _text(_("Language code (e.g. fr)")),
            "name": _text(_("Language name")),
            "note": _text(_("Note")),
        },
        "cost_option": {
            "option": _text(_("What it costs for")),
            "amount": _number(_("Amount")),
            "currency": _text(_("Currency (e.g. EUR)")),
            "amount_description": _text(_("Note")),
        },
        "required_document": {
            "document": _text(_("Document"), required=True),
            "uri": _text(_("Link to the form")),
        },
        "service_area": {
            "name": _text(_("Name")),
            "description": _text(_("Description")),
            "extent_type": _choice(
                _("Area given as"),
                [
                    ("text", _("Postal codes (comma separated; M5V* for a prefix)")),
                    ("geojson", _("GeoJSON polygon")),
                ],
            ),
            "extent": _text(_("Area"), long=True),
        },
    }
    return by_table[table]


class RecordForm(forms.Form):
    """The editable columns of one HSDS row, plus the version the editor loaded."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, table: str, *args: Any, **kwargs: Any) -> None:
        self.table = table
        super().__init__(*args, **kwargs)
        for name, field in _fields(table).items():
            field.required = False  # the action names missing required fields
            self.fields[name] = field
        if table == "address":
            self.fields["parent_id"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def values(self) -> dict[str, Any]:
        """Every editable column, blank ones as empty strings so they can be cleared."""
        return {
            name: ("" if self.cleaned_data.get(name) is None else self.cleaned_data[name])
            for name in EDITABLE[self.table]
        }


def record_form(table: str, data: dict[str, Any], version: int, key: str) -> RecordForm:
    """An unbound form for one stored row; ``key`` keeps its element ids apart from others'."""
    initial = {name: data.get(name) for name in EDITABLE[table]}
    initial["version"] = version
    if table == "address":
        initial["parent_id"] = data.get("location_id")
    return RecordForm(table, initial=initial, auto_id=f"id_{key}_{table}_%s")


class TermForm(forms.Form):
    term = forms.CharField(label=_("Taxonomy term code or id (e.g. 1102)"), max_length=64)


class RulesForm(forms.Form):
    """Machine-checkable eligibility kept as readiness attributes."""

    eligible_genders = forms.CharField(
        label=_("Genders served (comma separated; blank for all)"), required=False
    )
    eligible_jurisdictions = forms.CharField(
        label=_("Residency: jurisdiction codes (comma separated)"), required=False
    )
    eligible_household_types = forms.CharField(
        label=_("Household types (comma separated)"), required=False
    )
    income_ceiling = forms.FloatField(
        label=_("Yearly household income ceiling"), required=False, min_value=0
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        ceiling = data.get("income_ceiling")
        return {
            readiness.GENDERS: _list(data.get("eligible_genders")),
            readiness.JURISDICTIONS: _list(data.get("eligible_jurisdictions")),
            readiness.HOUSEHOLD_TYPES: _list(data.get("eligible_household_types")),
            readiness.INCOME_CEILING: "" if ceiling is None else f"{ceiling:g}",
        }


def _list(text: str | None) -> str:
    return ",".join(part.strip().lower() for part in (text or "").split(",") if part.strip())

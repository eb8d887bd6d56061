"""Forms of the directory pages: search, and a listing's referral readiness."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.directory import readiness
from caseweave.directory.selectors import need_choices


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    need = forms.ChoiceField(label=_("Need"), required=False)
    postcode = forms.CharField(label=_("Near postal code"), required=False, max_length=20)
    site = forms.UUIDField(label=_("Near site"), required=False, widget=forms.HiddenInput)
    person = forms.UUIDField(label=_("Near this person"), required=False, widget=forms.HiddenInput)
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    radius_km = forms.FloatField(
        label=_("Within (km)"), required=False, min_value=0.1, max_value=500, initial=10
    )
    language = forms.CharField(
        label=_("Language spoken (code, e.g. fr)"), required=False, max_length=20
    )
    age = forms.IntegerField(
        label=_("Age of the person"), required=False, min_value=0, max_value=120
    )
    jurisdiction = forms.CharField(label=_("Lives in"), required=False, max_length=100)
    home_postcode = forms.CharField(
        label=_("Lives at postal code (service area)"), required=False, max_length=20
    )
    household_type = forms.CharField(label=_("Household type"), required=False, max_length=50)
    accessible = forms.BooleanField(label=_("Accessible location"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    accepting = forms.BooleanField(label=_("Accepting referrals"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("Any need")))]
        need_field = self.fields["need"]
        assert isinstance(need_field, forms.ChoiceField)
        need_field.choices = choices + need_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", _("Give both latitude and longitude."))
        origin = data.get("postcode") or data.get("site") or data.get("person")
        if data.get("radius_km") and not (has_point or origin):
            data["radius_km"] = None
        return data


class ReadinessForm(forms.Form):
    accepting_referrals = forms.ChoiceField(
        label=_("Accepting referrals"), choices=[("yes", _("Yes")), ("paused", _("Paused"))]
    )
    slots_available = forms.IntegerField(label=_("Places free now"), required=False, min_value=0)
    waitlist_length = forms.IntegerField(
        label=_("People on the waiting list"), required=False, min_value=0
    )
    expected_wait_days = forms.IntegerField(
        label=_("Expected wait (days)"), required=False, min_value=0
    )
    intake_method = forms.ChoiceField(
        label=_("How referrals arrive"),
        required=False,
        choices=[
            ("", "—"),
            ("platform", _("On Caseweave")),
            ("email", _("Email")),
            ("phone", _("Phone")),
        ],
    )
    visibility = forms.ChoiceField(
        label=_("Who can find it"),
        choices=[("public", _("Everyone")), ("internal", _("Staff only"))],
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            readiness.ACCEPTING: data["accepting_referrals"],
            readiness.INTAKE_METHOD: data.get("intake_method") or "",
            readiness.VISIBILITY: data["visibility"],
            "slots_available": data.get("slots_available"),
        }
        for code in (readiness.WAITLIST, readiness.EXPECTED_WAIT_DAYS):
            if data.get(code) is not None:
                values[code] = data[code]
        return values

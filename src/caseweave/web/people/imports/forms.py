"""Forms of the import pages: upload, column mapping, apply mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from caseweave.people.imports.actions import ACCEPTED_SUFFIXES
from caseweave.people.imports.choices import ApplyMode
from caseweave.people.imports.fields import FIELD_LABELS, IMPORT_FIELDS
from caseweave.people.imports.readers import ENCODINGS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    source = forms.CharField(
        label=_("Source"),
        max_length=120,
        help_text=_(
            "Whose list is it? e.g. “Eastside Shelter intake export”. Its column "
            "mapping is remembered for next time."
        ),  # fmt: skip
        widget=forms.TextInput(attrs={"list": "import-sources", "autocomplete": "off"}),
    )
    file = forms.FileField(label=_("Client list (CSV or XLSX)"))
    encoding = forms.ChoiceField(
        label=_("Text encoding (CSV only)"),
        required=False,
        choices=[("", _("UTF-8 (or detect from a byte-order mark)"))]
        + [(name, name) for name in ENCODINGS if name != "utf-8"],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(_("Use a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        return upload


class MappingForm(forms.Form):
    """One select per registry field, offering the file's headings."""

    def __init__(self, *args: Any, header: list[str], initial_mapping: dict[str, str],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(column, column) for column in header]
        for field in IMPORT_FIELDS:
            self.fields[field] = forms.ChoiceField(
                label=FIELD_LABELS.get(field, field),
                choices=choices,
                required=False,
                initial=initial_mapping.get(field, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {field: column for field, column in self.cleaned_data.items() if column}


class ApplyForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How to store it"),
        choices=ApplyMode.choices,
        initial=ApplyMode.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )

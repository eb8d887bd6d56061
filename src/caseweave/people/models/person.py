from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.access.types import Category
from caseweave.people.choices import DatePrecision, NameOrder, Sex


class Person(PersonDataModel):
    """One human being served by one or more agencies.

    The legal name is kept as given and family parts plus the order they are written in,
    because "Wong Mei Ling", "Imran bin Yusof" and a single name all occur. A person
    merged into another keeps this row (``merged_into``) so the merge can be undone.
    """

    access_category: ClassVar[Category] = Category.IDENTITY
    person_field: ClassVar[str] = "id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_names = models.CharField(_("family names"), max_length=200, blank=True)
    name_order = models.CharField(
        _("name order"), max_length=16, choices=NameOrder.choices, default=NameOrder.GIVEN_FIRST
    )
    preferred_name = models.CharField(_("preferred name"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("date of birth is"),
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(_("gender (self-described)"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    photo = models.FileField(_("photo"), upload_to="people/photos/%Y/", blank=True)
    is_deceased = models.BooleanField(_("deceased"), default=False)
    deceased_on = models.DateField(_("date of death"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        help_text=_("Set while this record is merged into another person; cleared on unmerge."),
    )
    registered_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="people_person_not_self_merged",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def legal_name(self) -> str:
        parts = [self.given_names, self.family_names]
        if self.name_order == NameOrder.FAMILY_FIRST:
            parts.reverse()
        return " ".join(part for part in parts if part).strip()

    @property
    def display_name(self) -> str:
        legal = self.legal_name
        if self.preferred_name and self.preferred_name not in legal:
            return f"{legal} ({self.preferred_name})" if legal else self.preferred_name
        return legal or str(_("Unnamed person"))

    @property
    def birth_date_display(self) -> str:
        if self.birth_date is None or self.birth_date_precision == DatePrecision.UNKNOWN:
            return ""
        if self.birth_date_precision == DatePrecision.EXACT:
            return self.birth_date.isoformat()
        if self.birth_date_precision == DatePrecision.MONTH:
            return self.birth_date.strftime("%Y-%m")
        if self.birth_date_precision == DatePrecision.ESTIMATED:
            return f"~{self.birth_date.year}"
        return str(self.birth_date.year)

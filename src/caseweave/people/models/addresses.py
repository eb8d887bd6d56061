from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.access.types import Category
from caseweave.people.choices import LivingSituation


class Residence(PersonDataModel):
    """Where and how a person lived over a period (an address is optional: camp, no fixed
    address). The current one has no ``ended_on``; moving ends the old row."""

    access_category: ClassVar[Category] = Category.HOUSING

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="residences")
    situation = models.CharField(_("living situation"), max_length=24, choices=LivingSituation)
    address = models.CharField(_("address"), max_length=300, blank=True)
    locality = models.CharField(_("town or city"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    place_note = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. shelter name, camp location")
    )
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("living situation")
        verbose_name_plural = _("living situations")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.get_situation_display()

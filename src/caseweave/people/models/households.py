from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.access.types import Category
from caseweave.people.choices import Relationship


class Household(models.Model):
    """A group of people living or applying together. Holds no personal data itself:
    who belongs to it is in ``HouseholdMember`` rows, read through the access policy."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(_("label"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.label or str(self.id)


class HouseholdMember(PersonDataModel):
    """A person's membership of a household over time: leaving ends the row (``left_on``)."""

    access_category: ClassVar[Category] = Category.FAMILY

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="household_memberships"
    )
    relationship = models.CharField(_("relationship"), max_length=24, choices=Relationship)
    is_primary_contact = models.BooleanField(_("primary contact"), default=False)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return self.get_relationship_display()

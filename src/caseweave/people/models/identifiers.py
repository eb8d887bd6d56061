from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.people.choices import IdentifierType


class PersonIdentifier(PersonDataModel):
    """An identifier issued to the person, unique per type among current rows.

    ``issuer`` tells agency case numbers apart (two agencies may both use "1042").
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="identifiers"
    )
    type = models.CharField(_("type"), max_length=24, choices=IdentifierType.choices)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    value = models.CharField(_("number"), max_length=64)
    normalised = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["type", "issuer", "normalised"],
                condition=Q(ended_at__isnull=True),
                name="people_identifier_unique_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}"

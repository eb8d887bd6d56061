from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.people.choices import ContactKind


class ContactMethod(PersonDataModel):
    """A way to reach the person, with what the person agreed to."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=16, choices=ContactKind.choices)
    value = models.CharField(_("number or address"), max_length=200)
    normalised = models.CharField(max_length=200, blank=True, db_index=True)
    consent_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    safe_to_leave_message = models.BooleanField(_("safe to leave a message"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact method")
        verbose_name_plural = _("contact methods")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}"

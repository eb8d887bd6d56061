from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.access.types import Category
from caseweave.people.choices import DocumentType, VerificationMethod


class PersonDocument(PersonDataModel):
    """A document uploaded once and reused by every agency the person consents to."""

    access_category: ClassVar[Category] = Category.DOCUMENTS

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("type"), max_length=24, choices=DocumentType.choices)
    file = models.FileField(_("file"), upload_to="people/documents/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    verification = models.CharField(
        _("how it was verified"),
        max_length=24,
        choices=VerificationMethod.choices,
        default=VerificationMethod.NOT_VERIFIED,
    )
    verified_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.get_type_display()

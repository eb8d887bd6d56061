from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access import tokens
from caseweave.access.choices import LawfulBasis
from caseweave.access.types import Category, Purpose


class DataSharingAgreement(models.Model):
    """Organisations that may share some categories of the people they serve, and why.

    When the lawful basis is anything but consent, a party may see those categories of a
    person another party serves without that person's consent; each such access is
    audited with this agreement as its basis, never silently.
    """

    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(
        "core.Organisation", related_name="sharing_agreements", verbose_name=_("parties")
    )
    categories = models.CharField(_("categories"), max_length=400)
    purposes = models.CharField(_("purposes"), max_length=200)
    lawful_basis = models.CharField(_("lawful basis"), max_length=32, choices=LawfulBasis.choices)
    lawful_basis_detail = models.TextField(
        _("legal reference"), help_text=_("The statute, section or order relied on.")
    )
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def in_force_q(at: datetime) -> Q:
        return (
            Q(valid_from__lte=at, ended_at__isnull=True)
            & (Q(valid_until__isnull=True) | Q(valid_until__gt=at))
            & ~Q(lawful_basis=LawfulBasis.CONSENT)
        )

    @property
    def category_list(self) -> list[Category]:
        return [Category(value) for value in tokens.unpack(self.categories)]

    @property
    def purpose_list(self) -> list[Purpose]:
        return [Purpose(value) for value in tokens.unpack(self.purposes)]

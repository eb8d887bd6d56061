from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access import tokens
from caseweave.access.choices import EvidenceKind
from caseweave.access.types import Category, Purpose


class ConsentTemplate(models.Model):
    """Standard wording and scope a data steward maintains; staff start a consent from one."""

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="consent_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    plain_language_text = models.TextField(
        _("plain-language text"),
        help_text=_("What the person is told they agree to; printed on their receipt."),
    )
    categories = models.CharField(_("categories"), max_length=400, blank=True)
    purposes = models.CharField(_("purposes"), max_length=200, blank=True)
    recipient_organisations = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("recipient organisations"),
    )
    recipient_teams = models.ManyToManyField(
        "core.Team", blank=True, related_name="+", verbose_name=_("recipient teams")
    )
    to_care_team = models.BooleanField(_("share with the person's care team"), default=False)
    default_months = models.PositiveSmallIntegerField(_("valid for (months)"), default=12)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consent template")
        verbose_name_plural = _("consent templates")

    def __str__(self) -> str:
        return self.name

    @property
    def category_list(self) -> list[Category]:
        return [Category(value) for value in tokens.unpack(self.categories)]

    @property
    def purpose_list(self) -> list[Purpose]:
        return [Purpose(value) for value in tokens.unpack(self.purposes)]


def consent_scan_path(instance: Consent, filename: str) -> str:
    # The person's id is not in the path: file names end up in logs and backups.
    return f"consents/{timezone.now():%Y/%m}/{filename}"


class Consent(models.Model):
    """A person's agreement to share some categories of their data, with whom, for what.

    Recipients are named organisations, teams (a situation table, an outreach team) and/or
    "the person's care team" as it is at the time of each access. Withdrawal takes effect
    at once; the row stays for the record. The policy reads only active consents.
    """

    person_id = models.UUIDField(_("person"), db_index=True)
    categories = models.CharField(_("categories"), max_length=400)
    purposes = models.CharField(_("purposes"), max_length=200)
    recipient_organisations = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="consents_received",
        verbose_name=_("recipient organisations"),
    )
    recipient_teams = models.ManyToManyField(
        "core.Team", blank=True, related_name="consents_received", verbose_name=_("recipient teams")
    )
    to_care_team = models.BooleanField(_("the person's care team"), default=False)
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    evidence_kind = models.CharField(_("evidence"), max_length=16, choices=EvidenceKind.choices)
    evidence_scan = models.FileField(
        _("signed form (scan)"), upload_to=consent_scan_path, blank=True
    )
    witness_name = models.CharField(_("witness"), max_length=200, blank=True)
    template = models.ForeignKey(
        ConsentTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("template"),
    )
    # What the person was told, as the template read when they agreed: a later edit of
    # the template bumps its version and does not change this consent or its receipt.
    template_version = models.PositiveIntegerField(_("template version"), null=True, blank=True)
    plain_language_text = models.TextField(_("what the person was told"), blank=True)
    captured_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, related_name="+", verbose_name=_("captured by")
    )
    captured_at = models.DateTimeField(_("captured"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    withdrawn_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-captured_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"Consent #{self.pk}"

    @staticmethod
    def active_q(at: datetime, prefix: str = "") -> Q:
        """Consents in force at ``at``: started, not expired, not withdrawn."""
        return Q(**{f"{prefix}valid_from__lte": at, f"{prefix}withdrawn_at__isnull": True}) & (
            Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gt": at})
        )

    def is_active(self, at: datetime | None = None) -> bool:
        at = at or timezone.now()
        return (
            self.withdrawn_at is None
            and self.valid_from <= at
            and (self.valid_until is None or self.valid_until > at)
        )

    @property
    def status(self) -> str:
        now = timezone.now()
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.valid_until is not None and self.valid_until <= now:
            return "expired"
        if self.valid_from > now:
            return "pending"
        return "active"

    @property
    def category_list(self) -> list[Category]:
        return [Category(value) for value in tokens.unpack(self.categories)]

    @property
    def purpose_list(self) -> list[Purpose]:
        return [Purpose(value) for value in tokens.unpack(self.purposes)]

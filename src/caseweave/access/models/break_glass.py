from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caseweave.access.choices import ReviewOutcome


class BreakGlassGrant(models.Model):
    """Emergency access by one staff member to one person, for a limited time.

    Opening needs a written reason, tells the organisation's data stewards and waits in
    their review queue until a steward records an outcome.
    """

    person_id = models.UUIDField(_("person"), db_index=True)
    membership = models.ForeignKey(
        "core.Membership",
        on_delete=models.PROTECT,
        related_name="break_glass_grants",
        verbose_name=_("staff member"),
    )
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    reviewed_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=ReviewOutcome.choices, blank=True
    )
    review_note = models.TextField(_("review note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")
        indexes = [models.Index(fields=["membership", "person_id"], name="access_bg_member_person")]

    def __str__(self) -> str:
        return f"Break-glass #{self.pk}"

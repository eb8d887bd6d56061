from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CareTeamMember(models.Model):
    """An organisation (and optionally a named staff member) currently working with a person.

    The person is referred to by id: ``access`` sits below ``people`` and never imports it.
    Leaving a care team ends the row (``left_at``); rows are never deleted.
    """

    person_id = models.UUIDField(_("person"), db_index=True)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="care_team_roles"
    )
    membership = models.ForeignKey(
        "core.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_team_roles",
        help_text=_("The named staff member, when one is assigned."),
    )
    is_lead = models.BooleanField(_("key worker"), default=False)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    added_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")
        indexes = [models.Index(fields=["organisation", "person_id"], name="access_ctm_org_person")]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.person_id}"

    @property
    def is_current(self) -> bool:
        return self.left_at is None

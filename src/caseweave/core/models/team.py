from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caseweave.core.choices import TeamKind


class Team(models.Model):
    """A group of staff who work together: a walkabout crew, an outreach team, a workgroup."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=TeamKind.choices)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("lead organisation"),
    )
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("area"),
    )
    members = models.ManyToManyField(
        "core.Membership",
        through="core.TeamMembership",
        related_name="teams",
        verbose_name=_("members"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    """A membership (staff in an organisation and role) on a team; teams cross agencies."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="team_memberships")
    membership = models.ForeignKey(
        "core.Membership", on_delete=models.CASCADE, related_name="team_memberships"
    )
    is_lead = models.BooleanField(_("team lead"), default=False)
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "membership"], name="core_team_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.membership} on {self.team}"

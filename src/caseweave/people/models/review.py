from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.people.choices import ReviewStatus


class DuplicateCandidate(PersonDataModel):
    """A pair the matching model thinks may be one person, waiting for a human decision.

    ``person`` is the lower id of the pair (guarded by the policy), ``other`` the higher.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("match weight"))
    probability = models.FloatField(_("match probability"))
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="people_dupe_pair_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ~ {self.other_id}"


class PersonMerge(PersonDataModel):
    """One merge: ``merged`` was folded into ``person`` (the survivor). Rows are never
    moved, so unmerging is clearing ``Person.merged_into`` and stamping ``undone_at``."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    merged_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(default=timezone.now)
    undone_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.person_id}"

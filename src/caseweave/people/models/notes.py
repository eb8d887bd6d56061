from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.access.types import Category


class PersonNote(PersonDataModel):
    """A note in one sensitivity category; read with ``for_actor(actor, note.category)``.

    Notes are append-only: a correction is a new note, so what others read stays on record.
    """

    access_category: ClassVar[Category] = Category.CASE_NOTES

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notes")
    category = models.CharField(
        _("category"), max_length=32, choices=[(c.value, c.label) for c in Category]
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "category"], name="people_note_person_cat")]

    def __str__(self) -> str:
        return f"{self.category} note"

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.access.managers import PersonDataModel
from caseweave.people.choices import NameKind


class PersonName(PersonDataModel):
    """Another name a person is known by: alias, street name, previous legal name.

    Names are never edited away: an outdated one gets ``ended_at`` so a search on an old
    name still finds the person.
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(_("kind"), max_length=16, choices=NameKind.choices)
    text = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.text

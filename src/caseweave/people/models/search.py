from __future__ import annotations

from django.db import models
from django.utils import timezone

from caseweave.access.managers import PersonDataModel


class PersonSearchKey(PersonDataModel):
    """A blocking key of a person (folded name token, phonetic code, birth year + name…).

    Search and registration look candidates up by exact key with an index, on SQLite and
    PostgreSQL alike, then score the few candidates with the matching model. Keys are
    derived data: rebuilt whenever the person's names, birth date or contacts change.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="search_keys"
    )
    key = models.CharField(max_length=96)

    class Meta:
        indexes = [models.Index(fields=["key"], name="people_searchkey_key")]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="people_searchkey_unique")
        ]

    def __str__(self) -> str:
        return self.key


class PersonSearchName(PersonDataModel):
    """A person's name folded to plain ASCII tokens ("Petrović-Jones" -> "petrovic jones").

    On PostgreSQL a GIN trigram index (pg_trgm, created by migration) finds names by
    similarity where the blocking keys miss: a typo inside a surname, part of a double
    surname. Derived data, rebuilt with the search keys.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="search_names"
    )
    folded = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.folded


class PersonSearchSpelling(models.Model):
    """One distinct folded name spelling, however many people carry it.

    At a million people the 1,049,978 folded names hold only 152,859 spellings, so on
    PostgreSQL the trigram index (pg_trgm GIN, created by migration 0006) lives here, over
    posting lists about seven times shorter than on ``PersonSearchName``; similar spellings
    found here are joined back to people through the B-tree on ``PersonSearchName.folded``.
    Added whenever a search name is stored, never updated. A spelling nobody carries any more
    joins to no one (``search_index.spellings_prune`` removes those). Holds no link to a
    person, so it is not guarded like person data.
    """

    folded = models.CharField(max_length=200, primary_key=True)

    def __str__(self) -> str:
        return self.folded


class FittedMatchModel(models.Model):
    """The registry's match model as last fitted by duplicate detection (EM on its pairs).

    Registration ranking scores candidates with the newest row, falling back to the model
    shipped with the code. Holds parameters and name frequencies, no person's record.
    """

    fitted_at = models.DateTimeField(default=timezone.now)
    trained_on = models.PositiveIntegerField(default=0)
    parameters = models.JSONField()

    class Meta:
        get_latest_by = "fitted_at"

    def __str__(self) -> str:
        return f"match model fitted {self.fitted_at:%Y-%m-%d %H:%M} on {self.trained_on}"

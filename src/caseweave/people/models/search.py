from __future__ import annotations

from django.db import models

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

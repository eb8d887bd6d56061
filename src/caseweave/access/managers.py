"""The guarded default manager for every model that holds personal data.

A queryset of such a model refuses to run unless it was narrowed with
``for_actor(actor, category)`` (the access policy's filter) or opened with
``for_system(reason)`` (a background task with a declared purpose). Forgetting the
filter therefore fails loudly in tests instead of leaking rows in production.
Django's own machinery (deletion cascades, migrations) uses the plain base manager.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models

from caseweave.access.errors import UnguardedQuery
from caseweave.access.types import Action, Actor, Category

if TYPE_CHECKING:
    from collections.abc import Iterator


class PersonDataQuerySet(models.QuerySet[Any]):
    _guarded_by: str = ""

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # QuerySet._clone is private in the stubs
        clone._guarded_by = self._guarded_by
        return clone  # type: ignore[no-any-return]

    def for_actor(
        self, actor: Actor, category: Category | None = None, action: Action = Action.VIEW
    ) -> Self:
        """Only the rows this actor may see (or act on) in this category."""
        from caseweave.access import policy

        default_category: Category = getattr(self.model, "access_category", Category.IDENTITY)
        model_category = category or default_category
        person_field = getattr(self.model, "person_field", "person_id")
        clone = self.filter(
            policy.visible(actor, model_category, action=action, person_field=person_field)
        )
        clone._guarded_by = "actor"
        return clone

    def for_system(self, reason: str) -> Self:
        """Every row, for a background task or command that states why."""
        if not reason.strip():
            raise UnguardedQuery("for_system() needs a reason")
        clone = self._clone()
        clone._guarded_by = f"system:{reason}"
        return clone

    def _check_guard(self) -> None:
        if not self._guarded_by:
            raise UnguardedQuery(
                f"{self.model.__name__} holds personal data: narrow the queryset with "
                "for_actor(actor, category) or for_system(reason) before using it"
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_guard()
        super()._fetch_all()

    def iterator(self, chunk_size: int | None = None) -> Iterator[Any]:
        self._check_guard()
        return super().iterator(chunk_size=chunk_size)

    def count(self) -> int:
        self._check_guard()
        return super().count()

    def exists(self) -> bool:
        self._check_guard()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_guard()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._check_guard()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check_guard()
        return super().delete()


PersonDataManager = models.Manager.from_queryset(PersonDataQuerySet)


class PersonDataModel(models.Model):
    """Abstract base for models holding a person's data.

    Subclasses set ``access_category`` (the sensitivity category of the row) and
    ``person_field`` (the lookup from this model to the person's id, e.g. ``"person_id"``
    or ``"id"`` on Person itself).
    """

    access_category: ClassVar[Category] = Category.IDENTITY
    person_field: ClassVar[str] = "person_id"

    unguarded = models.Manager()
    objects = PersonDataManager()

    class Meta:
        abstract = True
        default_manager_name = "objects"
        base_manager_name = "unguarded"

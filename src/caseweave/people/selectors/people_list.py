"""The people an actor may see, by name, a page at a time.

Pages are read by position (keyset), not by offset: the next page starts after the last
person shown, found again by id, so a deep page costs what the first one does and the URL
carries an id, never a name. The order (family names, given names, id) has an index of its
own (migration 0007), so a page reads its rows in order from the index and stops after
them, instead of sorting the whole registry (at a million people 420 ms for the first page
and 810 ms at offset 20,000 without it; 4-5 ms for either with it and the rounds below,
``benchmarks/people/people_list.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Q, QuerySet

from caseweave.access.types import Actor, Category
from caseweave.audit import recorder
from caseweave.people.events import PEOPLE_LISTED
from caseweave.people.models import Person

PAGE_SIZE = 50
NAME_ORDER = ("family_names", "given_names", "id")  # the index of migration 0007
CANDIDATE_ROUNDS = (400, 3200)  # people looked at, in order, before the whole list
LIST_ORDER_REASON = "people list order; only the people the actor may see leave the database"


@dataclass(frozen=True)
class PersonPage:
    """One page of the list; ``next_after`` is the last person shown when more follow."""

    people: list[Person]
    next_after: UUID | None


def _after_position(rows: QuerySet[Person], position: tuple[str, str, UUID]) -> QuerySet[Person]:
    family, given, person_id = position
    # The first condition is implied by the others; it bounds the index scan's start.
    return rows.filter(family_names__gte=family).filter(
        Q(family_names__gt=family)
        | Q(family_names=family, given_names__gt=given)
        | Q(family_names=family, given_names=given, id__gt=person_id)
    )


def person_list(actor: Actor, *, after: UUID | None = None, limit: int | None = None) -> PersonPage:
    """The people the actor may see (identity), merged records left out, by name.

    ``limit`` people a page (``PAGE_SIZE`` unless given); a position (``after``) the actor
    cannot see, or that is gone, starts again from the top. Audits one ``person_list.listed``
    event naming every person shown.
    """
    limit = limit or PAGE_SIZE
    visible: QuerySet[Person] = Person.objects.for_actor(actor, Category.IDENTITY).filter(
        merged_into__isnull=True
    )
    in_order: QuerySet[Person] = Person.objects.for_system(LIST_ORDER_REASON).filter(
        merged_into__isnull=True
    )
    if after is not None:
        position = visible.filter(pk=after).values_list(*NAME_ORDER).first()
        if position is not None:
            visible = _after_position(visible, position)
            in_order = _after_position(in_order, position)
    people = _first_visible(
        visible.order_by(*NAME_ORDER), in_order.order_by(*NAME_ORDER), limit + 1
    )
    shown = people[:limit]
    recorder.record(
        actor,
        f"{PEOPLE_LISTED}.listed",
        action="view",
        person_ids=[person.id for person in shown],
        categories=[Category.IDENTITY],
        object_type=PEOPLE_LISTED,
    )
    return PersonPage(people=shown, next_after=shown[-1].id if len(people) > limit else None)


def _first_visible(
    visible: QuerySet[Person], in_order: QuerySet[Person], wanted: int
) -> list[Person]:
    """The first ``wanted`` people of ``visible`` (both in the list's order), looking at the next
    ``CANDIDATE_ROUNDS`` people in order first, then (when they held too few) all of them.

    Over the whole registry PostgreSQL evaluates the access filter by hashing the
    organisation's whole care team (133,000 rows at a million people: 70-130 ms a page);
    over a few hundred given ids it probes the indexes per person (4 ms). An organisation
    that sees many people fills a page from the first few hundred; one that sees few has a
    small care team, which is quick to hash, for the last round.
    """
    for candidates in (*CANDIDATE_ROUNDS, None):
        rows = visible
        if candidates is not None:
            rows = rows.filter(id__in=in_order.values("id")[:candidates])
        people = list(rows[:wanted])
        if len(people) == wanted:
            break
    return people

"""The review queue as one reviewer sees it: only pairs where both people are visible."""

from __future__ import annotations

from caseweave.access import gate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.people.choices import ReviewStatus
from caseweave.people.models import DuplicateCandidate, Person


def duplicate_queue(actor: Actor, *, limit: int = 100) -> list[DuplicateCandidate]:
    """Open pairs, most likely first. A pair with either person outside the actor's access
    is left out entirely (deciding it would cross that boundary). Audited as one list."""
    visible = Person.objects.for_actor(actor, Category.IDENTITY).values("id")
    pairs = list(
        DuplicateCandidate.objects.for_actor(actor, Category.IDENTITY)
        .filter(
            other_id__in=visible,
            status__in=[ReviewStatus.PENDING, ReviewStatus.AUTO_LINKED],
        )
        .select_related("person", "other")
        .order_by("-probability", "pk")[:limit]
    )
    ids = {PersonId(pair.person_id) for pair in pairs} | {PersonId(p.other_id) for p in pairs}
    gate.record_list(actor, sorted(ids, key=str), Category.IDENTITY, object_type="duplicate_queue")
    return pairs

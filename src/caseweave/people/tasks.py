"""Background work of the people registry (django-tasks; run nightly by the scheduler)."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from caseweave.access.types import Actor
from caseweave.people.actions.review import duplicates_find
from caseweave.people.search_index import spellings_prune

logger = logging.getLogger(__name__)


@task()
def find_duplicates_nightly() -> dict[str, int]:
    """Queue likely duplicates across the registry for staff review, then delete the search
    spellings no name carries any more (left behind by edits; one DELETE). Returns how many
    pairs were queued and how many spellings were deleted."""
    queued = duplicates_find(actor=Actor.system("nightly duplicate detection"))
    with transaction.atomic():  # its lock on the search names is held until commit
        pruned = spellings_prune()
    logger.info("nightly duplicate detection: %s pairs queued, %s spellings pruned", queued, pruned)
    return {"queued": queued, "spellings_pruned": pruned}

"""Background work of the people registry (django-tasks; run nightly by the scheduler)."""

from __future__ import annotations

from django_tasks import task

from caseweave.access.types import Actor
from caseweave.people.actions.review import duplicates_find


@task()
def find_duplicates_nightly() -> int:
    """Queue likely duplicates across the registry for staff review; returns how many."""
    return duplicates_find(actor=Actor.system("nightly duplicate detection"))

"""The duplicate review pages: only pairs the reviewer may see, decisions recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.people.choices import ReviewStatus
from caseweave.people.models import DuplicateCandidate, Person
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


def _pair(first: Person, second: Person) -> DuplicateCandidate:
    low, high = sorted([first, second], key=lambda person: str(person.id))
    return DuplicateCandidate.objects.create(
        person=low, other=high, score=8.0, probability=0.97, reasons=["Birth date is the same"]
    )


def test_a_supervisor_confirms_a_pair_and_the_newer_record_is_merged(personas, client_for):
    actor = personas["supervisor"].actor
    older = register(actor, given_names="Teuta", family_names="Krasniqi", birth="1990-02-03")
    newer = register(actor, given_names="Teuta", family_names="Krasnići", birth="1990-02-03")
    pair = _pair(older, newer)
    client = client_for(personas["supervisor"])
    html = client.get(reverse("web:people:review_queue")).content.decode()
    assert "Birth date is the same" in html and "Krasniqi" in html
    client.post(reverse("web:people:review_decide", args=[pair.pk]), {"decision": "same"})
    assert DuplicateCandidate.objects.for_system("t").get().status == ReviewStatus.CONFIRMED
    assert Person.objects.for_system("t").get(pk=newer.id).merged_into_id == older.id
    page = client.get(reverse("web:people:detail", args=[newer.id]))
    assert page.status_code == 302 and str(older.id) in page["Location"]


def test_pairs_with_someone_outside_the_reviewers_access_are_not_listed(personas, client_for):
    visible = register(personas["supervisor"].actor, given_names="Teuta", family_names="Gashi")
    _pair(visible, PersonFactory(given_names="Teuta", family_names="Gashi"))
    html = client_for(personas["supervisor"]).get(reverse("web:people:review_queue"))
    assert "Nothing to review." in html.content.decode()

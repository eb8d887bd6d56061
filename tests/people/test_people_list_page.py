"""The people list page: names the organisation may see, the next page by id."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


def test_the_list_shows_whom_the_organisation_may_see_and_links_on_by_id(
    personas, client_for, monkeypatch
) -> None:
    monkeypatch.setattr("caseweave.people.selectors.people_list.PAGE_SIZE", 2)
    actor = personas["outreach_worker"].actor
    first = register(actor, given_names="Zora", family_names="Adžić")
    second = register(actor, given_names="Ana", family_names="Babić")
    third = register(actor, given_names="Ivo", family_names="Zec")
    PersonFactory(given_names="Hidden", family_names="Aaronson")
    client = client_for(personas["outreach_worker"])
    response = client.get(reverse("web:people:list"))
    html = response.content.decode()
    assert [person.id for person in response.context["page"].people] == [first.id, second.id]
    assert "Adžić" in html and "Babić" in html and "Hidden" not in html
    assert f'rel="next" href="/people/list/?after={second.id}"' in html
    response = client.get(reverse("web:people:list"), {"after": str(second.id)})
    assert [person.id for person in response.context["page"].people] == [third.id]
    assert 'rel="next"' not in response.content.decode()


def test_a_position_that_is_not_an_id_is_refused_naming_the_parameter(personas, client_for):
    response = client_for(personas["outreach_worker"]).get(
        reverse("web:people:list"), {"after": "Babić"}
    )
    assert response.status_code == 400
    assert "after" in response.content.decode()

"""Every role lands on its own home page; a person with two memberships switches between them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.core.choices import Role
from caseweave.core.tests.factories import MembershipFactory
from caseweave.web.home import HOME_TEMPLATES
from tests.personas import PERSONA_ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona_key", list(PERSONA_ROLES))
def test_each_role_gets_its_home_page_with_tasks_it_may_open(
    persona_key, personas, client_for
) -> None:
    persona = personas[persona_key]
    client = client_for(persona)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert response.templates[0].name == HOME_TEMPLATES[Role(persona.membership.role)]
    for task in response.context["tasks"]:
        assert client.get(task["url"]).status_code == 200, task


def test_every_role_has_a_home_page() -> None:
    assert set(HOME_TEMPLATES) == set(Role)


def test_a_steward_sees_locked_accounts_on_their_home(personas, client_for) -> None:
    response = client_for(personas["data_steward"]).get(reverse("web:home"))
    assert response.context["locked_accounts"] == []
    assert b"No locked accounts" in response.content


def test_a_person_working_for_two_organisations_switches_acting_membership(
    personas, client_for, other_organisation
) -> None:
    outreach = personas["outreach_worker"]
    second = MembershipFactory(
        user=outreach.user, organisation=other_organisation, role=Role.TABLE_MEMBER
    )
    client = client_for(outreach)
    first_page = client.get(reverse("web:home"))
    assert first_page.context["membership"].pk == outreach.membership.pk
    assert b"Your outreach day" in first_page.content

    client.post(reverse("web:switch_membership"), {"membership": str(second.pk)})
    switched = client.get(reverse("web:home"))
    assert switched.context["membership"].pk == second.pk
    assert b"Your tables" in switched.content
    assert b"Table member" in switched.content
    # Module permissions follow the acting role: a table member cannot manage consents.
    assert "access.manage_consents" not in switched.wsgi_request.user.get_all_permissions()


def test_switching_to_someone_elses_membership_is_ignored(personas, client_for) -> None:
    client = client_for(personas["outreach_worker"])
    client.post(
        reverse("web:switch_membership"),
        {"membership": str(personas["administrator"].membership.pk)},
    )
    response = client.get(reverse("web:home"))
    assert response.context["membership"].pk == personas["outreach_worker"].membership.pk

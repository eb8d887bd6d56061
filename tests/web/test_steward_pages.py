"""The data steward's pages: forms list every error, stale edits are explained."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.core.models import Organisation

pytestmark = pytest.mark.django_db


def test_an_invalid_organisation_form_lists_every_field_and_stores_nothing(
    personas, client_for
) -> None:
    client = client_for(personas["data_steward"])
    response = client.post(
        reverse("web:core:organisation_create"), {"name": "", "kind": "spaceship", "email": "x@"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "kind", "email"}
    assert b"Please correct the following" in response.content
    assert Organisation.objects.count() == 1


def test_a_stale_edit_is_refused_with_a_clear_message(personas, client_for) -> None:
    organisation = personas["data_steward"].membership.organisation
    client = client_for(personas["data_steward"])
    form = {"name": organisation.name, "kind": organisation.kind, "version": organisation.version}
    first = client.post(
        reverse("web:core:organisation_edit", args=[organisation.pk]), {**form, "phone": "1"}
    )
    assert first.status_code == 302
    stale = client.post(
        reverse("web:core:organisation_edit", args=[organisation.pk]), {**form, "phone": "2"}
    )
    assert stale.status_code == 200
    assert b"Someone else changed this record" in stale.content
    organisation.refresh_from_db()
    assert organisation.phone == "1"


def test_a_steward_adds_a_new_colleague_who_can_then_sign_in(personas, client_for) -> None:
    organisation = personas["data_steward"].membership.organisation
    client = client_for(personas["data_steward"])
    response = client.post(
        reverse("web:core:membership_create", args=[organisation.pk]),
        {
            "email": "rosa.new@example.test",
            "role": "caseworker",
            "full_name": "Rosa New",
            "initial_password": "a-long-initial-passphrase",
        },
        follow=True,
    )
    assert b"Rosa New" in response.content
    from django.test import Client

    newcomer = Client()
    newcomer.post(
        reverse("web:login"),
        {"username": "rosa.new@example.test", "password": "a-long-initial-passphrase"},
    )
    assert newcomer.get(reverse("web:home")).status_code == 200


def test_the_jurisdiction_tree_nests_children_under_parents(personas, client_for) -> None:
    from caseweave.core.tests.factories import JurisdictionFactory

    province = JurisdictionFactory(name="Lakeshore", code="lakeshore", kind="province")
    JurisdictionFactory(name="Riverbend", code="riverbend", kind="municipality", parent=province)
    response = client_for(personas["administrator"]).get(reverse("web:core:jurisdiction_tree"))
    tree = [(node.jurisdiction.code, node.depth) for node in response.context["tree"]]
    assert tree.index(("lakeshore", 0)) < tree.index(("riverbend", 1))

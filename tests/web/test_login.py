"""Signing in with an email address and landing on the role's home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_caseworker_lands_on_their_caseload(personas, client) -> None:
    """The caseworker signs in and sees the caseload home page."""
    response = client.post(
        reverse("web:login"),
        {"username": personas["caseworker"].user.email, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert b"Your caseload" in response.content


def test_a_wrong_password_names_the_problem_and_signs_no_one_in(personas, client) -> None:
    response = client.post(
        reverse("web:login"),
        {"username": personas["caseworker"].user.email, "password": "wrong-password"},
    )
    assert response.status_code == 200
    assert b"do not match an account" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("persona_key", "heading"),
    [
        ("outreach_worker", "Your outreach day"),
        ("intake_officer", "Intake queue"),
        ("data_steward", "Data stewardship"),
        ("analyst", "Dashboards"),
    ],
)
def test_each_role_has_its_own_home_page(persona_key, heading, personas, client_for) -> None:
    response = client_for(personas[persona_key]).get(reverse("web:home"))
    assert heading.encode() in response.content

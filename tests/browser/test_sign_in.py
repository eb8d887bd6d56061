"""People sign in with a real browser: role home pages, a wrong password, French, 2FA."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp

from caseweave.core.tests.factories import TEST_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_outreach_worker_sees_their_day(page, live_server, personas) -> None:
    sign_in(page, live_server, personas["outreach_worker"].user.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Your outreach day").wait_for()
    assert page.get_by_test_id("acting-as").inner_text().startswith("Outreach worker")


def test_a_caseworker_sees_their_caseload_and_can_sign_out(page, live_server, personas) -> None:
    sign_in(page, live_server, personas["caseworker"].user.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Your caseload").wait_for()
    assert page.get_by_test_id("acting-as").inner_text().startswith("Caseworker")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def test_a_wrong_password_shows_the_message_next_to_the_form(page, live_server, personas) -> None:
    sign_in(page, live_server, personas["caseworker"].user.email, "not-my-password")
    alert = page.locator("#login-error")
    alert.wait_for()
    assert "do not match an account" in alert.inner_text()
    assert page.url.endswith("/login/")


def test_switching_to_french_shows_the_french_interface(page, live_server, personas) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.get_by_role("heading", name="Se connecter").wait_for()
    page.get_by_label("Adresse courriel").fill(personas["intake_officer"].user.email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="File d’accueil").wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"


def test_an_administrator_is_forced_through_two_step_sign_in(page, live_server, personas) -> None:
    sign_in(page, live_server, personas["administrator"].user.email, TEST_PASSWORD)
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()
    # No other page opens before the second factor.
    page.goto(f"{live_server.url}/organisations/")
    page.get_by_role("heading", name="Set up two-step sign-in").wait_for()
    assert page.locator("figure.qr svg").count() == 1

    secret = page.get_by_test_id("totp-secret").inner_text()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Two-step sign-in is on").wait_for()
    assert page.get_by_test_id("backup-codes").locator("li").count() == 10
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("heading", name="Organisations").first.wait_for()
    page.get_by_role("link", name="Register an organisation").wait_for()

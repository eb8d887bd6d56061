"""The interactive API docs (ninja's bundled Swagger UI) work under our strict CSP."""

from __future__ import annotations

import pytest

from caseweave.core.tests.factories import TEST_PASSWORD, TOTPDeviceFactory
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_swagger_ui_renders_every_endpoint_without_csp_violations(page, live_server) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )

    response = page.goto(f"{live_server.url}/api/v1/docs")

    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page.get_by_role("heading", name="Caseweave API").first.wait_for()
    page.locator(".opblock-summary-path", has_text="/api/v1/me").first.wait_for()
    assert violations == []


def test_a_steward_issues_a_token_in_the_browser(page, live_server, personas) -> None:
    from django_otp.oath import totp

    steward = personas["data_steward"]
    device = TOTPDeviceFactory(user=steward.user)
    sign_in(page, live_server, steward.user.email, TEST_PASSWORD)
    page.locator("input[name=token]").fill(
        f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    )
    page.get_by_role("button", name="Verify").click()
    page.goto(f"{live_server.url}/api-clients/")
    page.get_by_label("Name").fill("Bed board")
    page.locator("#id_acting_membership").select_option(index=1)
    page.get_by_role("checkbox", name="platform:read", exact=False).check()
    page.get_by_role("button", name="Create client").click()
    page.get_by_role("button", name="Issue token").click()
    token = page.get_by_test_id("new-token").input_value()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-client-token.png"), full_page=True)
    assert token.startswith("cw_")
    assert page.get_by_role("cell", name=f"cw_{token[3:15]}_…").is_visible()

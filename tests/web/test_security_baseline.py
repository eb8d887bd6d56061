"""Strict CSP on every page, no inline script or style anywhere, CSRF, idle time-out."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from caseweave.core.tests.factories import TEST_PASSWORD
from tests.authz.matrix import ANONYMOUS, all_routes

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "src" / "caseweave"
# A JSON data block (<script type="application/json">) is never executed, so CSP allows it.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/json)[^>]*>", re.IGNORECASE
)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _templates() -> list[Path]:
    return sorted(SOURCE.glob("**/templates/**/*.html"))


def test_no_template_has_inline_script_style_or_event_handlers() -> None:
    assert _templates(), "no templates found: the glob is wrong"
    offenders = [
        f"{path.relative_to(SOURCE)}: {pattern.pattern}"
        for path in _templates()
        for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, INLINE_HANDLER)
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "inline script/style breaks the strict CSP:\n" + "\n".join(offenders)


def test_the_pattern_catches_what_it_must() -> None:
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js"></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="d">{}</script>')
    assert STYLE_ATTRIBUTE.search('<div class="a" style="color:red">')
    assert INLINE_HANDLER.search('<button onclick="go()">')


GET_ROUTES = [route for route in all_routes() if route.method == "get"]


@pytest.mark.parametrize("persona_key", [ANONYMOUS, "data_steward", "caseworker"])
def test_every_page_carries_a_strict_content_security_policy(
    persona_key, personas, client_for
) -> None:
    client = client_for(None if persona_key == ANONYMOUS else personas[persona_key])
    checked = 0
    for route in GET_ROUTES:
        kwargs = route.setup(personas) if route.setup else {}
        url = reverse(route.name, kwargs=kwargs) + (f"?{route.query}" if route.query else "")
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            continue
        policy = response.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy, f"{url}: {policy!r}"
        assert "style-src 'self'" in policy, f"{url}: {policy!r}"
        assert "unsafe-inline" not in policy, f"{url}: {policy!r}"
        if response.status_code == 200:
            html = response.content.decode()
            assert not INLINE_SCRIPT.search(html), f"{url} renders an inline script"
            assert not STYLE_ATTRIBUTE.search(html), f"{url} renders a style attribute"
        checked += 1
    assert checked >= 5


def test_a_post_without_the_csrf_token_is_refused(personas) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("web:login"),
        {"username": personas["caseworker"].user.email, "password": TEST_PASSWORD},
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_idle_session_expires_and_an_active_one_does_not(personas, client) -> None:
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(
            reverse("web:login"),
            {"username": personas["caseworker"].user.email, "password": TEST_PASSWORD},
        )
        for _ in range(3):  # each request within the idle limit pushes expiry forward
            clock.shift(idle - timedelta(minutes=1))
            assert client.get(reverse("web:home")).status_code == 200
        clock.shift(idle + timedelta(seconds=1))
        response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))

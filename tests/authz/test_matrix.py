"""Every route x every persona gets exactly the status the matrix declares."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import ANONYMOUS, Route, all_routes
from tests.personas import PERSONA_ROLES

ROUTES = all_routes()
PERSONA_KEYS = [ANONYMOUS, *PERSONA_ROLES]

# Routes served by third-party code that shows no personal data and no Caseweave page.
EXEMPT_PREFIXES = ("static", "media")


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _walk(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
        else:
            names.add(f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_every_route_is_declared() -> None:
    """A URL without a matrix entry fails here: declare who may open it."""
    declared = {route.name for route in ROUTES}
    existing = {
        name for name in _walk(get_resolver().url_patterns) if not name.startswith(EXEMPT_PREFIXES)
    }
    missing = sorted(existing - declared)
    assert not missing, f"routes missing from tests/authz/routes_*.py: {missing}"
    stale = sorted(declared - existing)
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("persona_key", PERSONA_KEYS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method}:{route.name}")
def test_route_answers_as_declared(
    route: Route, persona_key: str, lazy_personas, client_for
) -> None:
    persona = None if persona_key == ANONYMOUS else lazy_personas[persona_key]
    kwargs = route.setup(lazy_personas) if route.setup else {}
    url = reverse(route.name, kwargs=kwargs) + (f"?{route.query}" if route.query else "")
    client = client_for(persona)
    response = getattr(client, route.method)(url, data=dict(route.data or {}))
    assert response.status_code == route.expected_for(persona_key), (
        f"{route.method.upper()} {url} as {persona_key}: got {response.status_code}"
    )

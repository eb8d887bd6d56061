"""The shape of the authorization matrix: route x persona -> expected HTTP status.

Every module declares its routes in ``tests/authz/routes_<module>.py`` as a list named
``ROUTES``. ``test_matrix.py`` requests each route as each persona and checks the
status; ``test_every_route_is_declared`` fails when a URL exists without an entry.

Person-data routes add relationship rows (care team, consented, withdrawn, expired,
break-glass…) in the privacy tests; here the persona is the role alone.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ANONYMOUS = "anonymous"
OK = 200
REDIRECT = 302
BAD_REQUEST = 400
UNAUTHENTICATED = 401
FORBIDDEN = 403
NOT_FOUND = 404
METHOD_NOT_ALLOWED = 405
INVALID = 422


@dataclass(frozen=True)
class Route:
    """One URL name and what each persona gets from it.

    ``expect`` maps a persona key (or ``"anonymous"``) to a status; ``default`` applies
    to every signed-in persona not named. ``setup`` builds URL kwargs (and any objects
    the route needs) from the test's fixtures.
    """

    name: str
    default: int
    expect: Mapping[str, int] = field(default_factory=dict)
    method: str = "get"
    setup: Callable[[Any], dict[str, Any]] | None = None
    data: Mapping[str, Any] | None = None
    query: str = ""

    def expected_for(self, persona_key: str) -> int:
        return self.expect.get(persona_key, self.default)


def all_routes() -> list[Route]:
    import tests.authz as package

    routes: list[Route] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("routes_"):
            module = importlib.import_module(f"tests.authz.{module_info.name}")
            routes.extend(module.ROUTES)
    return routes

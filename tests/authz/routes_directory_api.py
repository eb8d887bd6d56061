"""The staff directory API: search for anyone with the directory; edits for listing managers."""

from typing import Any

from tests.authz.matrix import ANONYMOUS, FORBIDDEN, NOT_FOUND, OK, UNAUTHENTICATED, Route

MANAGERS = ("receiving_agency_staff", "programme_coordinator", "data_steward", "administrator")


def _unknown_service(personas: Any) -> dict[str, Any]:
    return {"service_id": "00000000-0000-4000-8000-000000000000"}


ROUTES = [
    Route("api:directory_search", default=OK, expect={ANONYMOUS: UNAUTHENTICATED}),
    # A service the manager's organisation does not run looks missing (404).
    Route(
        "api:directory_readiness",
        method="patch",
        data={},
        default=FORBIDDEN,
        expect={ANONYMOUS: UNAUTHENTICATED, **{key: NOT_FOUND for key in MANAGERS}},
        setup=_unknown_service,
    ),
    Route(
        "api:directory_verify",
        method="post",
        default=FORBIDDEN,
        expect={ANONYMOUS: UNAUTHENTICATED, **{key: NOT_FOUND for key in MANAGERS}},
        setup=_unknown_service,
    ),
]

"""The public HSDS 3.1 API: readable by anyone while the directory is public (the default)."""

from typing import Any

from tests.authz.matrix import ANONYMOUS, BAD_REQUEST, NOT_FOUND, OK, Route


def _seeded(key: str, kwarg: str) -> Any:
    def setup(personas: Any) -> dict[str, Any]:
        from tests.directory.seed import seed_small

        return {kwarg: seed_small()[key]}

    return setup


def _internal(personas: Any) -> dict[str, Any]:
    from tests.directory.seed import seed_small

    return {"service_id": seed_small()["internal_service_id"]}


ROUTES = [
    Route("hsds:root", default=OK, expect={ANONYMOUS: OK}),
    Route("hsds:openapi", default=OK, expect={ANONYMOUS: OK}),
    Route("hsds:services", default=OK, expect={ANONYMOUS: OK}),
    Route("hsds:services", default=BAD_REQUEST, expect={ANONYMOUS: BAD_REQUEST}, query="page=0"),
    Route(
        "hsds:service",
        default=OK,
        expect={ANONYMOUS: OK},
        setup=_seeded("service_id", "service_id"),
    ),
    # Internal-only services exist for staff and are missing for everyone else.
    Route("hsds:service", default=OK, expect={ANONYMOUS: NOT_FOUND}, setup=_internal),
    Route("hsds:service_at_locations", default=OK, expect={ANONYMOUS: OK}),
    Route(
        "hsds:service_at_location",
        default=OK,
        expect={ANONYMOUS: OK},
        setup=_seeded("service_at_location_id", "sal_id"),
    ),
    Route("hsds:organizations", default=OK, expect={ANONYMOUS: OK}),
    Route(
        "hsds:organization",
        default=OK,
        expect={ANONYMOUS: OK},
        setup=_seeded("organization_id", "organization_id"),
    ),
    Route("hsds:taxonomies", default=OK, expect={ANONYMOUS: OK}),
    Route(
        "hsds:taxonomy",
        default=OK,
        expect={ANONYMOUS: OK},
        setup=_seeded("taxonomy_id", "taxonomy_id"),
    ),
    Route("hsds:taxonomy_terms", default=OK, expect={ANONYMOUS: OK}),
    Route(
        "hsds:taxonomy_term",
        default=OK,
        expect={ANONYMOUS: OK},
        setup=_seeded("term_id", "term_id"),
    ),
]

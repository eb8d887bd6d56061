"""Routes of the JSON API framework: platform endpoints, OpenAPI document and docs."""

from tests.authz.matrix import (
    ANONYMOUS,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    UNAUTHENTICATED,
    Route,
)

ROUTES = [
    Route("api:me", default=OK, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route(
        "api:api_client_list",
        default=FORBIDDEN,
        expect={ANONYMOUS: UNAUTHENTICATED, "data_steward": OK, "administrator": OK},
    ),
    Route("api:api-root", default=NOT_FOUND, expect={ANONYMOUS: NOT_FOUND}),
    Route("api:openapi-json", default=OK, expect={ANONYMOUS: OK}),
    Route("api:openapi-view", default=OK, expect={ANONYMOUS: OK}),
]

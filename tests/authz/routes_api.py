"""Routes of the JSON API framework: platform endpoints, OpenAPI document and docs."""

from tests.authz.matrix import (
    ANONYMOUS,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    OK,
    REDIRECT,
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


def _client(personas) -> dict[str, int]:
    from caseweave.api.tests.factories import ApiClientFactory

    client = ApiClientFactory(acting_membership=personas["data_steward"].membership)
    return {"client_id": client.pk}


def _token(personas) -> dict[str, int]:
    from caseweave.api.tests.factories import ApiClientFactory, token_for

    client = ApiClientFactory(acting_membership=personas["data_steward"].membership)
    token, _ = token_for(client)
    return {"client_id": client.pk, "token_id": token.pk}


MANAGERS = {"data_steward", "administrator"}


def _managers(status: int) -> dict[str, int]:
    return {ANONYMOUS: REDIRECT, **dict.fromkeys(MANAGERS, status)}


ROUTES += [
    Route("web:apiclients:list", default=FORBIDDEN, expect=_managers(OK)),
    Route(
        "web:apiclients:list",
        method="post",
        data={"name": ""},
        default=FORBIDDEN,
        expect=_managers(INVALID),
    ),
    Route("web:apiclients:detail", default=FORBIDDEN, expect=_managers(OK), setup=_client),
    Route(
        "web:apiclients:token_issue",
        method="post",
        data={"expires": "30"},
        default=FORBIDDEN,
        expect=_managers(OK),
        setup=_client,
    ),
    Route(
        "web:apiclients:token_revoke",
        method="post",
        default=FORBIDDEN,
        expect=_managers(REDIRECT),
        setup=_token,
    ),
    Route(
        "web:apiclients:deactivate",
        method="post",
        default=FORBIDDEN,
        expect=_managers(REDIRECT),
        setup=_client,
    ),
]

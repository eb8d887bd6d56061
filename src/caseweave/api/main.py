"""The one NinjaAPI instance; each module adds its router in api/<module>.py."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger

from caseweave.api import problems
from caseweave.api.auth import AUTH
from caseweave.api.openapi import add_problem_responses


class CaseweaveApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return add_problem_responses(super().get_openapi_schema(**kwargs))


api = CaseweaveApi(
    title="Caseweave API",
    version="1",
    description=(
        "The JSON API of Caseweave. Every endpoint that touches personal data goes through "
        "the access policy and is written to the audit log. Errors are RFC 9457 problem+json.\n\n"
        "Integrations authenticate with `Authorization: Bearer cw_...` tokens issued to an "
        "API client of their organisation; each endpoint names the scope it needs. Lists are "
        "paginated with `limit` and `offset`. Requests are rate-limited per client, staff "
        "member or (anonymous) address: 429 with Retry-After."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=AUTH,
    # Ninja's bundled Swagger UI loads its settings from a JSON block and a static init
    # script, so it runs under our script-src 'self' policy.
    docs=Swagger(settings={"persistAuthorization": False}),
)
problems.install(api)


def _register_routers() -> None:
    from caseweave.api import (
        access,
        clients,
        core,
        directory,
        people,
        people_imports,
        people_photo,
        people_records,
    )

    api.add_router("/", core.router)
    api.add_router("/", clients.router)
    api.add_router("/", people.router)
    api.add_router("/", people_imports.router)
    api.add_router("/", people_records.router)
    api.add_router("/", people_photo.router)
    api.add_router("/", directory.router)
    api.add_router("/", access.router)


_register_routers()

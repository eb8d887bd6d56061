"""The one NinjaAPI instance; each module adds its router in api/<module>.py."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from caseweave.api import problems

api = NinjaAPI(
    title="Caseweave API",
    version="1",
    description=(
        "The JSON API of Caseweave. Every endpoint that touches personal data goes through "
        "the access policy and is written to the audit log. Errors are RFC 9457 problem+json."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[django_auth],
)
problems.install(api)


def _register_routers() -> None:
    from caseweave.api import core

    api.add_router("/", core.router)


_register_routers()

"""The HSDS 3.1 API (Open Referral): read-only, public when the deployment says so.

Plain Django views, because the response shapes are HSDS's own compiled schemas (checked
by tests against them) and its OpenAPI document is upstream's, served as published.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.http import require_GET

from caseweave.access.types import Actor
from caseweave.api.hsds.params import PAGING, InvalidParameters, Params
from caseweave.api.problems import PROBLEM_JSON, problem_body
from caseweave.directory import hsds, publishing
from caseweave.directory.selectors import record_get, service_get

View = Callable[..., HttpResponseBase]


def _problem(request: HttpRequest, status: int, title: str, **extra: Any) -> JsonResponse:
    return JsonResponse(
        problem_body(request, status, title, **extra), status=status, content_type=PROBLEM_JSON
    )


def hsds_view(view: View) -> View:
    """GET only; answers 401 to anonymous callers on a private directory; 400 names parameters."""

    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        actor: Actor | None = getattr(request, "actor", None)
        if not request.user.is_authenticated and not publishing.directory_is_public():
            return _problem(
                request, 401, "Sign-in required", detail="This directory is not public."
            )
        if request.user.is_authenticated and actor is None:
            return _problem(request, 403, "No active membership")
        try:
            return view(request, actor, *args, **kwargs)
        except InvalidParameters as error:
            return _problem(request, 400, "Invalid query parameters", errors=error.errors)

    return wrapped


def _respond(params: Params, page: dict[str, Any], fmt: str) -> HttpResponseBase:
    if fmt == "ndjson":
        lines = (json.dumps(item) + "\n" for item in page["contents"])
        return StreamingHttpResponse(lines, content_type="application/x-ndjson")
    return JsonResponse(page)


def _not_found(request: HttpRequest) -> JsonResponse:
    return _problem(request, 404, "Not found")


@hsds_view
def api_root(request: HttpRequest, actor: Actor | None) -> HttpResponse:
    Params(request.GET, ()).check()
    return JsonResponse(
        {
            "version": "3.1",
            "profile": "https://docs.openreferral.org/en/latest/",
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    document = json.loads((hsds.SCHEMA_DIR / "openapi.json").read_text())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:root")).rstrip("/")}]
    return JsonResponse(document)


SERVICE_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")


def _filters(params: Params) -> dict[str, Any]:
    return {
        "search": params.text("search"),
        "taxonomy_term_id": params.uuid("taxonomy_term_id"),
        "taxonomy_id": params.uuid("taxonomy_id"),
        "organization_id": params.uuid("organization_id"),
        "modified_after": params.datetime("modified_after"),
    }


@hsds_view
def services(request: HttpRequest, actor: Actor | None) -> HttpResponseBase:
    params = Params(request.GET, (*SERVICE_FILTERS, *PAGING, "minimal", "full"))
    filters, paging, fmt = _filters(params), params.paging(), params.format()
    minimal, full = params.boolean("minimal"), params.boolean("full")
    if minimal and full:
        params.fail("minimal", "cannot be combined with full")
    params.check()
    form = "full" if full else "minimal" if minimal else "list"
    return _respond(params, publishing.services_page(actor, paging, form=form, **filters), fmt)


@hsds_view
def service_detail(request: HttpRequest, actor: Actor | None, service_id: str) -> HttpResponse:
    Params(request.GET, ()).check()
    found = service_get(actor=actor, service_id=str(service_id))
    return JsonResponse(found) if found else _not_found(request)


@hsds_view
def service_at_locations(request: HttpRequest, actor: Actor | None) -> HttpResponseBase:
    params = Params(request.GET, (*SERVICE_FILTERS, *PAGING, "full", "postcode", "proximity"))
    filters, paging, fmt = _filters(params), params.paging(), params.format()
    full, postcode, proximity = (
        params.boolean("full"),
        params.text("postcode"),
        params.number("proximity"),
    )
    if proximity is not None and not postcode:
        params.fail("proximity", "needs a postcode to measure from")
    params.check()
    page = publishing.service_at_locations_page(
        actor, paging, full=full, postcode=postcode, proximity_m=proximity, **filters
    )
    return _respond(params, page, fmt)


@hsds_view
def service_at_location_detail(
    request: HttpRequest, actor: Actor | None, sal_id: str
) -> HttpResponse:
    Params(request.GET, ()).check()
    found = publishing.service_at_location_get(actor, str(sal_id))
    return JsonResponse(found) if found else _not_found(request)


@hsds_view
def organizations(request: HttpRequest, actor: Actor | None) -> HttpResponseBase:
    params = Params(
        request.GET, ("search", "full_service", "full", "taxonomy_term_id", "taxonomy_id", *PAGING)
    )
    paging, fmt = params.paging(), params.format()
    page = (
        publishing.organizations_page(
            actor,
            paging,
            full=params.boolean("full"),
            full_service=params.boolean("full_service"),
            search=params.text("search"),
            taxonomy_term_id=params.uuid("taxonomy_term_id"),
            taxonomy_id=params.uuid("taxonomy_id"),
        )
        if not params.errors
        else {}
    )
    params.check()
    return _respond(params, page, fmt)


@hsds_view
def organization_detail(
    request: HttpRequest, actor: Actor | None, organization_id: str
) -> HttpResponse:
    params = Params(request.GET, ("full_service",))
    full_service = params.boolean("full_service")
    params.check()
    found = publishing.organization_full(actor, str(organization_id), with_services=full_service)
    return JsonResponse(found) if found else _not_found(request)


@hsds_view
def taxonomies(request: HttpRequest, actor: Actor | None) -> HttpResponseBase:
    params = Params(request.GET, ("search", *PAGING))
    paging, fmt = params.paging(), params.format()
    params.check()
    return _respond(params, publishing.taxonomies_page(paging, search=params.text("search")), fmt)


@hsds_view
def taxonomy_detail(request: HttpRequest, actor: Actor | None, taxonomy_id: str) -> HttpResponse:
    Params(request.GET, ()).check()
    found = record_get(table="taxonomy", record_id=str(taxonomy_id))
    return JsonResponse(found) if found else _not_found(request)


@hsds_view
def taxonomy_terms(request: HttpRequest, actor: Actor | None) -> HttpResponseBase:
    params = Params(request.GET, ("search", "taxonomy_id", "top_only", "parent_id", *PAGING))
    paging, fmt = params.paging(), params.format()
    taxonomy_id, parent_id, top_only = (
        params.uuid("taxonomy_id"),
        params.uuid("parent_id"),
        params.boolean("top_only"),
    )
    params.check()
    page = publishing.taxonomy_terms_page(
        paging,
        search=params.text("search"),
        taxonomy_id=taxonomy_id,
        top_only=top_only,
        parent_id=parent_id,
    )
    return _respond(params, page, fmt)


@hsds_view
def taxonomy_term_detail(request: HttpRequest, actor: Actor | None, term_id: str) -> HttpResponse:
    Params(request.GET, ()).check()
    found = record_get(table="taxonomy_term", record_id=str(term_id))
    return JsonResponse(found) if found else _not_found(request)

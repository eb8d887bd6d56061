"""RFC 9457 problem details for every API error, naming each invalid field."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from caseweave.access.errors import NotFound
from caseweave.api import ratelimit
from caseweave.api.errors import InvalidInput, MissingScope, NotPermitted, RateLimited

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger(__name__)


def problem_body(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "instance": request.path,
    }
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return body


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> HttpResponse:
    body = problem_body(request, status, title, detail, errors, **extra)
    response: HttpResponse = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_JSON
    return response


def _pointer(location: tuple[Any, ...]) -> tuple[str, str]:
    """Ninja's error loc -> (where, JSON pointer), e.g. ("body", "payload", "email") -> "/email".

    A body's loc starts with the name of the endpoint's body parameter, which is not part
    of the document the client sent, so it is dropped; a missing body points at "" (root).
    """
    parts = [str(part).replace("~", "~0").replace("/", "~1") for part in location]
    source = parts[0] if parts else "body"
    rest = parts[1:]
    if source == "body" and rest:
        rest = rest[1:]
    return source, "".join(f"/{part}" for part in rest)


def _field_errors(errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {"in": "body", "field": field, "pointer": f"/{field}", "detail": message}
        for field, messages in errors.items()
        for message in messages
    ]


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            source, pointer = _pointer(tuple(error.get("loc", ())))
            errors.append(
                {
                    "in": source,
                    "field": pointer.lstrip("/").replace("/", ".") or source,
                    "pointer": pointer,
                    "detail": error.get("msg", "invalid"),
                }
            )
        return problem(
            api, request, 422, "Invalid request", f"{len(errors)} invalid field(s)", errors
        )

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        errors = _field_errors(exc.errors)
        return problem(
            api, request, 422, "Invalid request", f"{len(errors)} invalid field(s)", errors
        )

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return problem(api, request, 404, "Not found")

    @api.exception_handler(MissingScope)
    def missing_scope(request: HttpRequest, exc: MissingScope) -> HttpResponse:
        return problem(
            api,
            request,
            403,
            "Missing scope",
            f"This API client's token lacks the scope '{exc.scope}'.",
            missing_scope=exc.scope,
        )

    @api.exception_handler(NotPermitted)
    def not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        return problem(api, request, 403, "Forbidden", str(exc))

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = problem(
            api,
            request,
            429,
            "Too many requests",
            f"Rate limit exceeded; retry after {exc.retry_after} seconds.",
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        # Anonymous callers (and wrong tokens) are limited per address: this slows
        # token guessing as well as floods.
        try:
            ratelimit.enforce(request, f"ip:{ratelimit.client_address(request)}")
        except RateLimited as limited:
            return rate_limited(request, limited)
        return problem(
            api,
            request,
            401,
            "Authentication required",
            "Sign in, or send an API token as 'Authorization: Bearer <token>'.",
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc) or "Error")


def _problem_for_not_allowed(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Ninja answers a wrong method with a plain-text 405; answer problem+json instead."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            body = problem_body(
                request,
                405,
                "Method not allowed",
                f"{request.method} is not allowed here; use {allowed}.",
            )
            replacement = JsonResponse(body, status=405, content_type=PROBLEM_JSON)
            replacement["Allow"] = allowed
            return replacement
        return response

    return wrapped


def wrap_not_allowed(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrap_not_allowed(pattern.url_patterns)
        else:
            pattern.callback = _problem_for_not_allowed(pattern.callback)

"""RFC 9457 problem details for every API error, naming each invalid field."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from caseweave.access.errors import NotFound

PROBLEM_JSON = "application/problem+json"


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
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
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_JSON
    return response


def _pointer(location: tuple[Any, ...]) -> tuple[str, str]:
    """Ninja's error loc, e.g. ("body", "payload", "email") -> ("body", "/email")."""
    parts = [str(part) for part in location]
    source = parts[0] if parts else "body"
    rest = parts[1:]
    if source == "body" and rest and rest[0] in {"payload", "data", "body"}:
        rest = rest[1:]
    return source, "/" + "/".join(rest)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            source, pointer = _pointer(tuple(error.get("loc", ())))
            errors.append(
                {
                    "in": source,
                    "field": pointer.lstrip("/").replace("/", "."),
                    "pointer": pointer,
                    "detail": error.get("msg", "invalid"),
                }
            )
        return problem(
            api, request, 422, "Invalid request", f"{len(errors)} invalid field(s)", errors
        )

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return problem(api, request, 404, "Not found")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
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

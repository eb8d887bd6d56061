"""Error pages: problem+json for API paths, HTML for people."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

PROBLEM_JSON = "application/problem+json"


def _problem(request: HttpRequest, status: int, title: str) -> JsonResponse:
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "instance": request.path},
        status=status,
        content_type=PROBLEM_JSON,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _problem(request, 404, "Not found")
    return render(request, "web/errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _problem(request, 403, "Forbidden")
    return render(request, "web/errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _problem(request, 500, "Internal server error")
    return render(request, "web/errors/500.html", status=500)

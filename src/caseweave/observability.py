"""Request ids and structured logging: every log line of a request carries its id."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
access_log = logging.getLogger("caseweave.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    """The id of the request being served, or "-" outside a request (tasks, commands)."""
    return _request_id.get()


@contextmanager
def request_scope(request_id: str) -> Iterator[None]:
    """Everything inside counts as one request: its log lines, audit events and the access
    policy's per-request cache share ``request_id``."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdMiddleware:
    """Take X-Request-ID from the proxy when well-formed, else make one; echo it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        # Django logs 4xx/5xx responses after the middleware chain has returned; the
        # filter finds the id on the request then.
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.monotonic()
        with request_scope(request_id):
            response = self.get_response(request)
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    **_caller(request),
                },
            )
        response["X-Request-ID"] = request_id
        return response


def _caller(request: HttpRequest) -> dict[str, object]:
    """Ids of who called (set by authentication during the request), never names."""
    caller: dict[str, object] = {}
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        caller["user_id"] = user.pk
    client = getattr(request, "api_client", None)
    if client is not None:
        caller["api_client_id"] = client.pk
    return caller


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id()
        if request_id == "-":
            request_id = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = request_id
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; extra fields passed with ``extra=`` are kept."""

    _standard = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
        "message",
        "asctime",
        "request_id",
        "request",  # Django's HttpRequest on django.request records: not serialisable
    }

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id()),
        }
        for key, value in vars(record).items():
            if key not in self._standard and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)

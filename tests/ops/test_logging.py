"""Structured logging: one JSON object per line, each line of a request carrying its id."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseweave.observability import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django, logging
django.setup()
from django.test import Client
client = Client()
logging.getLogger("caseweave.test").info("outside any request")
response = client.get("/api/v1/no-such-route", headers={"X-Request-ID": "trace-0123456789"})
print("ECHO", response["X-Request-ID"], flush=True)
response = client.get("/healthz", headers={"X-Request-ID": "<script>bad</script>"})
print("ECHO", response["X-Request-ID"], flush=True)
"""


@pytest.fixture(scope="module")
def json_run(tmp_path_factory) -> subprocess.CompletedProcess[str]:
    data_dir = tmp_path_factory.mktemp("logging")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caseweave.settings",
        "CASEWEAVE_LOG_FORMAT": "json",
        "CASEWEAVE_DATA_DIR": str(data_dir),
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_every_log_line_is_one_json_object(json_run) -> None:
    lines = [line for line in json_run.stderr.splitlines() if line.strip()]
    assert lines
    records = [json.loads(line) for line in lines]
    assert all({"time", "level", "logger", "message", "request_id"} <= set(r) for r in records)


def test_every_line_of_a_request_carries_its_id(json_run) -> None:
    records = [json.loads(line) for line in json_run.stderr.splitlines() if line.strip()]
    traced = [r for r in records if r["request_id"] == "trace-0123456789"]
    loggers = {r["logger"] for r in traced}
    # The access line and Django's own "Not Found" warning, logged after the middleware.
    assert {"caseweave.request", "django.request"} <= loggers
    access = next(r for r in traced if r["logger"] == "caseweave.request")
    assert (access["method"], access["path"], access["status"]) == (
        "GET",
        "/api/v1/no-such-route",
        404,
    )
    outside = next(r for r in records if r["message"] == "outside any request")
    assert outside["request_id"] == "-"


def test_the_request_id_is_echoed_or_replaced_when_malformed(json_run) -> None:
    echoes = [line.split()[1] for line in json_run.stdout.splitlines() if line.startswith("ECHO")]
    assert echoes[0] == "trace-0123456789"
    assert echoes[1] != "<script>bad</script>" and len(echoes[1]) == 32


def test_the_formatter_keeps_extra_fields_and_exceptions() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("job",), None)
    record.token_id = 7
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    payload = json.loads(JsonFormatter().format(record))
    assert payload["message"] == "failed job"
    assert payload["token_id"] == 7
    assert "ValueError: boom" in payload["exception"]


@pytest.mark.django_db
def test_the_access_line_names_the_api_client_by_id(client, caplog) -> None:
    from caseweave.api.tests.factories import ApiClientFactory, token_for

    api_client = ApiClientFactory()
    _, raw = token_for(api_client)
    with caplog.at_level(logging.INFO, logger="caseweave.request"):
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    (line,) = [r for r in caplog.records if r.name == "caseweave.request"]
    assert line.api_client_id == api_client.pk
    assert line.user_id == api_client.acting_membership.user_id
    assert line.status == 200

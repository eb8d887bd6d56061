"""Liveness and readiness probes: readiness fails while the database cannot serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthz_answers_ok(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_migrated(client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok"},
    }


def test_readyz_is_503_while_migrations_are_pending(client, settings) -> None:
    # The api app's migrations plus one never applied, as after deploying new code
    # before running ``caseweave migrate``.
    settings.MIGRATION_MODULES = {"api": "tests.ops.pending_migrations"}
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "migrations": "1 pending"}


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path) -> None:
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/readyz')\n"
        "print(response.status_code, response.content.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caseweave.settings",
        # Nothing listens on the discard port: connecting fails at once.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/caseweave",
        "CASEWEAVE_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        "CASEWEAVE_LOG_LEVEL": "CRITICAL",
    }
    run = subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    status, body = run.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "unavailable",
        "checks": {"database": "unreachable: OperationalError"},
    }


def test_probes_answer_get_only(client) -> None:
    assert client.post("/healthz").status_code == 405

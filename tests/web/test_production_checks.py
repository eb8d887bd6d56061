"""Production mode refuses insecure settings: `caseweave check` fails and `serve` won't start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SECURE = {
    "CASEWEAVE_MODE": "production",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-tests-only-" + "z" * 20,
    "ALLOWED_HOSTS": "caseweave.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cw_sec_unused",
    "DEBUG": "0",
    "CASEWEAVE_SITE_URL": "https://caseweave.example.org",
}


def _run(command: list[str], tmp_path, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **SECURE, "CASEWEAVE_DATA_DIR": str(tmp_path), **overrides}
    # Set by the browser tests' fixture in this process; a deployment would never have it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(  # noqa: S603  (fixed argv: this interpreter running caseweave)
        [sys.executable, "-m", "caseweave", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_secure_production_settings_pass(tmp_path) -> None:
    result = _run(["check"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Caseweave checks passed" in result.stdout


def test_check_warns_when_emails_cannot_link_back(tmp_path) -> None:
    result = _run(["check"], tmp_path, CASEWEAVE_SITE_URL="")
    assert "caseweave.W010" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "caseweave.E006"),
        ({"DEBUG": "1"}, "caseweave.E001"),
        ({"ALLOWED_HOSTS": "*"}, "caseweave.E004"),
    ],
)
def test_check_refuses_insecure_production_settings(tmp_path, overrides, problem) -> None:
    result = _run(["check"], tmp_path, **overrides)
    assert result.returncode != 0
    assert problem in result.stderr


def test_serve_refuses_to_start_with_insecure_settings(tmp_path) -> None:
    result = _run(["serve", "--port", "0", "--no-worker"], tmp_path, SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "caseweave.E006" in result.stderr
    assert "is running" not in result.stdout

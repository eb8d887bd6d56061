"""Configuration from the environment fails loudly and says what to set."""

from __future__ import annotations

import os
import subprocess
import sys


def _start(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, "-m", "caseweave", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_secret_key_stops_with_one_clear_line(tmp_path) -> None:
    result = _start(
        {"CASEWEAVE_MODE": "production", "SECRET_KEY": "", "CASEWEAVE_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_database_url_names_the_variable(tmp_path) -> None:
    result = _start({"DATABASE_URL": "nonsense://", "CASEWEAVE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_password_hashing_is_argon2() -> None:
    """Production settings hash passwords with argon2 (tests swap in a fast hasher)."""
    from caseweave import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_an_import_retention_out_of_range_names_the_variable(tmp_path) -> None:
    result = _start({"CASEWEAVE_IMPORT_RETENTION_HOURS": "0", "CASEWEAVE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "CASEWEAVE_IMPORT_RETENTION_HOURS=0 must be between 1 and 8784" in result.stderr
    assert "Traceback" not in result.stderr

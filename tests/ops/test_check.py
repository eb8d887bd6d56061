"""``caseweave check`` also reaches Redis when the cache or the task queue uses it."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def _redis_cache(url: str) -> dict[str, dict[str, str]]:
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


def test_it_passes_when_redis_answers(settings) -> None:
    settings.CACHES = _redis_cache("redis://127.0.0.1:6379/15")
    out = StringIO()
    call_command("cw_check", stdout=out)
    assert "checks passed" in out.getvalue()


def test_it_names_an_unreachable_redis(settings) -> None:
    settings.CACHES = _redis_cache("redis://127.0.0.1:9/0")
    with pytest.raises(CommandError, match=r"REDIS_URL: cannot reach redis://127\.0\.0\.1:9/0"):
        call_command("cw_check", stdout=StringIO())


def test_the_rq_configuration_passes_the_checks(tmp_path) -> None:
    env = {
        **os.environ,
        "CASEWEAVE_TASK_BACKEND": "rq",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CASEWEAVE_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "caseweave", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Caseweave checks passed." in run.stdout

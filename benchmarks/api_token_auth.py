"""Latency of authenticated API calls: bearer token vs session, through the full stack.

Usage: .venv/bin/python benchmarks/api_token_auth.py [REQUESTS]
Builds a throw-away SQLite database (or uses DATABASE_URL), then times GET /api/v1/me
through Django's test client (all middleware, auth, rate limit, audit-free endpoint).
Prints median and 95th-percentile milliseconds per request for each kind of caller.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
os.environ.setdefault("CASEWEAVE_DATA_DIR", tempfile.mkdtemp(prefix="cw-bench-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CASEWEAVE_LOG_LEVEL", "WARNING")
os.environ["CASEWEAVE_API_RATE_LIMIT_PER_MINUTE"] = "1000000"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from caseweave.api.tests.factories import ApiClientFactory, token_for  # noqa: E402
from caseweave.core.tests.factories import MembershipFactory  # noqa: E402


def timed(client: Client, headers: dict[str, str], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get("/api/v1/me", headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"{name:<8} n={len(samples)}  median {statistics.median(samples):6.2f} ms  "
        f"p95 {p95:6.2f} ms  {1000 / statistics.mean(samples):7.1f} req/s"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    call_command("migrate", verbosity=0)
    membership = MembershipFactory()
    _, raw = token_for(ApiClientFactory(acting_membership=membership))
    bearer = Client()
    session = Client()
    session.force_login(membership.user, backend="django.contrib.auth.backends.ModelBackend")
    timed(bearer, {"Authorization": f"Bearer {raw}"}, 20)  # warm-up
    timed(session, {}, 20)
    report("token", timed(bearer, {"Authorization": f"Bearer {raw}"}, count))
    report("session", timed(session, {}, count))


if __name__ == "__main__":
    main()

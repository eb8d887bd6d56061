"""The matrix checks who may use each route, not how often: API rate limits are off here.

The limiter counts per user id in the cache, which outlives each test's rolled-back
database, so ids reused across the matrix's thousands of requests reached the per-minute
limit and later routes answered 429. ``src/caseweave/api/tests/test_ratelimit.py`` tests
the limits themselves.
"""

from __future__ import annotations

import pytest

UNREACHABLE_LIMIT = 1_000_000_000


@pytest.fixture(autouse=True)
def rate_limits_off(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = UNREACHABLE_LIMIT

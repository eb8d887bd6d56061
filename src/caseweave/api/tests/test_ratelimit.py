"""Rate limits per API client, per staff member and per address: 429 with Retry-After."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from caseweave.api import ratelimit
from caseweave.api.tests.factories import ApiClientFactory, token_for

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)  # the start of a one-minute window


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_client_over_the_limit_gets_429_with_retry_after(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 3
    _, raw = token_for(ApiClientFactory())
    headers = {"Authorization": f"Bearer {raw}"}

    with time_machine.travel(START.replace(second=15), tick=False):
        statuses = [Client().get("/api/v1/me", headers=headers).status_code for _ in range(4)]
        refused = Client().get("/api/v1/me", headers=headers)

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["Retry-After"] == "45"
    assert refused.json()["title"] == "Too many requests"


def test_each_client_has_its_own_budget(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 1
    _, first = token_for(ApiClientFactory())
    _, second = token_for(ApiClientFactory())

    def call(raw: str) -> int:
        return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code

    with time_machine.travel(START, tick=False):
        assert [call(first), call(first), call(second)] == [200, 429, 200]


def test_the_limit_lifts_once_the_window_has_slid_past(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 2
    _, raw = token_for(ApiClientFactory())
    headers = {"Authorization": f"Bearer {raw}"}
    with time_machine.travel(START.replace(second=50), tick=False):
        for _ in range(3):
            Client().get("/api/v1/me", headers=headers)
    # 30 s into the next window half of the previous one still counts (3 * 0.5 = 1.5).
    with time_machine.travel(START.replace(minute=1, second=30), tick=False):
        assert Client().get("/api/v1/me", headers=headers).status_code == 429
    with time_machine.travel(START.replace(minute=2, second=1), tick=False):
        assert Client().get("/api/v1/me", headers=headers).status_code == 200


def test_a_signed_in_staff_member_is_limited_per_user(settings, personas, client_for) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 2
    browser = client_for(personas["caseworker"])
    with time_machine.travel(START, tick=False):
        statuses = [browser.get("/api/v1/me").status_code for _ in range(3)]
        other = client_for(personas["outreach_worker"]).get("/api/v1/me").status_code
    assert statuses == [200, 200, 429]
    assert other == 200


def test_anonymous_callers_are_limited_per_address(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 2
    with time_machine.travel(START, tick=False):
        here = [Client(REMOTE_ADDR="203.0.113.7").get("/api/v1/me").status_code for _ in range(3)]
        there = Client(REMOTE_ADDR="203.0.113.8").get("/api/v1/me").status_code
    assert here == [401, 401, 429]
    assert there == 401


def test_zero_switches_limiting_off(settings) -> None:
    settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE = 0
    with time_machine.travel(START, tick=False):
        assert {Client().get("/api/v1/me").status_code for _ in range(5)} == {401}


@settings(max_examples=40, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=20),
    offsets=st.lists(st.floats(min_value=0, max_value=59.999), min_size=1, max_size=60),
)
def test_no_window_of_one_minute_admits_more_than_the_limit(limit, offsets) -> None:
    """Within any single fixed minute, admitted requests never exceed the limit."""
    cache.clear()
    base = START.timestamp()
    admitted = sum(
        ratelimit.hit("property", limit, now=base + offset) is None for offset in sorted(offsets)
    )
    assert admitted <= limit


@pytest.fixture
def redis_cache(settings):
    import redis
    from django.core.cache import caches

    prefix = f"cw-api-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        }
    }
    yield caches["default"]
    # Only this test's keys: clear() would flush a database others may share.
    connection = redis.Redis.from_url("redis://127.0.0.1:6379/14")
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


def test_the_limit_holds_on_the_shared_redis_cache(redis_cache) -> None:
    """With REDIS_URL (production) the counters live in Redis, shared by every process."""
    assert type(redis_cache).__name__ == "RedisCache"
    now = START.timestamp() + 10
    waits = [ratelimit.hit("client:redis", 3, now=now) for _ in range(5)]
    assert waits == [None, None, None, 50, 50]
    assert redis_cache.get(f"ratelimit:client:redis:{int(now // 60)}") == 5

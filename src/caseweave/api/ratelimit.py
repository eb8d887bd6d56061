"""Per-caller request limits in the shared cache (Redis in production).

A sliding window approximated from two fixed one-minute windows: the previous window's
count is weighted by how much of it still overlaps the last 60 seconds. Counters use the
cache's atomic ``incr``, so several app servers sharing Redis share one limit. Callers are
keyed as ``client:<id>`` (API token), ``user:<id>`` (session) or ``ip:<address>``
(anonymous, counted when authentication fails).
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from caseweave.api.errors import RateLimited

WINDOW_SECONDS = 60


def _count(cache_key: str) -> int:
    # add() is a no-op when the key exists; incr() is atomic on Redis and locmem.
    cache.add(cache_key, 0, timeout=2 * WINDOW_SECONDS + 5)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=2 * WINDOW_SECONDS + 5)
        return 1


def hit(caller: str, limit: int, now: float | None = None) -> int | None:
    """Count one request by ``caller``; the seconds to wait if over ``limit``, else None."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    current = _count(f"ratelimit:{caller}:{window}")
    previous = int(cache.get(f"ratelimit:{caller}:{window - 1}", 0))
    elapsed = now - window * WINDOW_SECONDS
    estimate = previous * (1 - elapsed / WINDOW_SECONDS) + current
    if estimate <= limit:
        return None
    return max(1, math.ceil(WINDOW_SECONDS - elapsed))


def limit_per_minute() -> int:
    return int(settings.CASEWEAVE_API_RATE_LIMIT_PER_MINUTE)


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR is the reverse proxy's view of the caller when it sets it (see
    # docs/operations.md); never trust X-Forwarded-For here, the caller can forge it.
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def enforce(request: HttpRequest, caller: str) -> None:
    """Raise RateLimited (429 with Retry-After) when ``caller`` is over the limit."""
    limit = limit_per_minute()
    if limit <= 0:  # 0 switches limiting off (e.g. behind a gateway that limits)
        return
    wait = hit(caller, limit)
    if wait is not None:
        raise RateLimited(wait)

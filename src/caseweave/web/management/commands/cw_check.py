"""``caseweave check``: Django's system checks plus Caseweave's own (production settings).

Also connects to what the configuration names but Django's checks do not open: the
Redis behind the task queue and the cache, so a wrong REDIS_URL fails here, not at the
first enqueued task.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def redis_urls() -> list[str]:
    urls: list[str] = []
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        urls.append(str(cache["LOCATION"]))
    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
        urls += [str(queue["URL"]) for queue in getattr(settings, "RQ_QUEUES", {}).values()]
    return sorted(set(urls))


class Command(BaseCommand):
    help = "Run Django's and Caseweave's system checks (deploy checks in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", deploy=settings.PRODUCTION, fail_level="ERROR")
        import redis

        for url in redis_urls():
            try:
                redis.Redis.from_url(url, socket_connect_timeout=3).ping()
            except redis.RedisError as error:
                raise CommandError(f"REDIS_URL: cannot reach {url}: {error}") from error
        self.stdout.write("Caseweave checks passed.")

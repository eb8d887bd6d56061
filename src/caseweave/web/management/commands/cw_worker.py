"""``caseweave worker``: run background tasks from the configured task backend."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the background task worker (database backend by default, RQ with Redis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run queued tasks, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_db"):
            call_command("db_worker", batch=options["batch"])
        elif backend.startswith("django_tasks_rq"):
            call_command("rqworker", "default", burst=options["batch"])
        else:
            raise CommandError(
                f"the task backend {backend} runs tasks in-process; no worker needed"
            )

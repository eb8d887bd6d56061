"""``caseweave worker``: run background tasks from the configured task backend.

The database backend (embedded default) is worked by django-tasks-db's ``db_worker``;
the RQ backend (production, with Redis) by an RQ worker on the queues in ``TASKS``.
``--batch`` runs what is queued and exits (cron, tests, one-off maintenance).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the background task worker (database backend by default, RQ with Redis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run queued tasks, then exit")
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            help="a queue to work (repeatable; default: every queue of the backend)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        config = settings.TASKS["default"]
        backend = config["BACKEND"]
        queues: list[str] = options["queues"] or list(config.get("QUEUES") or ["*"])
        if backend.startswith("django_tasks_db"):
            call_command(
                "db_worker",
                batch=options["batch"],
                queue_name=",".join(queues),
                startup_delay=False,
                reload=False,
                verbosity=options["verbosity"],
            )
        elif backend.startswith("django_tasks_rq"):
            self._work_rq(queues, burst=options["batch"])
        else:
            raise CommandError(
                f"the task backend {backend} runs tasks in-process; no worker needed"
            )

    def _work_rq(self, queues: list[str], *, burst: bool) -> None:
        import django_rq

        if "*" in queues:
            queues = list(settings.RQ_QUEUES)
        # django-tasks-rq stores its task result on its own Job class; a plain RQ job
        # cannot call a Task object (TypeError: 'Task' object is not callable).
        worker = django_rq.get_worker(*queues, job_class="django_tasks_rq.backend.Job")
        self.stdout.write(f"RQ worker on {', '.join(queues)} (burst={burst})")
        worker.work(burst=burst, with_scheduler=False)

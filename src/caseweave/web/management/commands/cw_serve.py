"""``caseweave serve``: a production-grade WSGI server (waitress) plus, embedded, the worker."""

from __future__ import annotations

import atexit
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve Caseweave over HTTP (waitress); in embedded mode also run the task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--trusted-proxy",
            default=None,
            help="address of the reverse proxy whose X-Forwarded-For/-Proto to believe "
            "(REMOTE_ADDR then is the client's address, used by per-address rate limits)",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background task worker alongside",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from caseweave.wsgi import application

        if settings.PRODUCTION:
            call_command("check", deploy=True, fail_level="ERROR")
        if settings.PRODUCTION or not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_worker"] and not settings.PRODUCTION:
            worker = subprocess.Popen([sys.executable, "-m", "caseweave", "worker"])
            atexit.register(worker.terminate)
        proxy: dict[str, Any] = {}
        if options["trusted_proxy"]:
            proxy = {
                "trusted_proxy": options["trusted_proxy"],
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
                "clear_untrusted_proxy_headers": True,
            }
        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(f"Caseweave is running at {url}  (Ctrl+C to stop)")
        try:
            serve(
                application,
                host=options["host"],
                port=options["port"],
                threads=options["threads"],
                ident="Caseweave",
                **proxy,
            )
        except OSError as error:
            raise CommandError(f"cannot listen on {url}: {error}") from error

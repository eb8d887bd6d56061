"""``caseweave check``: Django's system checks plus Caseweave's own (production settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Django's and Caseweave's system checks (deploy checks in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", deploy=settings.PRODUCTION, fail_level="ERROR")
        self.stdout.write("Caseweave checks passed.")

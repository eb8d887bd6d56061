"""``caseweave unlock EMAIL``: clear a locked-out account's failed sign-in attempts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseweave.core.actions import account_unlock
from caseweave.core.errors import CoreError


class Command(BaseCommand):
    help = "Unlock a staff account locked after too many failed sign-in attempts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the staff member's email address")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            cleared = account_unlock(actor=None, email=options["email"])
        except CoreError as error:
            raise CommandError(f"{options['email']}: {error.message}") from error
        self.stdout.write(
            f"Unlocked {options['email']} ({cleared} failed attempt record(s) cleared)."
        )

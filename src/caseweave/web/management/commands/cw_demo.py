"""``caseweave demo``: migrate, seed a synthetic district, print the logins, serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from caseweave.core import demo as core_demo
from caseweave.directory import demo as directory_demo
from caseweave.people import demo as people_demo

SIZES = {"small": 200, "medium": 5_000, "large": 100_000}


def parse_size(raw: str) -> int:
    if raw in SIZES:
        return SIZES[raw]
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    raise ValueError(f"--size {raw!r}: use small, medium, large or a number of persons")


class Command(BaseCommand):
    help = "Prepare the database with synthetic demo data and serve Caseweave."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            default="small",
            help="small (200), medium (5,000), large (100,000) or a number of persons",
        )
        parser.add_argument("--no-serve", action="store_true", help="prepare only; do not serve")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            size = parse_size(options["size"])
        except ValueError as error:
            self.stderr.write(str(error))
            raise SystemExit(2) from error
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        core = core_demo.seed()
        directory = directory_demo.seed(core)
        self.stdout.write(f"Service directory ready ({directory['unchanged']} listings unchanged).")
        people = people_demo.seed(core, size, progress=options["verbosity"] > 0)
        self.stdout.write(
            f"Demo people ready ({people['created']} created, {people['existing']} already there)."
        )
        self.stdout.write(f"Demo district ready ({size} persons requested).")
        self.stdout.write("\nDemo logins (synthetic accounts; every password is the same):")
        for role, email, password in core.logins:
            self.stdout.write(f"  {role:<26} {email:<48} {password}")
        for email, (totp_key, backup_codes) in core.two_factor.items():
            self.stdout.write(
                f"  two-step sign-in for {email}: authenticator key {totp_key}, "
                f"backup codes {' '.join(backup_codes)}"
            )
        if not options["no_serve"]:
            call_command("cw_serve", host=options["host"], port=options["port"])

"""``caseweave audit verify``: check the audit log's hash chain."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from caseweave.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. 'verify' checks the hash chain and names the first broken event."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        verify = commands.add_parser("verify", help="check the hash chain of every event")
        verify.add_argument(
            "--expect-head",
            default="",
            help="the head hash recorded earlier (e.g. in an external log); "
            "fails if that event is gone, which catches removal of the newest events",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify(options["expect_head"])

    def verify(self, expect_head: str) -> None:
        result = verify_chain()
        if result.first_break is not None:
            broken = result.first_break
            raise CommandError(
                f"audit chain broken at event #{broken.event_id} ({broken.kind}): "
                f"{broken.detail}; {result.checked} event(s) before it are intact",
                returncode=1,
            )
        if expect_head:
            from caseweave.audit.models import AuditEvent

            if not AuditEvent.objects.filter(hash=expect_head).exists():
                raise CommandError(
                    f"audit chain intact but the expected head {expect_head[:16]}… is missing: "
                    "the newest events were removed",
                    returncode=1,
                )
        self.stdout.write(f"audit chain intact: {result.checked} event(s), head {result.head_hash}")

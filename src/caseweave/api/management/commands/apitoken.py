"""``caseweave apitoken``: issue, revoke and purge API tokens from the command line.

For operators bootstrapping an integration (the web pages at /api-clients/ are the
everyday way). Runs as a system actor; every change is audited with this command's name.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.api import actions, tasks
from caseweave.api.errors import InvalidInput
from caseweave.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue (create), revoke or purge API tokens of API clients."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="issue a token; prints it once")
        create.add_argument("--client", type=int, required=True, help="API client id")
        create.add_argument("--label", default="", help="where the token will be used")
        create.add_argument(
            "--expires-days", type=int, default=90, help="days until it expires (0: never)"
        )
        revoke = commands.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix", help="the 12 hex digits after cw_")
        purge = commands.add_parser("purge", help="delete long-expired or revoked tokens")
        purge.add_argument(
            "--enqueue", action="store_true", help="queue the purge for the worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system(f"caseweave apitoken {options['action']}")
        if options["action"] == "create":
            self._create(actor, options)
        elif options["action"] == "revoke":
            token = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError(f"no token with prefix {options['prefix']!r}")
            actions.token_revoke(actor=actor, token_id=token.pk)
            self.stdout.write(f"revoked cw_{token.prefix}_…")
        elif options["action"] == "purge":
            if options["enqueue"]:
                result = tasks.purge_expired_api_tokens.enqueue()
                self.stdout.write(f"queued purge task {result.id}")
            else:
                purged = actions.tokens_purge_expired(actor=actor)
                self.stdout.write(f"purged {purged} token(s)")

    def _create(self, actor: Actor, options: dict[str, Any]) -> None:
        days = options["expires_days"]
        if days < 0:
            raise CommandError("--expires-days: give 0 (never) or a positive number of days")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            issued = actions.token_issue(
                actor=actor,
                client_id=options["client"],
                label=options["label"],
                expires_at=expires_at,
            )
        except NotFound as error:
            raise CommandError(f"--client: no API client with id {options['client']}") from error
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        # The secret goes to stdout alone, so scripts can capture it; it is never stored.
        self.stdout.write(issued.secret)
        self.stderr.write(
            f"token cw_{issued.token.prefix}_… for client {options['client']}"
            f" expires {expires_at.isoformat() if expires_at else 'never'}; "
            "copy it now, it is not shown again"
        )

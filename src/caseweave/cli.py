"""The ``caseweave`` command: Django's management commands under friendlier names.

``caseweave demo`` prepares the embedded database with demo data and serves it;
``caseweave serve``, ``migrate``, ``createadmin``, ``worker`` and ``check`` do one
thing each; anything else is passed to Django's manage.py machinery unchanged.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "serve": "cw_serve",
    "worker": "cw_worker",
    "check": "cw_check",
    "demo": "cw_demo",
    "createadmin": "cw_createadmin",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
    from caseweave.conf import ConfigurationError

    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        print(
            "Commands: demo, serve, migrate, createadmin, worker, check, and any manage.py command."
        )
        return 0
    command = ALIASES.get(args[0], args[0])
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["caseweave", command, *args[1:]])
    except ConfigurationError as error:
        print(f"caseweave: configuration error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

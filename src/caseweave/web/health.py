"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


# Loading the migration graph reads every migration file: do it until the answer is
# "all applied", then never again in this process (new migrations arrive with new code,
# that is, a new process). Changing MIGRATION_MODULES (tests) forgets the answer.
_migrations_applied = False


@receiver(setting_changed)
def _forget_migration_state(*, setting: str, **kwargs: object) -> None:
    global _migrations_applied
    if setting == "MIGRATION_MODULES":
        _migrations_applied = False


def _pending_migrations() -> int:
    global _migrations_applied
    if _migrations_applied:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = pending == 0
    return pending


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """The database answers and every migration is applied."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        pending = _pending_migrations()
        checks["migrations"] = "ok" if not pending else f"{pending} pending"
    except DatabaseError as error:
        checks["database"] = f"unreachable: {error.__class__.__name__}"
    ready = all(value == "ok" for value in checks.values()) and "migrations" in checks
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )

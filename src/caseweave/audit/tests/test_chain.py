"""The audit chain: tampering of any kind is refused when possible and always detected."""
# ruff: noqa: S608  # the tests play an attacker writing raw SQL against a fixed table name

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from caseweave.audit import events, recorder
from caseweave.audit.models import AuditEvent, AuditTamperError
from caseweave.audit.verify import CHANGED, INSERTED, REMOVED, REORDERED, verify_chain

pytestmark = pytest.mark.django_db

TABLE = "audit_auditevent"


def _events(count: int) -> list[AuditEvent]:
    return [
        recorder.record(None, events.PERSON_VIEWED, action="view", person_id=uuid.uuid4())
        for _ in range(count)
    ]


@contextmanager
def _as_database_owner():
    """What an attacker with direct database access does: on PostgreSQL, switch the
    refusing trigger off (inside the test's transaction, so it comes back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_event_no_update_delete")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_event_no_update_delete")


def _verify_fails_naming(event_id: int, kind: str) -> None:
    result = verify_chain()
    assert result.first_break is not None
    assert (result.first_break.event_id, result.first_break.kind) == (event_id, kind), (
        result.first_break
    )
    with pytest.raises(CommandError) as failed:
        call_command("audit", "verify")
    assert failed.value.returncode == 1
    assert f"#{event_id}" in str(failed.value) and kind in str(failed.value)


def test_an_untouched_chain_verifies(capsys) -> None:
    _events(5)
    result = verify_chain(batch_size=2)
    assert result.ok and result.checked == 5
    call_command("audit", "verify")
    assert "intact: 5 event(s)" in capsys.readouterr().out


def test_a_changed_event_is_named() -> None:
    first, second, third = _events(3)
    with _as_database_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'export' WHERE id = %s", [second.pk])
    _verify_fails_naming(second.pk, CHANGED)


def test_a_removed_event_is_named() -> None:
    first, second, third, fourth = _events(4)
    with _as_database_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [second.pk])
    _verify_fails_naming(third.pk, REMOVED)


def test_reordered_events_are_named() -> None:
    first, second, third, fourth = _events(4)
    columns = [field.column for field in AuditEvent._meta.concrete_fields if field.column != "id"]
    with _as_database_owner() as cursor:
        rows = {}
        for event in (second, third):
            cursor.execute(f"SELECT {', '.join(columns)} FROM {TABLE} WHERE id = %s", [event.pk])
            rows[event.pk] = cursor.fetchone()
        # Swap the two rows' contents; the hash column is unique, so park one first.
        cursor.execute(f"UPDATE {TABLE} SET hash = 'parked' WHERE id = %s", [second.pk])
        assignments = ", ".join(f"{column} = %s" for column in columns)
        cursor.execute(
            f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*rows[second.pk], third.pk]
        )
        cursor.execute(
            f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*rows[third.pk], second.pk]
        )
    _verify_fails_naming(second.pk, REORDERED)


def test_an_inserted_event_is_named() -> None:
    (first,) = _events(1)
    # Leave a gap in the ids, as a rolled-back transaction does on PostgreSQL.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), %s)", [first.pk + 10]
            )
        else:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [first.pk + 10, TABLE]
            )
    second, third = _events(2)
    forged_id = first.pk + 5
    with _as_database_owner() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (id, occurred_at, event_type, actor_role, purpose, action, "
            "object_type, object_id, person_ids, categories, allowed, basis, basis_reference, "
            "user_agent, request_id, payload, previous_hash, hash) VALUES "
            "(%s, %s, 'person.viewed', '', '', 'view', '', '', %s, %s, %s, '', '', '', '', %s, "
            "%s, %s)",
            [
                forged_id,
                first.occurred_at,
                json.dumps([]),
                json.dumps([]),
                True,
                json.dumps({}),
                first.hash,
                "f" * 64,
            ],
        )
    _verify_fails_naming(forged_id, INSERTED)


def test_editing_or_deleting_through_the_application_fails_loudly_and_is_logged() -> None:
    (event,) = _events(1)
    event.action = "export"
    with pytest.raises(AuditTamperError):
        event.save()
    with pytest.raises(AuditTamperError):
        event.delete()
    with pytest.raises(AuditTamperError):
        AuditEvent.objects.filter(pk=event.pk).update(action="export")
    with pytest.raises(AuditTamperError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    attempts = AuditEvent.objects.filter(event_type=events.AUDIT_TAMPER_ATTEMPT)
    assert [attempt.action for attempt in attempts] == ["update", "delete", "update", "delete"]
    assert all(attempt.allowed is False for attempt in attempts)
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_itself_refuses_update_and_delete() -> None:
    (event,) = _events(1)
    for statement in (
        f"UPDATE {TABLE} SET action = 'export' WHERE id = %s",
        f"DELETE FROM {TABLE} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, [event.pk])

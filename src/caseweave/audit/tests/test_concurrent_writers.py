"""Concurrent writers on PostgreSQL keep one chain (the advisory lock serialises them)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, connections

from caseweave.audit import events, recorder
from caseweave.audit.models import AuditEvent
from caseweave.audit.verify import verify_chain

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite admits one writer at a time anyway"
    ),
]


def test_writers_starting_on_an_empty_table_never_fork_the_chain() -> None:
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def write() -> None:
        try:
            start.wait()
            for _ in range(15):
                recorder.record(None, events.PERSON_VIEWED, person_id=uuid.uuid4())
        except BaseException as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert AuditEvent.objects.count() == 60
    result = verify_chain()
    assert result.ok and result.checked == 60

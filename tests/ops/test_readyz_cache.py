"""/readyz loads the migration graph only until every migration is applied."""

from __future__ import annotations

import pytest
from django.db.migrations.loader import MigrationLoader

pytestmark = pytest.mark.django_db


def test_the_migration_graph_is_loaded_once_all_are_applied(client, monkeypatch) -> None:
    loads = []
    original = MigrationLoader.build_graph

    def counting(self: MigrationLoader) -> None:
        loads.append(1)
        original(self)

    monkeypatch.setattr(MigrationLoader, "build_graph", counting)
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert len(loads) <= 1  # zero when an earlier request in this process already checked


def test_pending_migrations_are_still_reported_after_a_good_answer(client, settings) -> None:
    assert client.get("/readyz").status_code == 200
    settings.MIGRATION_MODULES = {"api": "tests.ops.pending_migrations"}
    assert client.get("/readyz").status_code == 503

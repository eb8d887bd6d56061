"""Writing many rows fast: ``COPY`` on PostgreSQL, one ``executemany`` on SQLite.

For seeding and rebuilding derived rows, where Django's ``bulk_create`` spends most of its
time per object. Values go through each field's own ``get_db_prep_save``, so they are
stored exactly as the ORM would store them. No signals, no ``save()``: only for rows
whose model has no save-time logic.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.fields import AutoFieldMixin


def person_db_value(person_id: uuid.UUID) -> Any:
    """A person id as the database driver wants it (a UUID on PostgreSQL, hex on SQLite)."""
    return models.UUIDField().get_db_prep_value(person_id, connection)


def write_rows(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert ``objects`` (unsaved instances; automatic primary keys are left to the database)."""
    if not objects:
        return
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if not isinstance(field, AutoFieldMixin)
    ]
    rows = (
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    )
    write_tuples(model, [field.column for field in fields], rows)


def write_tuples(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows already in database form into ``columns`` of the model's table."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))  # noqa: S608  # names quoted, values bound

"""Sets of enum values stored in one text column as ``,a,b,``.

Portable across SQLite and PostgreSQL and filterable in one indexed-free ``LIKE``
inside a subquery, so the policy's list filter stays a single SQL statement.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q


def pack(values: Iterable[str]) -> str:
    unique = sorted({str(value) for value in values if str(value)})
    return f",{','.join(unique)}," if unique else ""


def unpack(packed: str) -> list[str]:
    return [value for value in packed.split(",") if value]


def has(field: str, value: str) -> Q:
    return Q(**{f"{field}__contains": f",{value},"})

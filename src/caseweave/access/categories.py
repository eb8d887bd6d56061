"""The categories in use: the fixed ones in code and the ones a data steward configured.

A configured category is a ``Category`` like any other: ``Category("gambling")`` returns
a member once a steward has added ``gambling`` (``Category._missing_`` asks this module),
so consents, agreements, the policy, notes and audit events handle both kinds alike.
``list(Category)`` stays the fixed set; ``all_categories()`` adds the configured ones.

Each process keeps the configured rows in memory and reloads them at most every
``RELOAD_SECONDS`` (a slug it has not seen is looked up at once). Sensitivity cannot
change after creation, so a stale copy can only show an old label for a moment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from caseweave.access import tokens
from caseweave.access.types import SENSITIVE_CATEGORIES, Category

RELOAD_SECONDS = 30.0


@dataclass(frozen=True)
class ConfiguredInfo:
    slug: str
    label: str
    description: str
    is_sensitive: bool
    record_types: frozenset[str]
    is_active: bool


_cache: dict[str, ConfiguredInfo] = {}
_loaded_at = float("-inf")


def _info(row: object) -> ConfiguredInfo:
    from caseweave.access.models import ConfiguredCategory

    assert isinstance(row, ConfiguredCategory)
    return ConfiguredInfo(
        slug=row.slug,
        label=row.label,
        description=row.description,
        is_sensitive=row.is_sensitive,
        record_types=frozenset(tokens.unpack(row.record_types)),
        is_active=row.is_active,
    )


def _configured() -> dict[str, ConfiguredInfo]:
    global _cache, _loaded_at
    if time.monotonic() - _loaded_at > RELOAD_SECONDS:
        from caseweave.access.models import ConfiguredCategory

        _cache = {row.slug: _info(row) for row in ConfiguredCategory.objects.all()}
        _loaded_at = time.monotonic()
    return _cache


def invalidate() -> None:
    """Forget the cached rows (called when a steward saves a category)."""
    global _loaded_at
    _loaded_at = float("-inf")


def info(slug: str) -> ConfiguredInfo | None:
    """The configured category ``slug``, looked up in the database when not yet cached."""
    global _cache
    found = _configured().get(slug)
    if found is None and slug not in FIXED_VALUES:
        from caseweave.access.models import ConfiguredCategory

        row = ConfiguredCategory.objects.filter(slug=slug).first()
        if row is not None:
            found = _info(row)
            # A new dict, never a change in place: other threads may be iterating the old.
            _cache = {**_cache, slug: found}
    return found


FIXED_VALUES = frozenset(str(category) for category in Category)


def is_sensitive(category: Category) -> bool:
    if category in SENSITIVE_CATEGORIES:
        return True
    if str(category) in FIXED_VALUES:
        return False
    found = info(str(category))
    # A category nobody configured cannot exist (``Category()`` refuses it); if its row
    # were unreadable, treating it as sensitive is the safe answer.
    return found is None or found.is_sensitive


def label(category: Category) -> str:
    found = info(str(category))
    return found.label if found is not None else str(category)


def configured(*, record_type: str | None = None, active_only: bool = True) -> list[Category]:
    """Configured categories, by label; ``record_type`` keeps those usable on that record."""
    rows = sorted(_configured().values(), key=lambda row: row.label.casefold())
    return [
        Category(row.slug)
        for row in rows
        if (row.is_active or not active_only)
        and (record_type is None or record_type in row.record_types)
    ]


def all_categories(*, active_only: bool = True) -> list[Category]:
    """The fixed categories, then the configured ones."""
    return [*Category, *configured(active_only=active_only)]


def choices(*, active_only: bool = True) -> list[tuple[str, str]]:
    """(value, label) pairs for forms: fixed and configured categories."""
    return [(str(category), category.label) for category in all_categories(active_only=active_only)]

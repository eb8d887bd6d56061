"""How core writes audit events without importing the audit module above it.

``core`` is the lowest layer (DESIGN.md): ``audit`` builds on it, so core may not
import ``caseweave.audit``. Core's actions and sign-in receivers still must audit
every change in the same transaction, so the recorder is named by a setting
(``CASEWEAVE_AUDIT_RECORDER``, like Django's pluggable backends) and called here.
A missing or broken recorder raises: a change is never stored without its audit row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from caseweave.access.types import Actor


class Recorder(Protocol):
    def __call__(
        self,
        actor: Actor | None,
        event_type: str,
        *,
        object_type: str = "",
        object_id: str | int = "",
        payload: dict[str, Any] | None = None,
    ) -> object: ...


def record(
    actor: Actor | None,
    event_type: str,
    *,
    object_type: str = "",
    object_id: str | int = "",
    payload: dict[str, Any] | None = None,
) -> None:
    """Append one audit event (ids and field names only) through the configured recorder."""
    recorder: Recorder = import_string(settings.CASEWEAVE_AUDIT_RECORDER)
    recorder(actor, event_type, object_type=object_type, object_id=object_id, payload=payload)

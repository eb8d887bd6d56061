"""Walk the audit chain and name the first event where it breaks, and why."""

from __future__ import annotations

from dataclasses import dataclass

from caseweave.audit.models import AuditEvent
from caseweave.audit.recorder import GENESIS_HASH, chain_key, event_hash

CHANGED = "changed"
REMOVED = "removed"
INSERTED = "inserted"
REORDERED = "reordered"


@dataclass(frozen=True)
class Break:
    event_id: int
    kind: str  # changed / removed / inserted / reordered
    detail: str


@dataclass(frozen=True)
class Result:
    checked: int
    head_hash: str
    first_break: Break | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def _id_of_hash(value: str) -> int | None:
    return AuditEvent.objects.filter(hash=value).values_list("id", flat=True).first()


def _diagnose(
    event: AuditEvent, expected_previous: str, previous_id: int | None, following: AuditEvent | None
) -> Break:
    """The chain breaks at ``event``: work out what was done to it."""
    key = chain_key()
    linked = event.previous_hash == expected_previous
    if not linked:
        pointed_at = _id_of_hash(event.previous_hash)
        if pointed_at is not None and pointed_at > event.id:
            return Break(
                event.id,
                REORDERED,
                f"event #{event.id} follows event #{pointed_at}, which is stored after it",
            )
    if following is not None and following.previous_hash == expected_previous:
        return Break(
            event.id,
            INSERTED,
            f"event #{event.id} is not part of the chain: event #{following.id} "
            f"follows {'the start' if previous_id is None else f'event #{previous_id}'} directly",
        )
    if linked:
        return Break(event.id, CHANGED, f"event #{event.id}'s content no longer matches its hash")
    pointed_at = _id_of_hash(event.previous_hash)
    if event_hash(event, event.previous_hash, key) != event.hash:
        return Break(event.id, CHANGED, f"event #{event.id} was altered, its links too")
    if pointed_at is None and previous_id is not None and event.id - previous_id > 1:
        return Break(
            event.id,
            REMOVED,
            f"event(s) between #{previous_id} and #{event.id} were removed",
        )
    if pointed_at is None and previous_id is None:
        return Break(event.id, REMOVED, f"event(s) before #{event.id} were removed")
    if pointed_at is not None:
        return Break(
            event.id,
            REMOVED,
            f"event #{event.id} follows event #{pointed_at}; the events after that were removed",
        )
    return Break(
        previous_id or event.id,
        CHANGED,
        f"event #{previous_id} was rewritten: event #{event.id} recorded a different hash for it",
    )


def verify_chain(batch_size: int = 2000) -> Result:
    """Check every event in id order; stop at the first break."""
    key = chain_key()
    expected_previous = GENESIS_HASH
    previous_id: int | None = None
    checked = 0
    queryset = AuditEvent.objects.order_by("id")
    last_id = 0
    pending: list[AuditEvent] = []
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        pending.extend(batch)
        if batch:
            last_id = batch[-1].id
        # Keep one event in hand so a break can look at the event after it.
        while len(pending) > (1 if batch else 0):
            event = pending.pop(0)
            following = pending[0] if pending else None
            linked = event.previous_hash == expected_previous
            if not linked or event_hash(event, event.previous_hash, key) != event.hash:
                return Result(
                    checked,
                    expected_previous,
                    _diagnose(event, expected_previous, previous_id, following),
                )
            checked += 1
            expected_previous = event.hash
            previous_id = event.id
        if not batch:
            return Result(checked, expected_previous, None)

"""Listing edits by the organisation that runs a service, with HSDS metadata as change history."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.utils import timezone

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.directory import indexing, readiness, storage
from caseweave.directory.errors import InvalidListing, ListingNotFound, NotAllowed
from caseweave.directory.models import HsdsRecord, OrganisationLink

CAPACITY_UNIT_ID = str(uuid.uuid5(readiness.NAMESPACE, "unit:place"))
CAPACITY_UNIT = {
    "id": CAPACITY_UNIT_ID,
    "name": "place",
    "scheme": "caseweave",
    "identifier": "place",
}


def service_for_update(*, actor: Actor, service_id: str) -> HsdsRecord:
    """The service row, locked; NotAllowed unless the actor's organisation runs it."""
    service = (
        HsdsRecord.objects.select_for_update().filter(table="service", hsds_id=service_id).first()
    )
    if service is None:
        raise ListingNotFound(service_id)
    linked = (
        actor.organisation_id is not None
        and OrganisationLink.objects.filter(
            directory_organization_id=str(service.data.get("organization_id") or uuid.UUID(int=0)),
            organisation_id=actor.organisation_id,
        ).exists()
    )
    if not linked:
        raise NotAllowed(service_id)
    return service


def _history(
    actor: Actor,
    resource: HsdsRecord,
    field_name: str,
    previous: Any,
    replacement: Any,
    action_type: str = "update",
) -> HsdsRecord:
    """One HSDS metadata row: who (membership id, never a name) changed which field, from what."""
    data = {
        "id": str(uuid.uuid4()),
        "resource_id": str(resource.hsds_id),
        "resource_type": resource.table,
        "last_action_date": timezone.localdate().isoformat(),
        "last_action_type": action_type,
        "field_name": field_name,
        "previous_value": "" if previous is None else str(previous),
        "replacement_value": "" if replacement is None else str(replacement),
        "updated_by": f"membership:{actor.membership_id}",
    }
    return HsdsRecord(table="metadata", hsds_id=uuid.UUID(data["id"]), data=data)


def _save(records: list[HsdsRecord]) -> None:
    new = [r for r in records if r.pk is None]
    old = [r for r in records if r.pk is not None]
    storage.insert_records([(r.table, r.data) for r in new])
    for record in old:
        record.version += 1
        record.save(update_fields=["data", "version", "updated_at"])
    storage.replace_links([(r.table, r.data) for r in old])


def set_attribute(service: HsdsRecord, code: str, value: str) -> tuple[HsdsRecord, Any]:
    """The readiness attribute row for ``code`` with its new value, and the previous value."""
    attribute_id = readiness.attribute_id(str(service.hsds_id), code)
    record = HsdsRecord.objects.filter(table="attribute", hsds_id=attribute_id).first()
    previous = record.data.get("value") if record else None
    if record is None:
        record = HsdsRecord(table="attribute", hsds_id=uuid.UUID(attribute_id), data={})
    record.data = {
        "id": attribute_id,
        "link_id": str(service.hsds_id),
        "link_type": "readiness",
        "link_entity": "service",
        "taxonomy_term_id": readiness.term_id(code),
        "value": value,
        "label": code.replace("_", " "),
    }
    return record, previous


def apply_readiness(actor: Actor, service: HsdsRecord, values: dict[str, Any]) -> list[str]:
    """Write changed readiness values and their history; returns the changed field names."""
    changed: list[str] = []
    rows: list[HsdsRecord] = []
    for code, value in values.items():
        if code == "slots_available":
            continue
        text = "" if value is None else str(value)
        record, previous = set_attribute(service, code, text)
        if (previous or "") != text:
            rows += [record, _history(actor, service, code, previous, text)]
            changed.append(code)
    if "slots_available" in values:
        changed += _apply_slots(actor, service, values["slots_available"], rows)
    _save(rows)
    return changed


def _apply_slots(
    actor: Actor, service: HsdsRecord, slots: int | None, rows: list[HsdsRecord]
) -> list[str]:
    if slots is None:
        return []
    if slots < 0:
        raise InvalidListing({"slots_available": ["must be 0 or more"]})
    capacity_id = str(uuid.uuid5(readiness.NAMESPACE, f"capacity:{service.hsds_id}"))
    record = HsdsRecord.objects.filter(table="service_capacity", hsds_id=capacity_id).first()
    previous = record.data.get("available") if record else None
    if previous == slots:
        return []
    if not HsdsRecord.objects.filter(table="unit", hsds_id=CAPACITY_UNIT_ID).exists():
        rows.append(
            HsdsRecord(table="unit", hsds_id=uuid.UUID(CAPACITY_UNIT_ID), data=dict(CAPACITY_UNIT))
        )
    if record is None:
        record = HsdsRecord(table="service_capacity", hsds_id=uuid.UUID(capacity_id), data={})
    record.data = {
        "id": capacity_id,
        "service_id": str(service.hsds_id),
        "unit_id": CAPACITY_UNIT_ID,
        "available": slots,
        "description": "Places free for new referrals",
        "updated": timezone.now().isoformat(timespec="seconds"),
    }
    rows += [record, _history(actor, service, "capacities.available", previous, slots)]
    return ["slots_available"]


def verify(actor: Actor, service: HsdsRecord, on: date) -> None:
    previous = service.data.get("assured_date")
    service.data = {**service.data, "assured_date": on.isoformat()}
    _save([service, _history(actor, service, "assured_date", previous, on.isoformat())])


def reindex(service_id: str) -> None:
    indexing.rebuild(indexing.related_graph([service_id]), [service_id])


def audit(actor: Actor, event: str, service_id: str, fields: list[str]) -> None:
    recorder.record(
        actor,
        event,
        action="update",
        object_type="directory.service",
        object_id=service_id,
        payload={"fields": sorted(fields)},
    )


def history(
    actor: Actor,
    resource: HsdsRecord,
    field_name: str,
    previous: Any,
    replacement: Any,
    action_type: str = "update",
) -> HsdsRecord:
    return _history(actor, resource, field_name, previous, replacement, action_type)


def save(records: list[HsdsRecord]) -> None:
    _save(records)


__all__ = [
    "apply_readiness",
    "audit",
    "history",
    "reindex",
    "save",
    "service_for_update",
    "verify",
]

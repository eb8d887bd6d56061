"""Every write to the directory: imports, listing edits, verification, organisation links."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.directory import (
    editing,
    events,
    indexing,
    readiness,
    reminders,
    selectors,
    stewardship,
    storage,
    taxonomy,
)
from caseweave.directory.errors import InvalidListing, ListingNotFound, VersionConflict
from caseweave.directory.graph import Graph, load_all
from caseweave.directory.importing.plan import ImportPlan, Progress, plan_import
from caseweave.directory.models import HsdsRecord, ImportRun, ListingReminder, OrganisationLink


def directory_import(
    *, actor: Actor | None, source: str, dry_run: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """Import an HSDS dataset (file, folder, zip or API URL); returns the report.

    Callers: staff with ``directory.import_directory`` or the command line (``actor``
    None). Valid records are upserted by HSDS id in one transaction together with the
    search index and one ``directory.imported`` audit event; invalid records are
    reported and not stored. A dry run stores nothing and audits nothing.
    """
    plan = plan_import(source, progress=progress)
    report = plan.report()
    report["dry_run"] = dry_run
    if dry_run:
        return report
    with transaction.atomic():
        _apply(plan)
        recorder.record(
            actor,
            events.DIRECTORY_IMPORTED,
            action="import",
            object_type="directory.dataset",
            payload={
                "created": report["created"],
                "updated": report["updated"],
                "unchanged": report["unchanged"],
                "rejected": len(report["rejected"]),
            },
        )
    return report


def _apply(plan: ImportPlan) -> None:
    storage.insert_records(plan.create)
    for record, data in plan.update:
        record.data = data
        record.version += 1
    updated = [record for record, _ in plan.update]
    HsdsRecord.objects.bulk_update(updated, ["data", "version", "updated_at"], batch_size=1000)
    storage.replace_links([(record.table, record.data) for record in updated])
    touched = plan.touched_services()
    if touched:
        graph = indexing.related_graph(touched) if len(touched) < 200 else _whole_graph()
        indexing.rebuild(graph, touched)


def _whole_graph() -> Graph:
    return load_all()


def taxonomy_install_default(*, actor: Actor | None) -> int:
    """Add the Open Eligibility and readiness taxonomies (idempotent); returns rows created.

    Callers: migrations of a new deployment, the demo seed, data stewards. Audited as
    ``directory.taxonomy_installed`` when anything was added.
    """
    records = taxonomy.default_records()
    with transaction.atomic():
        existing = {
            (table, str(hsds_id))
            for table, hsds_id in HsdsRecord.objects.filter(
                table__in=["taxonomy", "taxonomy_term"]
            ).values_list("table", "hsds_id")
        }
        new = [(table, data) for table, data in records if (table, data["id"]) not in existing]
        storage.insert_records(new)
        if new:
            recorder.record(
                actor,
                events.TAXONOMY_INSTALLED,
                action="create",
                object_type="directory.taxonomy",
                payload={"created": len(new)},
            )
    return len(new)


READINESS_CHOICES = {
    readiness.ACCEPTING: {"yes", "paused"},
    readiness.INTAKE_METHOD: {"platform", "email", "phone", ""},
    readiness.VISIBILITY: {"public", "internal"},
}


@transaction.atomic
def listing_update_readiness(*, actor: Actor, service_id: str, values: dict[str, Any]) -> list[str]:
    """Change a service's referral readiness (accepting, slots, waitlist, intake, visibility).

    Callers: staff with ``directory.manage_listings`` whose organisation runs the service.
    Writes HSDS attributes / service_capacity, one HSDS metadata row per changed field,
    one ``directory.listing_updated`` audit event (field names only). Raises NotAllowed,
    ListingNotFound, InvalidListing (every bad field at once).
    """
    problems: dict[str, list[str]] = {}
    for code, allowed in READINESS_CHOICES.items():
        if code in values and values[code] not in allowed:
            problems.setdefault(code, []).append(
                f"must be one of {', '.join(sorted(a for a in allowed if a))}"
            )
    for code in (readiness.WAITLIST, readiness.EXPECTED_WAIT_DAYS, "slots_available"):
        value = values.get(code)
        if value is not None and (not isinstance(value, int) or value < 0):
            problems.setdefault(code, []).append("must be a whole number, 0 or more")
    ceiling = values.get(readiness.INCOME_CEILING)
    if ceiling not in (None, "") and (
        readiness.to_number(ceiling) is None or (readiness.to_number(ceiling) or 0) < 0
    ):
        problems.setdefault(readiness.INCOME_CEILING, []).append("must be a number, 0 or more")
    if problems:
        raise InvalidListing(problems)
    service = stewardship.service_for_update(actor=actor, service_id=service_id)
    changed = stewardship.apply_readiness(actor, service, values)
    if changed:
        stewardship.reindex(service_id)
        stewardship.audit(actor, events.LISTING_UPDATED, service_id, changed)
    return changed


@transaction.atomic
def listing_verify(*, actor: Actor, service_id: str) -> None:
    """Record that the running organisation checked the listing today (HSDS ``assured_date``).

    Callers: staff with ``directory.manage_listings`` whose organisation runs the service.
    Audited as ``directory.listing_verified``; raises NotAllowed, ListingNotFound.
    """
    service = stewardship.service_for_update(actor=actor, service_id=service_id)
    stewardship.verify(actor, service, timezone.localdate())
    stewardship.reindex(service_id)
    stewardship.audit(actor, events.LISTING_VERIFIED, service_id, ["assured_date"])


@transaction.atomic
def organisation_link(
    *, actor: Actor | None, directory_organization_id: str, organisation_id: int
) -> None:
    """Let a platform organisation's staff maintain a directory organisation's listings.

    Callers: data stewards and administrators (``core.manage_organisations``), the demo seed.
    Audited as ``directory.organisation_linked``.
    """
    OrganisationLink.objects.update_or_create(
        directory_organization_id=directory_organization_id,
        defaults={"organisation_id": organisation_id},
    )
    recorder.record(
        actor,
        events.ORGANISATION_LINKED,
        action="update",
        object_type="directory.organization",
        object_id=directory_organization_id,
        payload={"organisation_id": organisation_id},
    )


def import_start(*, actor: Actor, source: str, dry_run: bool) -> ImportRun:
    """Queue an import to run in the background; the page follows its progress.

    Callers: staff with ``directory.import_directory``. The import itself is audited when
    it runs (``directory.imported``).
    """
    from caseweave.directory.tasks import import_run

    run = ImportRun.objects.create(
        source=source, dry_run=dry_run, started_by_id=actor.membership_id
    )
    transaction.on_commit(lambda: import_run.enqueue(run.pk))
    return run


def stale_listings_remind(*, actor: Actor | None, dry_run: bool = False) -> list[dict[str, Any]]:
    """Email each linked organisation once about its stale listings not reminded lately.

    Callers: the daily task and ``caseweave directory remind-stale``. Each organisation is
    handled in its own transaction: its listings are recorded as reminded only if its email
    went out, and audited as ``directory.stale_reminder_sent`` (ids and counts only). An
    organisation with nobody who may edit its listings is reported with no recipients and
    not recorded, so it is tried again next run. A dry run sends and records nothing.
    """
    now = timezone.now()
    report = []
    for reminder in reminders.due(now=now, as_of=timezone.localdate()):
        sent = False
        if reminder.recipients and not dry_run:
            with transaction.atomic():
                for service_id, _name in reminder.listings:
                    ListingReminder.objects.update_or_create(
                        service_id=service_id,
                        defaults={"organisation_id": reminder.organisation_id, "reminded_at": now},
                    )
                recorder.record(
                    actor,
                    events.STALE_REMINDER_SENT,
                    action="notify",
                    object_type="core.organisation",
                    object_id=str(reminder.organisation_id),
                    payload={
                        "services": [service_id for service_id, _name in reminder.listings],
                        "recipients": len(reminder.recipients),
                    },
                )
                sent = reminders.send(reminder) > 0
        report.append(
            {
                "organisation_id": reminder.organisation_id,
                "organisation": reminder.organisation_name,
                "listings": len(reminder.listings),
                "recipients": len(reminder.recipients),
                "sent": sent,
            }
        )
    return report


def _child_for_update(service_id: str, table: str, record_id: str) -> HsdsRecord:
    record = HsdsRecord.objects.select_for_update().filter(table=table, hsds_id=record_id).first()
    if record is None or not editing.belongs_to_service(service_id, record):
        raise ListingNotFound(record_id)
    return record


@transaction.atomic
def listing_record_save(
    *,
    actor: Actor,
    service_id: str,
    table: str,
    values: dict[str, Any],
    record_id: str | None = None,
    parent_id: str | None = None,
    version: int | None = None,
) -> tuple[HsdsRecord, list[str]]:
    """Change (or add, without ``record_id``) one HSDS row of a service; returns it and the
    changed fields.

    ``table`` is ``service`` (its own fields) or a table that hangs under it (see
    ``editing.EDITABLE``); an address needs ``parent_id``, one of the service's places.
    Callers: staff with ``directory.manage_listings`` whose organisation runs the service.
    Raises NotAllowed, ListingNotFound, VersionConflict (``version`` is the one the editor
    loaded), InvalidListing (every bad field at once). Writes one HSDS metadata row per
    changed field and one ``directory.listing_updated`` audit event (field names only).
    """
    if table not in editing.EDITABLE:
        raise InvalidListing({"table": [f"{table!r} cannot be edited here"]})
    service = stewardship.service_for_update(actor=actor, service_id=service_id)
    extra: list[HsdsRecord] = []
    if table == "service":
        record = service
    elif record_id:
        record = _child_for_update(service_id, table, record_id)
    else:
        if table == "address" and str(parent_id) not in editing.service_location_ids(service_id):
            raise InvalidListing({"location_id": ["not one of this service's places"]})
        record, *extra = editing.new_child(service_id, table, parent_id)
    if version is not None and record.pk is not None and record.version != version:
        raise VersionConflict(table, record.version)
    cleaned, problems = editing.clean_values(table, values)
    data = {k: v for k, v in {**record.data, **cleaned}.items() if v is not None}
    for name, reasons in editing.problems_for(table, data).items():
        problems.setdefault(name, []).extend(r for r in reasons if r not in problems.get(name, []))
    if record.pk is None and not any(v is not None for v in cleaned.values()):
        problems.setdefault("__all__", []).append("fill in at least one field")
    if problems:
        raise InvalidListing(problems)
    action_type = "update" if record.pk is not None else "create"
    changed = [
        name
        for name in editing.EDITABLE[table]
        if record.data.get(name) != data.get(name) and name in cleaned
    ]
    if not changed and record.pk is not None:
        return record, []
    rows = [
        stewardship.history(actor, record, name, record.data.get(name), data.get(name), action_type)
        for name in changed
    ]
    record.data = data
    stewardship.save([record, *extra, *rows])
    if table in ("location", "address"):
        # A place may be shared: every service delivered there shows the change.
        place = str(record.hsds_id if table == "location" else data.get("location_id"))
        indexing.rebuild(
            indexing.related_graph(editing.services_at(place) | {service_id}),
            editing.services_at(place) | {service_id},
        )
    else:
        stewardship.reindex(service_id)
    fields = [name if table == "service" else f"{table}.{name}" for name in changed]
    stewardship.audit(actor, events.LISTING_UPDATED, service_id, fields)
    return record, changed


@transaction.atomic
def listing_record_remove(
    *, actor: Actor, service_id: str, table: str, record_id: str, version: int | None = None
) -> None:
    """Take a phone, schedule, place, language, cost, document, area or term off a service.

    A place is unlinked (its ``service_at_location`` deleted) but kept, since other services
    may use it; the rest are deleted. Same callers, errors, history and audit as
    ``listing_record_save``.
    """
    if table not in editing.REMOVABLE:
        raise InvalidListing({"table": [f"{table!r} cannot be removed here"]})
    stewardship.service_for_update(actor=actor, service_id=service_id)
    record = _child_for_update(service_id, table, record_id)
    if version is not None and record.version != version:
        raise VersionConflict(table, record.version)
    doomed = [record]
    if table == "location":
        doomed = editing.service_location_links(service_id, record_id)
    history = stewardship.history(actor, record, "id", record_id, None, "delete")
    editing.delete_records(doomed)
    stewardship.save([history])
    stewardship.reindex(service_id)
    stewardship.audit(actor, events.LISTING_UPDATED, service_id, [f"{table}.removed"])


@transaction.atomic
def listing_term_add(*, actor: Actor, service_id: str, term: str) -> HsdsRecord:
    """Classify a service under a taxonomy term (by id or code); InvalidListing when unknown."""
    service = stewardship.service_for_update(actor=actor, service_id=service_id)
    term_record = selectors.taxonomy_term_find(term)
    if term_record is None:
        raise InvalidListing({"term": [f"{term!r} is not a known taxonomy term id or code"]})
    term_id = str(term_record["id"])
    existing = [
        r
        for r in editing.service_attributes(service_id)
        if str(r.data.get("taxonomy_term_id")) == term_id
    ]
    if existing:
        return existing[0]
    record_id = str(uuid.uuid4())
    record = HsdsRecord(
        table="attribute",
        hsds_id=uuid.UUID(record_id),
        data={
            "id": record_id,
            "link_id": service_id,
            "link_entity": "service",
            "link_type": "service",
            "taxonomy_term_id": term_id,
            "label": str(term_record.get("name") or ""),
        },
    )
    history = stewardship.history(actor, service, "taxonomy_term", None, term_id, "create")
    stewardship.save([record, history])
    stewardship.reindex(service_id)
    stewardship.audit(actor, events.LISTING_UPDATED, service_id, ["attribute.taxonomy_term_id"])
    return record


@transaction.atomic
def directory_reindex() -> int:
    """Rebuild every service's search rows from the HSDS records (after an upgrade that
    indexes more, such as service areas). Callers: ``caseweave directory reindex``."""
    graph = load_all()
    return indexing.rebuild(graph, [str(s["id"]) for s in graph.by_table.get("service", [])])

"""Stale listings: one reminder per organisation per period, to its listing stewards only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from caseweave.access.actors import actor_for_membership
from caseweave.audit.models import AuditEvent
from caseweave.directory import actions, readiness, tasks
from caseweave.directory.models import ListingReminder
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json

pytestmark = pytest.mark.django_db

OTHER_DIRECTORY_ORGANIZATION = str(uuid.uuid5(readiness.NAMESPACE, "other-directory-org"))
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def listings(tmp_path: Path, personas, home_organisation, other_organisation, make_persona):
    """Two stale services run by Home Agency, one by Other Agency, one by nobody linked."""
    services = [
        service_json("Night shelter"),
        service_json("Day centre"),
        service_json("Other food bank", organization_id=OTHER_DIRECTORY_ORGANIZATION),
        service_json(
            "Unlinked clinic", organization_id=str(uuid.uuid5(readiness.NAMESPACE, "unlinked"))
        ),
    ]
    with time_machine.travel(START - timedelta(days=400)):
        import_services(tmp_path, services)
    for directory_id, organisation in (
        (ORGANIZATION_ID, home_organisation),
        (OTHER_DIRECTORY_ORGANIZATION, other_organisation),
    ):
        actions.organisation_link(
            actor=None, directory_organization_id=directory_id, organisation_id=organisation.pk
        )
    make_persona("other_staff", organisation=other_organisation, role="receiving_agency_staff")
    return {s["name"]: str(s["id"]) for s in services}


def _remind() -> list[dict[str, Any]]:
    return actions.stale_listings_remind(actor=None)


def test_each_organisation_gets_one_email_to_its_listing_stewards(listings, personas) -> None:
    with time_machine.travel(START):
        report = _remind()
    assert [(r["listings"], r["sent"]) for r in report] == [(2, True), (1, True)]
    assert len(mail.outbox) == 2
    home, other = sorted(mail.outbox, key=lambda m: len(m.to), reverse=True)
    assert sorted(home.to) == [
        "administrator@example.test",
        "data_steward@example.test",
        "programme_coordinator@example.test",
        "receiving_agency_staff@example.test",
    ]
    assert "Night shelter" in home.body and "Day centre" in home.body
    assert "Other food bank" not in home.body
    assert other.to == ["other_staff@example.test"]
    assert "Other food bank" in other.body
    assert ListingReminder.objects.count() == 3
    assert not ListingReminder.objects.filter(service_id=listings["Unlinked clinic"]).exists()
    events = AuditEvent.objects.filter(event_type="directory.stale_reminder_sent")
    assert events.count() == 2


def test_no_second_email_within_the_period_then_one_after_it(listings, settings) -> None:
    settings.CASEWEAVE_DIRECTORY_REMINDER_DAYS = 30
    with time_machine.travel(START):
        _remind()
    with time_machine.travel(START + timedelta(days=29)):
        assert _remind() == []
    assert len(mail.outbox) == 2
    with time_machine.travel(START + timedelta(days=31)):
        report = _remind()
    assert len(report) == 2 and len(mail.outbox) == 4


def test_verified_listings_are_not_reminded(listings, personas) -> None:
    actor = actor_for_membership(personas["receiving_agency_staff"].membership)
    with time_machine.travel(START):
        actions.listing_verify(actor=actor, service_id=listings["Night shelter"])
        actions.listing_verify(actor=actor, service_id=listings["Day centre"])
        report = _remind()
    assert [r["organisation"] for r in report] == ["Other Agency"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["other_staff@example.test"]


def test_nothing_is_sent_for_listings_checked_recently(tmp_path: Path, home_organisation) -> None:
    fresh = {**service_json("Fresh shelter"), "assured_date": "2026-02-01"}
    import_services(tmp_path, [fresh])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    with time_machine.travel(START):
        assert _remind() == []
    assert mail.outbox == []


def test_a_dry_run_sends_and_records_nothing(listings) -> None:
    with time_machine.travel(START):
        report = actions.stale_listings_remind(actor=None, dry_run=True)
    assert [r["listings"] for r in report] == [2, 1]
    assert mail.outbox == [] and ListingReminder.objects.count() == 0


def test_an_organisation_without_listing_stewards_is_tried_again_next_time(
    tmp_path: Path, other_organisation
) -> None:
    with time_machine.travel(START - timedelta(days=400)):
        import_services(tmp_path, [service_json("Lonely service")])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=other_organisation.pk
    )
    with time_machine.travel(START):
        report = _remind()
    assert [(r["recipients"], r["sent"]) for r in report] == [(0, False)]
    assert ListingReminder.objects.count() == 0


def test_the_daily_task_and_the_command(listings) -> None:
    out = StringIO()
    with time_machine.travel(START):
        call_command("directory", "remind-stale", "--dry-run", stdout=out)
        assert "Would remind Home Agency" in out.getvalue()
        assert "2 stale listing(s), 4 recipient(s)" in out.getvalue()
        assert mail.outbox == []
        assert tasks.remind_stale_listings.call() == 2
    assert len(mail.outbox) == 2
    out = StringIO()
    with time_machine.travel(START + timedelta(days=1)):
        call_command("directory", "remind-stale", stdout=out)
    assert "No stale listing is due a reminder." in out.getvalue()


def test_services_closed_for_good_are_not_reminded(tmp_path: Path, home_organisation) -> None:
    closed = {**service_json("Old soup kitchen"), "status": "defunct"}
    import_services(tmp_path, [closed])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    with time_machine.travel(START):
        assert _remind() == []

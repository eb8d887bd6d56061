"""Each organisation maintains its own listings; each change leaves HSDS history and audit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from caseweave.access.actors import actor_for_membership
from caseweave.audit.models import AuditEvent
from caseweave.directory import actions, readiness
from caseweave.directory.errors import InvalidListing, NotAllowed
from caseweave.directory.models import HsdsRecord, ServiceIndex
from caseweave.directory.selectors import stale_listings
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(tmp_path: Path, personas, home_organisation) -> str:
    service = service_json("Night shelter")
    import_services(tmp_path, [service])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    return str(service["id"])


def test_staff_of_the_running_organisation_update_readiness_with_history(
    listing: str, personas
) -> None:
    actor = actor_for_membership(personas["receiving_agency_staff"].membership)
    before = AuditEvent.objects.count()
    changed = actions.listing_update_readiness(
        actor=actor,
        service_id=listing,
        values={readiness.ACCEPTING: "paused", "slots_available": 3},
    )
    assert sorted(changed) == [readiness.ACCEPTING, "slots_available"]
    row = ServiceIndex.objects.get(service_id=listing)
    assert (row.accepting_referrals, row.slots_available) == (False, 3)
    history = sorted(
        (m["field_name"], m["replacement_value"], m["updated_by"])
        for m in HsdsRecord.objects.filter(table="metadata").values_list("data", flat=True)
    )
    assert history == [
        ("accepting_referrals", "paused", f"membership:{actor.membership_id}"),
        ("capacities.available", "3", f"membership:{actor.membership_id}"),
    ]
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None and event.event_type == "directory.listing_updated"
    assert event.payload == {"fields": ["accepting_referrals", "slots_available"]}


def test_saving_the_same_values_again_changes_nothing(listing: str, personas) -> None:
    actor = actor_for_membership(personas["receiving_agency_staff"].membership)
    values = {readiness.ACCEPTING: "yes", "slots_available": 2}
    actions.listing_update_readiness(actor=actor, service_id=listing, values=values)
    assert actions.listing_update_readiness(actor=actor, service_id=listing, values=values) == []


def test_another_organisation_may_not_edit_the_listing(
    listing: str, make_persona, other_organisation
) -> None:
    outsider = make_persona(
        "outsider", organisation=other_organisation, role="receiving_agency_staff"
    )
    with pytest.raises(NotAllowed):
        actions.listing_update_readiness(
            actor=actor_for_membership(outsider.membership),
            service_id=listing,
            values={readiness.ACCEPTING: "yes"},
        )


def test_every_bad_field_is_reported_at_once(listing: str, personas) -> None:
    actor = actor_for_membership(personas["receiving_agency_staff"].membership)
    with pytest.raises(InvalidListing) as error:
        actions.listing_update_readiness(
            actor=actor,
            service_id=listing,
            values={readiness.ACCEPTING: "maybe", "slots_available": -1},
        )
    assert set(error.value.errors) == {readiness.ACCEPTING, "slots_available"}


def test_verifying_sets_the_assured_date_and_clears_staleness(listing: str, personas) -> None:
    actor = actor_for_membership(personas["receiving_agency_staff"].membership)
    with time_machine.travel(datetime(2026, 11, 24, 17, tzinfo=UTC)):
        assert stale_listings(months=6).filter(service_id=listing).exists()
        actions.listing_verify(actor=actor, service_id=listing)
        assert not stale_listings(months=6).filter(service_id=listing).exists()
    with time_machine.travel(datetime(2027, 6, 1, 17, tzinfo=UTC)):
        assert stale_listings(months=6).filter(service_id=listing).exists()
    service = HsdsRecord.objects.get(table="service", hsds_id=listing)
    assert service.data["assured_date"] == "2026-11-24"

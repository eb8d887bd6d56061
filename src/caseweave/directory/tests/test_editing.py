"""Stewards edit their services' HSDS rows: checked field by field, versioned, with history."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from caseweave.access.actors import actor_for_membership
from caseweave.access.types import Actor
from caseweave.audit.models import AuditEvent
from caseweave.directory import actions, readiness, selectors
from caseweave.directory.errors import InvalidListing, ListingNotFound, NotAllowed, VersionConflict
from caseweave.directory.models import HsdsRecord, ServiceIndex
from caseweave.directory.schedules import is_open
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(tmp_path: Path, home_organisation: Any) -> str:
    service = service_json("Night shelter")
    import_services(tmp_path, [service])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    return str(service["id"])


@pytest.fixture
def steward(lazy_personas: Any) -> Actor:
    return actor_for_membership(lazy_personas["receiving_agency_staff"].membership)


def _history(resource_id: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        (m["field_name"], m["previous_value"], m["replacement_value"], m["last_action_type"])
        for m in HsdsRecord.objects.filter(table="metadata").values_list("data", flat=True)
        if m["resource_id"] == resource_id
    )


def test_service_fields_change_with_history_audit_and_a_new_version(
    listing: str, steward: Actor
) -> None:
    record, changed = actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="service",
        values={"name": "Winter night shelter", "email": "desk@shelter.example", "url": ""},
        version=1,
    )
    assert changed == ["name", "email"]
    assert record.version == 2
    assert ServiceIndex.objects.get(service_id=listing).name == "Winter night shelter"
    assert _history(listing) == [
        ("email", "", "desk@shelter.example", "update"),
        ("name", "Night shelter", "Winter night shelter", "update"),
    ]
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None and event.event_type == "directory.listing_updated"
    assert event.payload == {"fields": ["email", "name"]}


def test_every_bad_field_is_named_and_nothing_is_stored(listing: str, steward: Actor) -> None:
    with pytest.raises(InvalidListing) as caught:
        actions.listing_record_save(
            actor=steward,
            service_id=listing,
            table="service",
            values={
                "name": "",
                "status": "open",
                "email": "not-an-email",
                "url": "ftp:/x",
                "minimum_age": "ten",
                "maximum_age": "-1",
            },
        )
    assert set(caught.value.errors) == {
        "name",
        "status",
        "email",
        "url",
        "minimum_age",
        "maximum_age",
    }
    assert caught.value.errors["name"] == ["required"]
    stored = HsdsRecord.objects.get(table="service", hsds_id=listing)
    assert stored.data["name"] == "Night shelter" and stored.version == 1


def test_a_stale_version_is_refused(listing: str, steward: Actor) -> None:
    actions.listing_record_save(
        actor=steward, service_id=listing, table="service", values={"name": "A"}, version=1
    )
    with pytest.raises(VersionConflict) as caught:
        actions.listing_record_save(
            actor=steward, service_id=listing, table="service", values={"name": "B"}, version=1
        )
    assert caught.value.current == 2
    assert HsdsRecord.objects.get(table="service", hsds_id=listing).data["name"] == "A"


def test_another_organisations_staff_may_not_edit(
    listing: str, make_persona: Any, other_organisation: Any
) -> None:
    outsider = make_persona("outsider", organisation=other_organisation, role="data_steward")
    with pytest.raises(NotAllowed):
        actions.listing_record_save(
            actor=outsider.actor, service_id=listing, table="service", values={"name": "Mine"}
        )


def test_opening_hours_are_added_checked_and_change_open_now(listing: str, steward: Actor) -> None:
    monday_noon = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert ServiceIndex.objects.get(service_id=listing).schedules == []
    with pytest.raises(InvalidListing) as caught:
        actions.listing_record_save(
            actor=steward,
            service_id=listing,
            table="schedule",
            values={"freq": "WEEKLY", "byday": "MON", "opens_at": "25:00", "closes_at": "17:00"},
        )
    assert set(caught.value.errors) == {"byday", "opens_at"}
    schedule, _ = actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="schedule",
        values={"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "17:00"},
    )
    row = ServiceIndex.objects.get(service_id=listing)
    assert is_open(row.schedules, monday_noon, "UTC") is True
    assert _history(str(schedule.hsds_id))[0][3] == "create"
    actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="schedule",
        record_id=str(schedule.hsds_id),
        values={"closes_at": "11:00"},
        version=1,
    )
    row = ServiceIndex.objects.get(service_id=listing)
    assert is_open(row.schedules, monday_noon, "UTC") is False


def test_a_holiday_closure_is_a_schedule_with_dates_only(listing: str, steward: Actor) -> None:
    actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="schedule",
        values={"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "17:00"},
    )
    actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="schedule",
        values={"description": "Closed", "valid_from": "2026-03-02", "valid_to": "2026-03-02"},
    )
    row = ServiceIndex.objects.get(service_id=listing)
    assert is_open(row.schedules, datetime(2026, 3, 2, 12, 0, tzinfo=UTC), "UTC") is False
    assert is_open(row.schedules, datetime(2026, 3, 9, 12, 0, tzinfo=UTC), "UTC") is True


def test_phones_and_places_are_added_edited_and_removed(listing: str, steward: Actor) -> None:
    phone, _ = actions.listing_record_save(
        actor=steward, service_id=listing, table="phone", values={"number": "+1 416 555 0100"}
    )
    with pytest.raises(InvalidListing) as caught:
        actions.listing_record_save(
            actor=steward,
            service_id=listing,
            table="phone",
            record_id=str(phone.hsds_id),
            values={"number": ""},
        )
    assert caught.value.errors == {"number": ["required"]}
    place, _ = actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="location",
        values={"name": "Annex", "latitude": "43.70", "longitude": "-79.40"},
    )
    with pytest.raises(InvalidListing) as caught:
        actions.listing_record_save(
            actor=steward,
            service_id=listing,
            table="location",
            record_id=str(place.hsds_id),
            values={"latitude": "95"},
        )
    assert caught.value.errors == {"latitude": ["must be between -90 and 90"]}
    actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="address",
        parent_id=str(place.hsds_id),
        values={
            "address_1": "9 Bloor St",
            "city": "Toronto",
            "state_province": "ON",
            "postal_code": "M5S 1A1",
            "country": "CA",
        },
    )
    names = sorted(r.location_name for r in ServiceIndex.objects.filter(service_id=listing))
    assert names == ["Annex", "Night shelter site"]
    annex = ServiceIndex.objects.get(service_id=listing, location_name="Annex")
    assert annex.postal_code == "m5s1a1" and annex.latitude == 43.70

    actions.listing_record_remove(
        actor=steward, service_id=listing, table="location", record_id=str(place.hsds_id)
    )
    names = sorted(r.location_name for r in ServiceIndex.objects.filter(service_id=listing))
    assert names == ["Night shelter site"]
    # The place is unlinked, not deleted: another service may still use it.
    assert HsdsRecord.objects.filter(table="location", hsds_id=place.hsds_id).exists()
    actions.listing_record_remove(
        actor=steward, service_id=listing, table="phone", record_id=str(phone.hsds_id)
    )
    assert not HsdsRecord.objects.filter(table="phone", hsds_id=phone.hsds_id).exists()
    with pytest.raises(ListingNotFound):
        actions.listing_record_remove(
            actor=steward, service_id=listing, table="phone", record_id=str(phone.hsds_id)
        )


def test_a_taxonomy_term_is_added_by_code_and_unknown_ones_are_named(
    listing: str, steward: Actor
) -> None:
    actions.listing_term_add(actor=steward, service_id=listing, term="1102")
    hits = selectors.service_search(actor=steward, query=selectors.ServiceQuery(needs=("1102",)))
    assert [str(h.row.service_id) for h in hits] == [listing]
    with pytest.raises(InvalidListing) as caught:
        actions.listing_term_add(actor=steward, service_id=listing, term="999999")
    assert caught.value.errors == {"term": ["'999999' is not a known taxonomy term id or code"]}


def test_an_empty_new_row_is_refused(listing: str, steward: Actor) -> None:
    with pytest.raises(InvalidListing) as caught:
        actions.listing_record_save(
            actor=steward, service_id=listing, table="language", values={"code": " "}
        )
    assert caught.value.errors == {"__all__": ["fill in at least one field"]}


def test_renaming_a_shared_place_shows_in_every_service_there(
    tmp_path: Path, listing: str, steward: Actor
) -> None:
    neighbour = service_json(
        "Day centre", organization_id=str(uuid.uuid5(readiness.NAMESPACE, "n"))
    )
    shared = HsdsRecord.objects.get(table="service_at_location", data__service_id=listing)
    neighbour["service_at_locations"] = [
        {"id": str(uuid.uuid4()), "location": copy.deepcopy(shared_location(shared))}
    ]
    import_services(tmp_path, [neighbour])
    place = str(shared.data["location_id"])
    actions.listing_record_save(
        actor=steward,
        service_id=listing,
        table="location",
        record_id=place,
        values={"name": "Harbour hall"},
    )
    names = {row.name: row.location_name for row in ServiceIndex.objects.all()}
    assert names == {"Night shelter": "Harbour hall", "Day centre": "Harbour hall"}


def shared_location(link: HsdsRecord) -> dict[str, Any]:
    location: dict[str, Any] = HsdsRecord.objects.get(
        table="location", hsds_id=link.data["location_id"]
    ).data
    return location

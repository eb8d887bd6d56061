"""The steward's edit page: one form per HSDS row, bad fields named, conflicts refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caseweave.directory import actions
from caseweave.directory.models import HsdsRecord, ServiceIndex
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_id(tmp_path: Path, home_organisation: Any) -> str:
    service = service_json("Night shelter", terms=())
    import_services(tmp_path, [service])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    return str(service["id"])


@pytest.fixture
def client(lazy_personas: Any, client_for: Any) -> Any:
    return client_for(lazy_personas["programme_coordinator"])


def test_the_page_shows_every_section_and_saves_the_service(client: Any, service_id: str) -> None:
    page = client.get(f"/services/{service_id}/edit/")
    assert page.status_code == 200
    for heading in (b"Opening hours and closures", b"Phones", b"Places", b"Change history"):
        assert heading in page.content
    response = client.post(
        f"/services/{service_id}/edit/service/",
        {"name": "Winter shelter", "status": "active", "version": "1"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/edit/#service")
    assert ServiceIndex.objects.get(service_id=service_id).name == "Winter shelter"
    page = client.get(f"/services/{service_id}/edit/")
    assert b"Winter shelter" in page.content and b"Night shelter" in page.content  # history


def test_bad_fields_are_named_on_the_page(client: Any, service_id: str) -> None:
    response = client.post(
        f"/services/{service_id}/edit/schedule/",
        {"freq": "WEEKLY", "byday": "XX", "opens_at": "9"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "&#x27;XX&#x27; is not a day such as MO" in body
    assert "&#x27;9&#x27; is not a time (HH:MM)" in body
    assert "opens_at and closes_at go together" in body
    assert not HsdsRecord.objects.filter(table="schedule").exists()


def test_a_stale_version_answers_409_and_keeps_the_newer_value(
    client: Any, service_id: str
) -> None:
    form = {"name": "First", "status": "active", "version": "1"}
    assert client.post(f"/services/{service_id}/edit/service/", form).status_code == 302
    response = client.post(f"/services/{service_id}/edit/service/", {**form, "name": "Second"})
    assert response.status_code == 409
    assert b"Someone else changed this" in response.content
    assert HsdsRecord.objects.get(table="service", hsds_id=service_id).data["name"] == "First"


def test_a_phone_is_added_and_removed(client: Any, service_id: str) -> None:
    client.post(f"/services/{service_id}/edit/phone/", {"number": "+1 416 555 0100"})
    phone = HsdsRecord.objects.get(table="phone")
    page = client.get(f"/services/{service_id}/edit/")
    assert b"+1 416 555 0100" in page.content
    response = client.post(
        f"/services/{service_id}/edit/phone/{phone.hsds_id}/remove/", {"version": "1"}
    )
    assert response.status_code == 302
    assert not HsdsRecord.objects.filter(table="phone").exists()


def test_an_unknown_term_is_named(client: Any, service_id: str) -> None:
    response = client.post(f"/services/{service_id}/edit/terms/", {"term": "nope"})
    assert response.status_code == 400
    assert b"is not a known taxonomy term" in response.content
    assert client.post(f"/services/{service_id}/edit/terms/", {"term": "1102"}).status_code == 302


def test_eligibility_rules_are_saved_and_checked(client: Any, service_id: str) -> None:
    response = client.post(
        f"/services/{service_id}/edit/rules/",
        {"eligible_jurisdictions": "ON, QC", "income_ceiling": "30000"},
    )
    assert response.status_code == 302
    rules = ServiceIndex.objects.get(service_id=service_id).eligibility
    assert rules["jurisdictions"] == ["on", "qc"] and rules["income_ceiling"] == 30000


def test_staff_of_another_organisation_are_refused(
    service_id: str, client_for: Any, make_persona: Any, other_organisation: Any
) -> None:
    outsider = make_persona("outsider", organisation=other_organisation, role="data_steward")
    client = client_for(outsider)
    assert client.get(f"/services/{service_id}/edit/").status_code == 403
    response = client.post(
        f"/services/{service_id}/edit/service/",
        {"name": "Mine", "status": "active"},
    )
    assert response.status_code == 403

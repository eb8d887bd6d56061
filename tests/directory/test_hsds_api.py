"""Every HSDS API response validates against the upstream compiled schemas; bad parameters: 400."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from caseweave.directory import actions
from tests.directory.conftest import HSDS
from tests.directory.seed import seed_small

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@cache
def registry() -> Registry:
    """The upstream schemas by file name and by their own ``$id``, resolved offline."""
    resources = []
    for path in (HSDS / "schema").rglob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((str(path.relative_to(HSDS / "schema")), resource))
        if isinstance(contents, dict) and contents.get("$id"):
            resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


@cache
def validator(relative: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": relative}, registry=registry())


def assert_valid(document: Any, relative: str) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(relative).iter_errors(document)
    ]
    assert errors == []


def get(path: str, status: int = 200) -> Any:
    response = Client().get(path)
    assert response.status_code == status, response.content[:500]
    return response.json()


def assert_page(page: dict[str, Any], item_schema: str) -> None:
    assert set(page) == PAGE_KEYS
    for item in page["contents"]:
        assert_valid(item, item_schema)


@pytest.fixture
def ids() -> dict[str, Any]:
    found = seed_small()
    report = actions.directory_import(
        actor=None, source=str(HSDS / "examples" / "service_full.json")
    )
    assert report["rejected"] == []
    return found


def test_the_root_names_the_version_and_openapi(ids: dict[str, Any]) -> None:
    root = get("/hsds/")
    assert root["version"] == "3.1"
    assert get("/hsds/openapi.json")["paths"]["/services"]


def test_services_in_list_full_and_minimal_form_validate(ids: dict[str, Any]) -> None:
    page = get("/hsds/services")
    assert page["total_items"] == 2  # the internal-only service is hidden from anonymous callers
    assert_page(page, "compiled/service_list.json")
    assert_page(get("/hsds/services?full=true"), "compiled/service.json")
    minimal = get("/hsds/services?minimal=true")
    assert all(set(item) <= {"id", "last_modified"} for item in minimal["contents"])


def test_a_service_in_full_validates_and_keeps_the_upstream_example(ids: dict[str, Any]) -> None:
    example = json.loads((HSDS / "examples" / "service_full.json").read_text())
    service = get(f"/hsds/services/{example['id']}")
    assert_valid(service, "compiled/service.json")
    assert service["organization"]["name"] == example["organization"]["name"]
    assert_valid(get(f"/hsds/services/{ids['service_id']}"), "compiled/service.json")


def test_paging_splits_results_and_says_where_it_is(ids: dict[str, Any]) -> None:
    first = get("/hsds/services?per_page=1")
    second = get("/hsds/services?per_page=1&page=2")
    assert (first["first_page"], first["last_page"], first["total_pages"]) == (True, False, 2)
    assert (second["first_page"], second["last_page"], second["size"]) == (False, True, 1)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]


def test_filters_by_taxonomy_term_organization_and_search(ids: dict[str, Any]) -> None:
    assert [
        s["id"] for s in get(f"/hsds/services?taxonomy_term_id={ids['term_id']}")["contents"]
    ] == [ids["service_id"]]
    assert [
        s["id"] for s in get(f"/hsds/services?taxonomy_id={ids['taxonomy_id']}")["contents"]
    ] == [ids["service_id"]]
    by_organization = get(f"/hsds/services?organization_id={ids['organization_id']}")["contents"]
    assert [s["id"] for s in by_organization] == [ids["service_id"]]
    assert get("/hsds/services?search=harbour+food")["total_items"] == 1


def test_service_at_locations_by_postcode_and_proximity_validate(ids: dict[str, Any]) -> None:
    page = get("/hsds/service_at_locations?postcode=M5V1A1&proximity=1000")
    assert [item["id"] for item in page["contents"]] == [ids["service_at_location_id"]]
    assert_page(page, "compiled/service_at_location_list.json")
    assert get("/hsds/service_at_locations?postcode=Z9Z9Z9&proximity=500")["empty"] is True
    assert_page(get("/hsds/service_at_locations?full=true"), "compiled/service_at_location.json")
    detail = get(f"/hsds/service_at_locations/{ids['service_at_location_id']}")
    assert_valid(detail, "compiled/service.json")  # as upstream's openapi.json declares


def test_organizations_and_taxonomies_validate(ids: dict[str, Any]) -> None:
    assert_page(get("/hsds/organizations"), "compiled/organization_list.json")
    assert_page(get("/hsds/organizations?full_service=true"), "compiled/organization.json")
    organisation = get(f"/hsds/organizations/{ids['organization_id']}?full_service=true")
    assert_valid(organisation, "compiled/organization.json")
    assert [s["id"] for s in organisation["services"]] == [ids["service_id"]]
    assert_page(get("/hsds/taxonomies"), "taxonomy.json")
    terms = get(f"/hsds/taxonomy_terms?taxonomy_id={ids['taxonomy_id']}&top_only=true&per_page=100")
    assert terms["total_items"] == 33  # Open Eligibility: 11 service and 22 situation top levels
    assert_page(terms, "taxonomy_term.json")
    assert_valid(get(f"/hsds/taxonomy_terms/{ids['term_id']}"), "taxonomy_term.json")


def test_invalid_parameters_answer_400_naming_each_one(ids: dict[str, Any]) -> None:
    body = get(
        "/hsds/services?page=0&per_page=x&full=maybe&colour=red&taxonomy_id=nope", status=400
    )
    named = {error["parameter"] for error in body["errors"]}
    assert named == {"page", "per_page", "full", "colour", "taxonomy_id"}
    body = get("/hsds/service_at_locations?proximity=500", status=400)
    assert body["errors"] == [
        {"parameter": "proximity", "detail": "needs a postcode to measure from"}
    ]


def test_a_private_directory_refuses_anonymous_callers(ids: dict[str, Any], settings: Any) -> None:
    settings.CASEWEAVE_DIRECTORY_PUBLIC = False
    assert get("/hsds/services", status=401)["title"] == "Sign-in required"


def test_unknown_ids_are_404(ids: dict[str, Any]) -> None:
    get("/hsds/services/00000000-0000-4000-8000-000000000000", status=404)
    get(f"/hsds/services/{ids['internal_service_id']}", status=404)

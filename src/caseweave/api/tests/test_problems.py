"""Every invalid field is named with where it was (body, query, path) and a JSON pointer."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI, Query, Schema
from ninja.testing import TestClient
from pydantic import Field

from caseweave.api import problems
from caseweave.api.errors import InvalidInput


class AddressIn(Schema):
    postcode: str = Field(min_length=3)


class ContactIn(Schema):
    email: str = Field(pattern=r"^[^@]+@[^@]+$")
    addresses: list[AddressIn]


class Filters(Schema):
    since: int = Field(ge=0)


def build_api() -> NinjaAPI:
    api = NinjaAPI(urls_namespace="problems-test")
    problems.install(api)

    @api.post("/organisations/{organisation_id}/contacts")
    def contact_create(
        request, organisation_id: int, payload: ContactIn, filters: Query[Filters]
    ) -> dict[str, int]:
        return {"organisation_id": organisation_id}

    @api.post("/invalid-input")
    def raises_invalid_input(request) -> None:
        raise InvalidInput({"name": ["Give a name."], "scopes": ["Unknown scope(s): x."]})

    return api


@pytest.fixture(scope="module")
def api_client() -> TestClient:
    return TestClient(build_api())


def test_body_query_and_path_errors_are_all_named(api_client) -> None:
    response = api_client.post(
        "/organisations/abc/contacts?since=-1",
        json={"email": "nope", "addresses": [{"postcode": "ok1"}, {"postcode": "x"}]},
    )

    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422
    located = {(error["in"], error["pointer"]) for error in body["errors"]}
    assert located == {
        ("path", "/organisation_id"),
        ("query", "/since"),
        ("body", "/email"),
        ("body", "/addresses/1/postcode"),
    }
    fields = {error["field"] for error in body["errors"]}
    assert "addresses.1.postcode" in fields
    assert body["detail"] == "4 invalid field(s)"


def test_a_missing_body_points_at_the_document_root(api_client) -> None:
    response = api_client.post("/organisations/1/contacts?since=0")
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["in"], error["pointer"], error["field"]) == ("body", "", "body")


def test_domain_validation_errors_list_every_field(api_client) -> None:
    response = api_client.post("/invalid-input")
    assert response.status_code == 422
    assert [(e["field"], e["pointer"]) for e in response.json()["errors"]] == [
        ("name", "/name"),
        ("scopes", "/scopes"),
    ]


@pytest.mark.parametrize(
    ("location", "pointer"),
    [
        (("body", "payload", "a/b", "c~d"), "/a~1b/c~0d"),
        (("query", "limit"), "/limit"),
        (("path", "id"), "/id"),
        (("body", "payload"), ""),
    ],
)
def test_pointers_follow_rfc_6901(location, pointer) -> None:
    assert problems._pointer(location)[1] == pointer

"""Limit/offset pages with count, next and previous; bad parameters are named."""

from __future__ import annotations

import pytest

from caseweave.api.tests.factories import ApiClientFactory, token_for
from caseweave.core.choices import Role
from caseweave.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steward_token():
    steward = MembershipFactory(role=Role.DATA_STEWARD)
    client = ApiClientFactory(acting_membership=steward, name="Steward tool")
    for _ in range(4):
        ApiClientFactory(acting_membership__organisation=steward.organisation)
    ApiClientFactory()  # another organisation's: never listed
    _, raw = token_for(client)
    return {"Authorization": f"Bearer {raw}"}


def test_it_pages_through_the_list_with_links(client, steward_token) -> None:
    first = client.get("/api/v1/api-clients?limit=2", headers=steward_token).json()
    assert first["count"] == 5
    assert len(first["items"]) == 2
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/api-clients?limit=2&offset=2"

    last = client.get("/api/v1/api-clients?limit=2&offset=4", headers=steward_token).json()
    assert len(last["items"]) == 1
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/api-clients?limit=2&offset=2"

    seen = {item["id"] for item in first["items"]} | {item["id"] for item in last["items"]}
    middle = client.get(first["next"], headers=steward_token).json()
    seen |= {item["id"] for item in middle["items"]}
    assert len(seen) == 5


def test_the_default_page_size_comes_from_settings(client, steward_token, settings) -> None:
    settings.CASEWEAVE_API_PAGE_SIZE = 3
    page = client.get("/api/v1/api-clients", headers=steward_token).json()
    assert len(page["items"]) == 3
    assert page["next"].endswith("limit=3&offset=3")


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=201", "limit"), ("offset=-1", "offset"), ("limit=ten", "limit")],
)
def test_bad_page_parameters_answer_422_naming_the_parameter(
    client, steward_token, query, field
) -> None:
    response = client.get(f"/api/v1/api-clients?{query}", headers=steward_token)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert (error["in"], error["field"], error["pointer"]) == ("query", field, f"/{field}")


def test_both_bad_parameters_are_listed(client, steward_token) -> None:
    response = client.get("/api/v1/api-clients?limit=0&offset=-5", headers=steward_token)
    assert sorted(error["field"] for error in response.json()["errors"]) == ["limit", "offset"]


def test_the_ninja_pagination_class_pages_a_queryset(rf) -> None:
    from ninja import NinjaAPI, Schema
    from ninja.pagination import paginate
    from ninja.testing import TestClient

    from caseweave.api import problems
    from caseweave.api.models import ApiClient
    from caseweave.api.pagination import Pagination

    class ItemOut(Schema):
        id: int

    api = NinjaAPI(urls_namespace="pagination-test")
    problems.install(api)

    @api.get("/items", response=list[ItemOut])
    @paginate(Pagination)
    def items(request):
        return ApiClient.objects.order_by("pk")

    created = [ApiClientFactory().pk for _ in range(3)]
    client = TestClient(api)

    page = client.get("/items?limit=2&offset=1").json()
    assert page["count"] == 3
    assert [item["id"] for item in page["items"]] == created[1:]
    assert page["next"] is None
    assert page["previous"].endswith("/items?limit=2&offset=0")
    bad = client.get("/items?limit=0")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "limit"

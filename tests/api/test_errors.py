"""Unknown API routes and wrong methods answer problem+json, with DEBUG off as in production."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def test_an_unknown_api_route_answers_problem_json_404(client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["title"], body["instance"]) == (
        404,
        "Not found",
        "/api/v1/no-such-thing",
    )


def test_an_unknown_page_outside_the_api_is_html(client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_wrong_method_answers_problem_json_405_with_allow(client, personas, client_for) -> None:
    response = client_for(personas["caseworker"]).delete("/api/v1/me")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET"
    body = response.json()
    assert body["status"] == 405
    assert "DELETE" in body["detail"] and "GET" in body["detail"]


def test_a_server_error_in_the_api_is_problem_json(rf) -> None:
    from caseweave.web.errors import server_error

    response = server_error(rf.get("/api/v1/me"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"

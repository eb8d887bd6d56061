"""The OpenAPI document is valid OpenAPI 3 and documents every endpoint fully."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def test_it_validates_as_openapi_3(document) -> None:
    assert document["openapi"].startswith("3.")
    validate(document)


def test_every_endpoint_has_a_summary_tags_and_declared_auth(document) -> None:
    security_schemes = set(document["components"]["securitySchemes"])
    assert {"ApiClientToken", "StaffSession"} <= security_schemes
    problems = []
    for name, operation in _operations(document):
        if not operation.get("summary"):
            problems.append(f"{name}: no summary")
        if not operation.get("tags"):
            problems.append(f"{name}: no tags")
        security = operation.get("security")
        if not security:
            problems.append(f"{name}: no security declared")
        elif not {scheme for entry in security for scheme in entry} <= security_schemes:
            problems.append(f"{name}: unknown security scheme")
    assert not problems, problems


def test_every_endpoint_documents_success_and_problem_responses(document) -> None:
    problems = []
    for name, operation in _operations(document):
        statuses = set(operation["responses"])
        if not statuses & {"200", "201", "202", "204"}:
            problems.append(f"{name}: no success response")
        missing = {"401", "403", "422", "429"} - statuses
        if missing:
            problems.append(f"{name}: undocumented {sorted(missing)}")
        for status in {"401", "403", "422", "429"} & statuses:
            content = operation["responses"][status]["content"]
            if "application/problem+json" not in content:
                problems.append(f"{name}: {status} is not problem+json")
    assert not problems, problems
    assert "Problem" in document["components"]["schemas"]


def test_every_parameter_is_declared_with_a_schema(document) -> None:
    undeclared = [
        f"{name}: {parameter.get('name')}"
        for name, operation in _operations(document)
        for parameter in operation.get("parameters", [])
        if not parameter.get("name") or "schema" not in parameter
    ]
    assert not undeclared, undeclared


def test_a_person_is_read_and_changed_at_one_path(document) -> None:
    """GET and PATCH /people/{id} share the person's path (no /record stand-in); contact
    flags change at the contact's own path."""
    paths = document["paths"]
    assert {"get", "patch"} <= set(paths["/api/v1/people/{person_id}"])
    assert "/api/v1/people/{person_id}/record" not in paths
    assert {"delete", "patch"} <= set(paths["/api/v1/people/{person_id}/contacts/{contact_id}"])

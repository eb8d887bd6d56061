"""The OpenAPI document: every operation documents the problem+json errors it may answer."""

from __future__ import annotations

from typing import Any

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; `errors` names every invalid field.",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "missing_scope": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "in": {"type": "string", "enum": ["body", "query", "path", "header"]},
                    "field": {"type": "string"},
                    "pointer": {"type": "string", "description": "JSON pointer (RFC 6901)"},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}

COMMON_ERRORS = {
    "401": "Not signed in and no valid API token.",
    "403": "A missing scope or role permission (problem+json names it), or a failed CSRF check.",
    "422": "Invalid parameters or body; every invalid field is listed with a JSON pointer.",
    "429": "Rate limit exceeded; see the Retry-After header.",
}
PUBLIC_ERRORS = {"429": COMMON_ERRORS["429"]}


def add_problem_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Document the shared error answers on every operation, and the Problem schema once."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = COMMON_ERRORS if operation.get("security") else PUBLIC_ERRORS
            for status, description in errors.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": reference}
                )
    return schema

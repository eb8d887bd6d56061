"""Routes of the people registry (web pages and API)."""

from __future__ import annotations

from typing import Any

from tests.authz.matrix import (
    ANONYMOUS,
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHENTICATED,
    Route,
)

# Roles without "people.view_people" / "people.register_person" (core/roles.py).
NO_PEOPLE = {"analyst": FORBIDDEN, "administrator": FORBIDDEN}
NO_REGISTER = {**NO_PEOPLE, "table_member": FORBIDDEN, "data_steward": FORBIDDEN}


def _on_home_care_team(personas: dict[str, Any]) -> dict[str, Any]:
    """A person registered by the outreach worker: the Home Agency is on the care team."""
    from caseweave.people.tests.factories import register

    person = register(personas["outreach_worker"].actor, given_names="Matrix", family_names="Test")
    return {"person_id": person.id}


def _outside_care_team(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.tests.factories import PersonFactory

    return {"person_id": PersonFactory().id}


def _searchable(personas: dict[str, Any]) -> dict[str, Any]:
    _on_home_care_team(personas)
    return {}


NO_REVIEW = {
    key: FORBIDDEN
    for key in (
        "outreach_worker", "intake_officer", "caseworker", "receiving_agency_staff",
        "table_chair", "table_member", "benefits_officer", "benefits_approver",
        "programme_coordinator", "analyst", "administrator",
    )
}  # fmt: skip


def _queued_pair(personas: dict[str, Any]) -> dict[str, Any]:
    """A queued pair of two people on the Home Agency's care team."""
    from caseweave.people.choices import ReviewStatus
    from caseweave.people.models import DuplicateCandidate
    from caseweave.people.tests.factories import register

    actor = personas["outreach_worker"].actor
    one = register(actor, given_names="Pair", family_names="One")
    two = register(actor, given_names="Pair", family_names="Two")
    first, second = sorted([one, two], key=lambda person: str(person.id))
    candidate = DuplicateCandidate.objects.create(
        person=first, other=second, score=5.0, probability=0.9, status=ReviewStatus.PENDING
    )
    return {"candidate_id": candidate.pk}


ROUTES = [
    Route("web:people:search", default=OK, expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(
        "web:people:search",
        query="q=Matrix+Test",
        setup=_searchable,
        default=OK,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route("web:people:list", default=OK, expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(
        "web:people:list",
        query="after=not-an-id",
        default=BAD_REQUEST,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route("web:people:register", default=OK, expect={ANONYMOUS: REDIRECT, **NO_REGISTER}),
    Route(
        "web:people:register_check",
        method="post",
        data={"given_names": "Aco", "name_order": "given_first", "sex": "unknown"},
        default=OK,
        expect={ANONYMOUS: REDIRECT, **NO_REGISTER},
    ),
    Route(
        "web:people:detail",
        setup=_on_home_care_team,
        default=OK,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route(
        "web:people:detail",
        setup=_outside_care_team,
        default=NOT_FOUND,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route(
        "web:people:note_add",
        method="post",
        setup=_outside_care_team,
        data={"category": "case_notes", "text": "A note"},
        default=NOT_FOUND,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route(
        "web:people:note_add",
        method="post",
        setup=_on_home_care_team,
        data={"category": "case_notes", "text": "A note"},
        default=REDIRECT,
        expect={ANONYMOUS: REDIRECT, **NO_PEOPLE},
    ),
    Route(
        "api:person_search",
        query="q=Matrix+Test",
        setup=_searchable,
        default=OK,
        expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE},
    ),
    # JSON-body endpoints: the matrix posts a form body, refused before any data is read;
    # tests/people/test_api.py covers them with JSON per persona.
    Route(
        "api:match_candidates",
        method="post",
        data={},
        default=BAD_REQUEST,
        expect={ANONYMOUS: UNAUTHENTICATED},
    ),
    Route(
        "api:person_register",
        method="post",
        data={},
        default=BAD_REQUEST,
        expect={ANONYMOUS: UNAUTHENTICATED},
    ),
    Route(
        "api:person_detail",
        setup=_on_home_care_team,
        default=OK,
        expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE},
    ),
    Route(
        "api:person_detail",
        setup=_outside_care_team,
        default=NOT_FOUND,
        expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE},
    ),
    Route(
        "api:note_add",
        method="post",
        setup=_outside_care_team,
        data={},
        default=BAD_REQUEST,
        expect={ANONYMOUS: UNAUTHENTICATED},
    ),
    Route("web:people:review_queue", default=OK, expect={ANONYMOUS: REDIRECT, **NO_REVIEW}),
    Route(
        "web:people:review_decide",
        method="post",
        setup=_queued_pair,
        data={"decision": "different"},
        default=REDIRECT,
        expect={ANONYMOUS: REDIRECT, **NO_REVIEW},
    ),
]

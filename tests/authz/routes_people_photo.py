"""Routes of a person's photo (web pages and API): a VIEW or UPDATE of DOCUMENTS."""

from __future__ import annotations

import io
from typing import Any

from tests.authz.matrix import (
    ANONYMOUS,
    INVALID,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHENTICATED,
    Route,
)
from tests.authz.routes_people_records import NO_EDIT, NO_PEOPLE, _ours, _theirs


def _with_photo(personas: dict[str, Any], ours: bool = True) -> dict[str, Any]:
    from caseweave.access.types import Actor, PersonId
    from caseweave.people.actions.photo import photo_set
    from caseweave.people.tests.images import png

    person = _ours(personas) if ours else _theirs()
    photo_set(
        actor=personas["outreach_worker"].actor if ours else Actor.system("test setup"),
        person_id=PersonId(person.id),
        version=person.version,
        file=io.BytesIO(png()),
    )
    return {"person_id": person.id}


def _photo_ours(personas: dict[str, Any]) -> dict[str, Any]:
    return _with_photo(personas)


def _photo_theirs(personas: dict[str, Any]) -> dict[str, Any]:
    return _with_photo(personas, ours=False)


WEB = "web:people:people_records:"
EDITED = {"default": REDIRECT, "expect": {ANONYMOUS: REDIRECT, **NO_EDIT}}
REFUSED = {"default": NOT_FOUND, "expect": {ANONYMOUS: REDIRECT, **NO_EDIT}}

ROUTES = [
    Route(WEB + "photo", setup=_photo_ours, default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(WEB + "photo", setup=_photo_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    # No file: the form is refused before any person data is read (back to the edit page).
    Route(WEB + "photo_set", method="post", setup=_photo_ours, data={"version": 2}, **EDITED),
    Route(WEB + "photo_remove", method="post", setup=_photo_ours, data={"version": 2},
          **EDITED),
    Route(WEB + "photo_remove", method="post", setup=_photo_theirs, data={"version": 2},
          **REFUSED),
    Route("api:person_photo", setup=_photo_ours, default=OK,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:person_photo", setup=_photo_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    # A body without the multipart file: refused (422) before any person data is read.
    Route("api:person_photo", method="put", setup=_photo_ours, data={}, default=INVALID,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:person_photo", method="delete", setup=_photo_ours, query="version=2",
          default=OK, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:person_photo", method="delete", setup=_photo_theirs, query="version=2",
          default=NOT_FOUND, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
]  # fmt: skip

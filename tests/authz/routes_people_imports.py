"""Routes of client-list imports (web pages and API).

Only importers (``people.import_people``: caseworkers and data stewards) may use them, and
only for their own organisation's runs: another organisation's run is a 404.
"""

from __future__ import annotations

from typing import Any

from tests.authz.matrix import (
    ANONYMOUS,
    BAD_REQUEST,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHENTICATED,
    Route,
)

IMPORTERS = ("caseworker", "data_steward")


def _run(personas: Any, *, other: bool = False, status: str = "checked") -> dict[str, Any]:
    from caseweave.core.tests.factories import OrganisationFactory
    from caseweave.people.imports.models import ImportRun, ImportSource

    organisation = (
        OrganisationFactory() if other else personas["caseworker"].membership.organisation
    )
    source, _ = ImportSource.objects.get_or_create(
        organisation=organisation, name="Eastside intake"
    )
    run = ImportRun.objects.create(
        source=source,
        file_name="clients.csv",
        header=["record_id", "given_names"],
        status=status,
        counts={"new": 0, "match": 0, "possible": 0, "invalid": 0},
    )
    return {"run_id": run.pk}


def _own(personas: Any) -> dict[str, Any]:
    return _run(personas)


def _others(personas: Any) -> dict[str, Any]:
    return _run(personas, other=True)


def _mapping(personas: Any) -> dict[str, Any]:
    return _run(personas, status="mapping")


def _importers(status: int) -> dict[str, int]:
    return {ANONYMOUS: REDIRECT, **{key: status for key in IMPORTERS}}


MAPPING = {"record_id": "record_id", "given_names": "given_names"}

ROUTES = [
    Route("web:people:people_imports:list", default=FORBIDDEN, expect=_importers(OK)),
    Route(
        "web:people:people_imports:detail",
        default=FORBIDDEN,
        expect=_importers(OK),
        setup=_own,
    ),
    Route(
        "web:people:people_imports:detail",
        default=FORBIDDEN,
        expect=_importers(NOT_FOUND),
        setup=_others,
    ),
    # The mapping of a run whose file is gone is refused on the page (422), not stored.
    Route(
        "web:people:people_imports:mapping",
        method="post",
        data=MAPPING,
        default=FORBIDDEN,
        expect=_importers(422),
        setup=_mapping,
    ),
    Route(
        "web:people:people_imports:mapping",
        method="post",
        data=MAPPING,
        default=FORBIDDEN,
        expect=_importers(NOT_FOUND),
        setup=_others,
    ),
    Route(
        "web:people:people_imports:apply",
        method="post",
        data={"mode": "skip_invalid"},
        default=FORBIDDEN,
        expect=_importers(REDIRECT),
        setup=_own,
    ),
    Route(
        "web:people:people_imports:apply",
        method="post",
        data={"mode": "skip_invalid"},
        default=FORBIDDEN,
        expect=_importers(NOT_FOUND),
        setup=_others,
    ),
    Route(
        "web:people:people_imports:rejected",
        default=FORBIDDEN,
        expect=_importers(OK),
        setup=_own,
    ),
    Route(
        "web:people:people_imports:rejected",
        default=FORBIDDEN,
        expect=_importers(NOT_FOUND),
        setup=_others,
    ),
]


def _api(status: int) -> dict[str, int]:
    return {ANONYMOUS: UNAUTHENTICATED, **{key: status for key in IMPORTERS}}


# Body endpoints: the matrix sends no file or JSON body, refused before any data is read;
# tests/people/imports/test_import_api.py covers them per persona.
ROUTES += [
    Route(
        "api:import_create",
        method="post",
        data={},
        default=INVALID,
        expect={ANONYMOUS: UNAUTHENTICATED},
    ),
    Route("api:import_detail", default=FORBIDDEN, expect=_api(OK), setup=_own),
    Route("api:import_detail", default=FORBIDDEN, expect=_api(NOT_FOUND), setup=_others),
    Route("api:import_rows", default=FORBIDDEN, expect=_api(OK), setup=_own),
    Route("api:import_rows", default=FORBIDDEN, expect=_api(NOT_FOUND), setup=_others),
    Route(
        "api:import_mapping",
        method="put",
        default=INVALID,
        expect={ANONYMOUS: UNAUTHENTICATED},
        setup=_mapping,
    ),
    Route(
        "api:import_apply",
        method="post",
        data={},
        default=BAD_REQUEST,
        expect={ANONYMOUS: UNAUTHENTICATED},
        setup=_own,
    ),
]

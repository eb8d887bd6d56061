"""Directory pages: public search and service pages; listings edited only by their organisation."""

from typing import Any

from tests.authz.matrix import ANONYMOUS, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Route

MANAGERS = ("receiving_agency_staff", "programme_coordinator", "data_steward", "administrator")


def _service(personas: Any) -> dict[str, Any]:
    from tests.directory.seed import seed_small

    return {"service_id": seed_small()["service_id"]}


def _internal(personas: Any) -> dict[str, Any]:
    from tests.directory.seed import seed_small

    return {"service_id": seed_small()["internal_service_id"]}


def _linked_service(personas: Any) -> dict[str, Any]:
    """A service whose directory organisation is run by the personas' Home Agency."""
    from caseweave.directory import actions
    from tests.directory.seed import seed_small

    ids = seed_small()
    actions.organisation_link(
        actor=None,
        directory_organization_id=ids["organization_id"],
        organisation_id=personas["caseworker"].membership.organisation_id,
    )
    return {"service_id": ids["service_id"]}


READINESS = {"accepting_referrals": "paused", "slots_available": "2", "visibility": "public"}

ROUTES = [
    Route("web:directory:search", default=OK, expect={ANONYMOUS: OK}),
    Route(
        "web:directory:search", default=OK, expect={ANONYMOUS: OK}, query="need=1102&open_now=on"
    ),
    Route("web:directory:detail", default=OK, expect={ANONYMOUS: OK}, setup=_service),
    Route("web:directory:detail", default=OK, expect={ANONYMOUS: NOT_FOUND}, setup=_internal),
    # Another organisation's listing: managers are refused by the action, others by role.
    Route(
        "web:directory:update_readiness",
        method="post",
        data=READINESS,
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_service,
    ),
    Route(
        "web:directory:update_readiness",
        method="post",
        data=READINESS,
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **{key: REDIRECT for key in MANAGERS}},
        setup=_linked_service,
    ),
    Route(
        "web:directory:verify",
        method="post",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **{key: REDIRECT for key in MANAGERS}},
        setup=_linked_service,
    ),
]


def _import_run(personas: Any) -> dict[str, Any]:
    from caseweave.directory.models import ImportRun

    run = ImportRun.objects.create(source="x.json", started_by=personas["data_steward"].membership)
    return {"run_id": run.pk}


IMPORTERS = {"data_steward": OK, "administrator": OK}

ROUTES += [
    Route(
        "web:directory:import_list", default=FORBIDDEN, expect={ANONYMOUS: REDIRECT, **IMPORTERS}
    ),
    Route(
        "web:directory:import_detail",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **IMPORTERS},
        setup=_import_run,
    ),
]


def _linked_organisation(personas: Any) -> dict[str, Any]:
    _linked_service(personas)
    return {}


ROUTES += [
    Route(
        "web:directory:stale",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **{key: OK for key in MANAGERS}},
        setup=_linked_organisation,
    ),
]

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


def _with_phone(linked: bool) -> Any:
    def setup(personas: Any) -> dict[str, Any]:
        import uuid

        from caseweave.directory import storage

        kwargs = _linked_service(personas) if linked else _service(personas)
        phone_id = str(uuid.uuid4())
        storage.insert_records(
            [("phone", {"id": phone_id, "service_id": kwargs["service_id"], "number": "1"})]
        )
        return {**kwargs, "table": "phone", "record_id": phone_id}

    return setup


def _with_table(linked: bool, table: str) -> Any:
    def setup(personas: Any) -> dict[str, Any]:
        kwargs = _linked_service(personas) if linked else _service(personas)
        return {**kwargs, "table": table}

    return setup


EDITORS_OK = {ANONYMOUS: REDIRECT, **{key: OK for key in MANAGERS}}
EDITORS_REDIRECT = {ANONYMOUS: REDIRECT, **{key: REDIRECT for key in MANAGERS}}
NEW_PHONE = {"number": "+1 416 555 0100"}

# Each edit route twice: the managers' own organisation's listing, then another's.
ROUTES += [
    Route("web:directory:edit", default=FORBIDDEN, expect=EDITORS_OK, setup=_linked_service),
    Route(
        "web:directory:edit",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_service,
    ),
    Route(
        "web:directory:add_record",
        method="post",
        data=NEW_PHONE,
        default=FORBIDDEN,
        expect=EDITORS_REDIRECT,
        setup=_with_table(True, "phone"),
    ),
    Route(
        "web:directory:add_record",
        method="post",
        data=NEW_PHONE,
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_with_table(False, "phone"),
    ),
    Route(
        "web:directory:save_record",
        method="post",
        data={"number": "2"},
        default=FORBIDDEN,
        expect=EDITORS_REDIRECT,
        setup=_with_phone(True),
    ),
    Route(
        "web:directory:save_record",
        method="post",
        data={"number": "2"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_with_phone(False),
    ),
    Route(
        "web:directory:remove_record",
        method="post",
        default=FORBIDDEN,
        expect=EDITORS_REDIRECT,
        setup=_with_phone(True),
    ),
    Route(
        "web:directory:remove_record",
        method="post",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_with_phone(False),
    ),
    Route(
        "web:directory:add_term",
        method="post",
        data={"term": "1102"},
        default=FORBIDDEN,
        expect=EDITORS_REDIRECT,
        setup=_linked_service,
    ),
    Route(
        "web:directory:add_term",
        method="post",
        data={"term": "1102"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_service,
    ),
    Route(
        "web:directory:save_rules",
        method="post",
        data={"income_ceiling": "1000"},
        default=FORBIDDEN,
        expect=EDITORS_REDIRECT,
        setup=_linked_service,
    ),
    Route(
        "web:directory:save_rules",
        method="post",
        data={"income_ceiling": "1000"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT},
        setup=_service,
    ),
]

"""Routes of the page shell, health probes and the platform API."""

from tests.authz.matrix import ANONYMOUS, FORBIDDEN, OK, REDIRECT, Route

ROUTES = [
    Route("healthz", default=OK, expect={ANONYMOUS: OK}),
    Route("readyz", default=OK, expect={ANONYMOUS: OK}),
    Route("web:home", default=OK, expect={ANONYMOUS: REDIRECT}),
    Route("web:login", default=REDIRECT, expect={ANONYMOUS: OK}),
    Route("web:logout", method="post", default=REDIRECT, expect={ANONYMOUS: REDIRECT}),
    # Staff without an authenticator are sent on to enrol; stewards and administrators
    # (verified with one in these tests) see the code form.
    Route(
        "web:two_factor_verify",
        default=REDIRECT,
        expect={ANONYMOUS: REDIRECT, "data_steward": OK, "administrator": OK},
    ),
    Route("web:two_factor_enrol", default=OK, expect={ANONYMOUS: REDIRECT}),
    Route(
        "web:switch_membership",
        method="post",
        data={"membership": "0"},
        default=REDIRECT,
        expect={ANONYMOUS: REDIRECT},
    ),
    Route(
        "web:set_language",
        method="post",
        data={"language": "fr"},
        default=REDIRECT,
        expect={ANONYMOUS: REDIRECT},
    ),
    Route("web:api_docs", default=OK, expect={ANONYMOUS: OK}),
]


# --- The data steward's and administrator's pages (web/core) --------------------------------
STEWARDS = {"data_steward": OK, "administrator": OK}
STEWARDS_REDIRECT = {"data_steward": REDIRECT, "administrator": REDIRECT}


def _home_organisation(personas) -> dict[str, int]:
    return {"organisation_id": personas["data_steward"].membership.organisation_id}


def _other_membership(personas) -> dict[str, int]:
    from caseweave.core.tests.factories import MembershipFactory

    membership = MembershipFactory(organisation=personas["data_steward"].membership.organisation)
    return {"membership_id": membership.pk}


def _team(personas) -> dict[str, int]:
    from caseweave.core.tests.factories import TeamFactory

    return {
        "team_id": TeamFactory(organisation=personas["data_steward"].membership.organisation).pk
    }


def _team_member(personas) -> dict[str, int]:
    return {**_team(personas), "membership_id": personas["caseworker"].membership.pk}


ROUTES += [
    Route(
        "web:core:organisation_list",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
    ),
    Route(
        "web:core:organisation_create",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
    ),
    Route(
        "web:core:organisation_detail",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
        setup=_home_organisation,
    ),
    Route(
        "web:core:organisation_edit",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
        setup=_home_organisation,
    ),
    Route(
        "web:core:organisation_set_active",
        method="post",
        data={"active": "1", "version": "1"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS_REDIRECT},
        setup=_home_organisation,
    ),
    Route(
        "web:core:membership_create",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
        setup=_home_organisation,
    ),
    Route(
        "web:core:membership_end",
        method="post",
        data={"version": "1"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS_REDIRECT},
        setup=_other_membership,
    ),
    Route(
        "web:core:jurisdiction_tree",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
    ),
    Route("web:core:team_list", default=FORBIDDEN, expect={ANONYMOUS: REDIRECT, **STEWARDS}),
    Route(
        "web:core:team_detail",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
        setup=_team,
    ),
    Route(
        "web:core:team_member_remove",
        method="post",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS_REDIRECT},
        setup=_team_member,
    ),
    Route(
        "web:core:locked_accounts",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS},
    ),
    Route(
        "web:core:account_unlock",
        method="post",
        data={"email": "nobody@example.test"},
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS_REDIRECT},
    ),
]
ROUTES += [
    Route(
        "web:core:two_factor_reset",
        method="post",
        default=FORBIDDEN,
        expect={ANONYMOUS: REDIRECT, **STEWARDS_REDIRECT},
        setup=lambda personas: {"user_id": personas["caseworker"].user.pk},
    ),
]

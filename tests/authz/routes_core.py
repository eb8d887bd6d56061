"""Routes of the page shell, health probes and the platform API."""

from tests.authz.matrix import ANONYMOUS, OK, REDIRECT, Route

ROUTES = [
    Route("healthz", default=OK, expect={ANONYMOUS: OK}),
    Route("readyz", default=OK, expect={ANONYMOUS: OK}),
    Route("web:home", default=OK, expect={ANONYMOUS: REDIRECT}),
    Route("web:login", default=REDIRECT, expect={ANONYMOUS: OK}),
    Route("web:logout", method="post", default=REDIRECT, expect={ANONYMOUS: REDIRECT}),
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

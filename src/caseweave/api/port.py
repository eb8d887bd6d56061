"""What the staff web UI may use of API-client management (web/apiclients).

``web`` and ``api`` are sibling interfaces that never import each other (import-linter);
the web pages for managing API clients reach these functions through the app registry:
``apps.get_app_config("api").port`` is this module.
"""

from caseweave.api.actions import (
    IssuedToken,
    client_create,
    client_deactivate,
    token_issue,
    token_revoke,
)
from caseweave.api.errors import InvalidInput, NotPermitted
from caseweave.api.scopes import SCOPE_LABELS, Scope
from caseweave.api.selectors import client_get, client_list, token_list

__all__ = [
    "SCOPE_LABELS",
    "InvalidInput",
    "IssuedToken",
    "NotPermitted",
    "Scope",
    "client_create",
    "client_deactivate",
    "client_get",
    "client_list",
    "token_issue",
    "token_list",
    "token_revoke",
]

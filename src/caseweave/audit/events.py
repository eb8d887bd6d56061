"""Audit event types owned by the audit module itself. Other apps define theirs in events.py."""

PERSON_VIEWED = "person.viewed"
PERSON_LISTED = "person.listed"
ACCESS_DENIED = "access.denied"
LOGIN = "auth.login"
LOGIN_FAILED = "auth.login_failed"
LOGOUT = "auth.logout"
AUDIT_TAMPER_ATTEMPT = "audit.tamper_attempt"

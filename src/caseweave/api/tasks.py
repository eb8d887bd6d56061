"""Background work of the api module, run by ``caseweave worker`` (Django's tasks API)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from caseweave.access.types import Actor
from caseweave.api.models import ApiToken

logger = logging.getLogger(__name__)


@task()
def notify_token_issued(token_id: int) -> bool:
    """Email the client's acting staff member that a token was issued in their name.

    Integrations act with that person's role, so they should learn of every new token;
    the mail names the client and token prefix, never the secret. False if the token
    is gone (revoked and purged before the worker ran).
    """
    token = (
        ApiToken.objects.select_related("client__acting_membership__user", "client__organisation")
        .filter(pk=token_id)
        .first()
    )
    if token is None:
        logger.info("token %s no longer exists; no notification sent", token_id)
        return False
    client = token.client
    recipient = client.acting_membership.user.email
    expiry = timezone.localtime(token.expires_at).isoformat() if token.expires_at else "never"
    send_mail(
        subject=f"[Caseweave] New API token for {client.name}",
        message=(
            f"An API token (cw_{token.prefix}_…) was issued for the integration "
            f"'{client.name}' of {client.organisation.name}. It acts with your role and "
            f"organisation. Expires: {expiry}.\n\n"
            "If you did not expect this, ask your data steward to revoke it."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[recipient],
    )
    logger.info("notified about api token", extra={"token_id": token_id})
    return True


@task()
def purge_expired_api_tokens() -> int:
    """Delete token rows revoked or expired beyond the retention period (audited)."""
    # Imported here: actions enqueue tasks from this module, so the import is circular.
    from caseweave.api.actions import tokens_purge_expired

    purged = tokens_purge_expired(actor=Actor.system("purge expired API tokens"))
    logger.info("purged expired api tokens", extra={"count": purged})
    return purged

"""Messages the access module sends (by email until the notify module exists)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from caseweave.access.models import BreakGlassGrant
from caseweave.core.choices import Role
from caseweave.core.links import absolute_url
from caseweave.core.models import Membership

logger = logging.getLogger(__name__)


def steward_emails(organisation_id: int) -> list[str]:
    return sorted(
        Membership.objects.filter(
            organisation_id=organisation_id,
            role=Role.DATA_STEWARD,
            is_active=True,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def notify_break_glass_opened(grant_id: int) -> int:
    """Email the data stewards of the opener's organisation. No names, no reason text:
    the email says that a review is waiting and where; the details are behind sign-in."""
    grant = BreakGlassGrant.objects.select_related("membership").get(pk=grant_id)
    recipients = steward_emails(grant.membership.organisation_id)
    if not recipients:
        logger.warning("break-glass #%s opened but the organisation has no data steward", grant_id)
        return 0
    try:
        link = absolute_url("web:access:review_detail", grant_id=grant.pk)
    except NoReverseMatch:
        link = ""
    body = _(
        "A member of your organisation opened emergency (break-glass) access to a "
        "person's record at %(opened)s UTC. It expires at %(expires)s UTC and waits for "
        "your review: %(link)s"
    ) % {
        "opened": f"{grant.opened_at:%Y-%m-%d %H:%M}",
        "expires": f"{grant.expires_at:%Y-%m-%d %H:%M}",
        "link": link,
    }
    return send_mail(
        _("Break-glass access #%(id)s needs review") % {"id": grant.pk},
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )

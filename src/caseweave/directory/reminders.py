"""Stale-listing reminders: who maintains which stale listing, and who to email about it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from caseweave.core.links import absolute_url
from caseweave.core.models import Membership, Organisation
from caseweave.core.roles import ROLE_PERMISSIONS
from caseweave.directory.models import ListingReminder, OrganisationLink
from caseweave.directory.selectors import stale_listings


@dataclass
class OrganisationReminder:
    """The stale listings one platform organisation maintains, and its listing stewards."""

    organisation_id: int
    organisation_name: str
    recipients: list[str]
    listings: list[tuple[str, str]] = field(default_factory=list)  # (service id, name)


def listing_steward_roles() -> list[str]:
    return sorted(
        role for role, perms in ROLE_PERMISSIONS.items() if "directory.manage_listings" in perms
    )


def listing_steward_emails(organisation_id: int) -> list[str]:
    """Active members of the organisation whose role may edit its directory listings."""
    return sorted(
        set(
            Membership.objects.filter(
                organisation_id=organisation_id,
                role__in=listing_steward_roles(),
                is_active=True,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )


def due(*, now: datetime, as_of: date) -> list[OrganisationReminder]:
    """Stale listings of linked organisations not reminded within the reminder period."""
    links = dict(
        OrganisationLink.objects.values_list("directory_organization_id", "organisation_id")
    )
    if not links:
        return []
    since = now - timedelta(days=int(settings.CASEWEAVE_DIRECTORY_REMINDER_DAYS))
    recent = {
        str(service_id)
        for service_id in ListingReminder.objects.filter(reminded_at__gte=since).values_list(
            "service_id", flat=True
        )
    }
    rows = (
        stale_listings(as_of=as_of)
        .filter(organization_id__in=list(links))
        .exclude(status="defunct")  # closed for good: nothing to check
        .order_by("name", "service_id")
        .values_list("service_id", "name", "organization_id")
    )
    by_organisation: dict[int, dict[str, str]] = defaultdict(dict)
    for service_id, name, directory_organization_id in rows:
        if directory_organization_id is None or str(service_id) in recent:
            continue
        by_organisation[links[directory_organization_id]].setdefault(str(service_id), name)
    names = dict(
        Organisation.objects.filter(pk__in=list(by_organisation)).values_list("pk", "name")
    )
    return [
        OrganisationReminder(
            organisation_id=organisation_id,
            organisation_name=names.get(organisation_id, ""),
            recipients=listing_steward_emails(organisation_id),
            listings=sorted(listings.items(), key=lambda item: (item[1], item[0])),
        )
        for organisation_id, listings in sorted(by_organisation.items())
    ]


def send(reminder: OrganisationReminder) -> int:
    """One email listing every stale service; names of services only, never of people."""
    months = int(settings.CASEWEAVE_DIRECTORY_STALE_MONTHS)
    lines = [
        f"- {name}: {absolute_url('web:directory:detail', service_id=service_id)}"
        for service_id, name in reminder.listings
    ]
    body = _(
        "%(count)s directory listing(s) of %(organisation)s have not been checked for "
        "%(months)s months. Please check each one and mark it verified, or correct it, so "
        "that referrals reach the right place:\n\n%(lines)s\n\nAll of them: %(page)s"
    ) % {
        "count": len(reminder.listings),
        "organisation": reminder.organisation_name,
        "months": months,
        "lines": "\n".join(lines),
        "page": absolute_url("web:directory:stale"),
    }
    return send_mail(
        _("%(count)s directory listing(s) need checking") % {"count": len(reminder.listings)},
        body,
        settings.DEFAULT_FROM_EMAIL,
        reminder.recipients,
    )


__all__ = ["OrganisationReminder", "due", "listing_steward_emails", "send"]

"""Reads of the access module: consents, care teams, reviews, access reports.

Each returns rows already filtered by the policy; the audit of the read is the caller's
(``gate.require`` for one person, ``gate.record_list`` for a list).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from caseweave.access import policy, tokens
from caseweave.access.errors import NotFound
from caseweave.access.models import BreakGlassGrant, CareTeamMember, Consent, ConsentTemplate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.core.models import Membership, Organisation, User

UNUSUAL_VOLUME_THRESHOLD = 50  # distinct people viewed by one staff member in a day


def consent_list(actor: Actor) -> QuerySet[Consent]:
    if actor.organisation_id is None:
        return Consent.objects.none()
    """Consents captured by the actor's organisation, for people the actor may see."""
    return (
        Consent.objects.filter(captured_by__organisation_id=actor.organisation_id)
        .filter(policy.visible(actor, Category.IDENTITY))
        .prefetch_related("recipient_organisations", "recipient_teams")
        .select_related("captured_by__organisation")
    )


def consent_templates(actor: Actor) -> QuerySet[ConsentTemplate]:
    """The templates staff of the actor's organisation may start a consent from."""
    return ConsentTemplate.objects.filter(
        organisation_id=actor.organisation_id or -1, is_active=True
    ).prefetch_related("recipient_organisations", "recipient_teams")


@dataclass(frozen=True)
class ConsentDraft:
    """A consent's scope as a template proposes it; staff may still change any of it."""

    template_id: int
    categories: list[str]
    purposes: list[str]
    recipient_organisation_ids: list[int]
    recipient_team_ids: list[int]
    to_care_team: bool
    valid_until: datetime


def _months_later(start: datetime, months: int) -> datetime:
    """The same day ``months`` later, or the month's last day (31 January + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, monthrange(year, month)[1]))


def consent_draft(actor: Actor, template_id: int, *, at: datetime | None = None) -> ConsentDraft:
    """The scope a template proposes, valid for its default months from ``at``. Raises
    ``NotFound`` for a template that is not one of the actor's organisation's, or retired."""
    template = consent_templates(actor).filter(pk=template_id).first()
    if template is None:
        raise NotFound()
    return ConsentDraft(
        template_id=template.pk,
        categories=tokens.unpack(template.categories),
        purposes=tokens.unpack(template.purposes),
        recipient_organisation_ids=sorted(o.pk for o in template.recipient_organisations.all()),
        recipient_team_ids=sorted(t.pk for t in template.recipient_teams.all()),
        to_care_team=template.to_care_team,
        valid_until=_months_later(at or timezone.now(), template.default_months),
    )


def person_consents(person_id: PersonId) -> QuerySet[Consent]:
    """Every consent of one person (the caller has passed ``gate.require`` for them)."""
    return (
        Consent.objects.filter(person_id=person_id)
        .prefetch_related("recipient_organisations", "recipient_teams")
        .select_related("captured_by__organisation", "captured_by__user", "template")
    )


def care_team(person_id: PersonId) -> QuerySet[CareTeamMember]:
    return (
        CareTeamMember.objects.filter(person_id=person_id, left_at__isnull=True)
        .select_related("organisation", "membership__user")
        .order_by("-is_lead", "organisation__name")
    )


def serving_organisations(person_ids: list[PersonId]) -> dict[PersonId, list[Organisation]]:
    """For a limited record: which organisations to contact about each person."""
    found: dict[PersonId, list[Organisation]] = {}
    rows = CareTeamMember.objects.filter(
        person_id__in=person_ids, left_at__isnull=True
    ).select_related("organisation")
    for row in rows:
        bucket = found.setdefault(PersonId(row.person_id), [])
        if all(existing.pk != row.organisation_id for existing in bucket):
            bucket.append(row.organisation)
    return found


def review_queue(actor: Actor, *, include_reviewed: bool = False) -> QuerySet[BreakGlassGrant]:
    """Emergency accesses by staff of the actor's organisation, oldest unreviewed first."""
    if actor.organisation_id is None:
        return BreakGlassGrant.objects.none()
    grants = BreakGlassGrant.objects.filter(
        membership__organisation_id=actor.organisation_id
    ).select_related("membership__user", "membership__organisation", "reviewed_by__user")
    if not include_reviewed:
        grants = grants.filter(reviewed_at__isnull=True)
    return grants.order_by("reviewed_at", "opened_at")


@dataclass(frozen=True)
class ReportRow:
    event: AuditEvent
    staff_name: str
    organisation_name: str
    role: str

    @property
    def category_labels(self) -> list[str]:
        """The event's categories in words ("Mental health"), for staff and the person."""
        return [_category_label(value) for value in self.event.categories]


def _category_label(value: str) -> str:
    try:
        return Category(value).label
    except ValueError:  # an event older than a category's removal from code
        return value


def _with_names(events: list[AuditEvent]) -> list[ReportRow]:
    users = dict(
        User.objects.filter(
            pk__in={e.actor_user_id for e in events if e.actor_user_id}
        ).values_list("pk", "full_name")
    )
    organisations = dict(
        Organisation.objects.filter(
            pk__in={e.actor_organisation_id for e in events if e.actor_organisation_id}
        ).values_list("pk", "name")
    )
    roles = dict(Membership._meta.get_field("role").choices or [])
    return [
        ReportRow(
            event=event,
            staff_name=users.get(event.actor_user_id or 0, "") if event.actor_user_id else "",
            organisation_name=organisations.get(event.actor_organisation_id or 0, ""),
            role=str(roles.get(event.actor_role, event.actor_role)),
        )
        for event in events
    ]


def access_report(
    person_id: PersonId, *, since: datetime | None = None, category: str | None = None
) -> list[ReportRow]:
    """Who viewed or changed what of this person's data, when and on what basis.

    ``category`` keeps the events naming it, e.g. every page view that showed the
    person's mental-health notes (``person.sections_viewed``) and every refusal.
    Lists and searches name the person in ``person_ids`` (JSON); the text casts keep
    the filters portable between SQLite and PostgreSQL.
    """
    events = AuditEvent.objects.annotate(ids_text=Cast("person_ids", TextField())).filter(
        Q(person_id=person_id) | Q(ids_text__contains=str(person_id))
    )
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if category:
        events = events.annotate(categories_text=Cast("categories", TextField())).filter(
            categories_text__contains=f'"{category}"'
        )
    return _with_names(list(events.order_by("-occurred_at", "-id")[:1000]))


def denials(actor: Actor, *, days: int = 30) -> list[ReportRow]:
    since = timezone.now() - timedelta(days=days)
    events = AuditEvent.objects.filter(
        allowed=False, actor_organisation_id=actor.organisation_id, occurred_at__gte=since
    ).order_by("-occurred_at")[:500]
    return _with_names(list(events))


def unusual_volumes(
    actor: Actor, *, hours: int = 24, threshold: int = UNUSUAL_VOLUME_THRESHOLD
) -> list[dict[str, Any]]:
    """Staff of the actor's organisation who opened many different people's records."""
    since = timezone.now() - timedelta(hours=hours)
    rows = (
        AuditEvent.objects.filter(
            actor_organisation_id=actor.organisation_id,
            occurred_at__gte=since,
            person_id__isnull=False,
            allowed=True,
        )
        .values("actor_user_id")
        .annotate(people=Count("person_id", distinct=True))
        .filter(people__gte=threshold)
        .order_by("-people")
    )
    names = dict(
        User.objects.filter(pk__in=[r["actor_user_id"] for r in rows]).values_list(
            "pk", "full_name"
        )
    )
    return [
        {"staff_name": names.get(row["actor_user_id"], ""), "people": row["people"]} for row in rows
    ]

"""Break-glass writes: emergency access opened with a reason, time-boxed, reviewed
(re-exported by ``access.actions``)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caseweave.access import events, gate, policy, validation
from caseweave.access.choices import ReviewOutcome
from caseweave.access.errors import AccessInputError, NotFound, NotPermitted
from caseweave.access.models import BreakGlassGrant
from caseweave.access.notifications import notify_break_glass_opened
from caseweave.access.types import Actor, Basis, Category, Decision, PersonId
from caseweave.audit import recorder
from caseweave.core.models import Organisation
from caseweave.core.models.organisation import BREAK_GLASS_MAX_HOURS, BREAK_GLASS_MIN_HOURS

DEFAULT_BREAK_GLASS_HOURS = 4


def break_glass_hours(organisation_id: int | None = None) -> int:
    """How long emergency access lasts for staff of this organisation: the organisation's
    own setting, else the deployment's ``CASEWEAVE_BREAK_GLASS_HOURS``."""
    configured = (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("break_glass_hours", flat=True)
        .first()
        if organisation_id is not None
        else None
    )
    if configured is not None:
        return configured
    return int(getattr(settings, "CASEWEAVE_BREAK_GLASS_HOURS", DEFAULT_BREAK_GLASS_HOURS))


def break_glass_open(
    *, actor: Actor, person_id: PersonId, reason: str, hours: int | None = None
) -> BreakGlassGrant:
    """Open emergency access to one person. Caller: ``access.use_break_glass``. Needs a
    written reason; lasts ``hours`` (default: the organisation's break-glass period, else
    the setting ``CASEWEAVE_BREAK_GLASS_HOURS``, 4);
    audits ``break_glass.opened`` and, after commit, emails the organisation's data
    stewards. A refusal for lack of a reason is audited as ``break_glass.refused``."""
    membership_id, organisation_id = gate.require_staff(actor, "access.use_break_glass")
    errors = validation.Errors()
    if len(reason.strip()) < 10:
        errors.add("reason", _("Write the reason for emergency access (at least 10 characters)."))
    duration = hours if hours is not None else break_glass_hours(organisation_id)
    if not BREAK_GLASS_MIN_HOURS <= duration <= BREAK_GLASS_MAX_HOURS:
        errors.add("hours", _("Between 1 and 24 hours."))
    if errors:
        recorder.record(
            actor,
            events.BREAK_GLASS_REFUSED,
            action="view",
            person_id=person_id,
            decision=Decision(False, Basis.NONE, reason="invalid break-glass request"),
            object_type="break_glass",
            payload={"fields": sorted(errors)},
        )
        raise AccessInputError(dict(errors))
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            person_id=person_id,
            membership_id=membership_id,
            reason=reason.strip(),
            opened_at=now,
            expires_at=now + timedelta(hours=duration),
        )
        policy.invalidate()
        recorder.record(
            actor,
            events.BREAK_GLASS_OPENED,
            action="view",
            person_id=person_id,
            categories=list(Category),
            decision=Decision(True, Basis.BREAK_GLASS, reference=f"break_glass:{grant.pk}"),
            object_type="break_glass",
            object_id=grant.pk,
            payload={"hours": duration},
        )
        grant_id = grant.pk
        transaction.on_commit(lambda: notify_break_glass_opened(grant_id))
    return grant


@transaction.atomic
def break_glass_review(
    *, actor: Actor, grant_id: int, outcome: str, note: str = ""
) -> BreakGlassGrant:
    """Record a steward's review of an emergency access by their organisation's staff.
    Caller: ``access.review_break_glass``. Audits ``break_glass.reviewed``."""
    membership_id, organisation_id = gate.require_staff(actor, "access.review_break_glass")
    grant = (
        BreakGlassGrant.objects.select_for_update()
        .filter(
            pk=grant_id,
            membership__organisation_id=organisation_id,
            reviewed_at__isnull=True,
        )
        .first()
    )
    if grant is None:
        raise NotFound()
    if grant.membership_id == membership_id:
        raise NotPermitted("a steward may not review their own emergency access")
    errors = validation.Errors()
    if outcome not in ReviewOutcome.values:
        errors.add("outcome", _("Choose an outcome."))
    if outcome != ReviewOutcome.JUSTIFIED and not note.strip():
        errors.add("note", _("Explain the outcome."))
    if errors:
        raise AccessInputError(dict(errors))
    grant.reviewed_by_id = membership_id
    grant.reviewed_at = timezone.now()
    grant.outcome = outcome
    grant.review_note = note.strip()
    grant.version += 1
    grant.save(update_fields=["reviewed_by", "reviewed_at", "outcome", "review_note", "version"])
    recorder.record(
        actor,
        events.BREAK_GLASS_REVIEWED,
        action="update",
        person_id=grant.person_id,
        object_type="break_glass",
        object_id=grant.pk,
        payload={"outcome": outcome},
    )
    return grant

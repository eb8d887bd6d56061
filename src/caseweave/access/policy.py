"""THE access policy: may this actor do this action on this category of this person's data?

Two shapes of one rule (STYLE.md §4): ``decide`` answers for one person, ``visible``
returns the same answer as a filter for lists and search. Both are pure: they read,
never write. ``caseweave.access.gate`` adds the audit record and the 404.

The rule, in order of the basis reported:

1. A system actor (a task with a declared reason) may do anything.
2. A role that may not use person data at all (analyst, administrator) is refused.
3. Care team: the actor personally, or their organisation, is on the person's current
   care team. Non-sensitive categories: every action. Sensitive categories: only
   ``create`` (recording what the person tells them); reading them back needs 4 or 5.
4. Consent: an active consent of the person covers the category and the actor's purpose
   and names the actor's organisation, one of the actor's teams, or "the care team"
   while the actor's organisation is on it. Allows view and print.
5. Agreement: a data-sharing agreement in force with a lawful basis other than consent,
   to which the actor's organisation and an organisation serving the person are both
   parties, covers the category and purpose. Allows view and print.
6. Break-glass: the actor opened emergency access to this person and it has not
   expired. Allows view and print of every category.
"""

from __future__ import annotations

import itertools
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from caseweave.access import tokens
from caseweave.access.models import (
    BreakGlassGrant,
    CareTeamMember,
    Consent,
    DataSharingAgreement,
)
from caseweave.access.types import Action, Actor, Basis, Category, Decision, PersonId
from caseweave.core.roles import permissions_for
from caseweave.observability import current_request_id

SHARING_ACTIONS = frozenset({Action.VIEW, Action.PRINT})
BREAK_GLASS_ACTIONS = frozenset({Action.VIEW, Action.PRINT})
SENSITIVE_CARE_TEAM_ACTIONS = frozenset({Action.CREATE})
PERSON_DATA_PERMISSION = "people.view_people"


@dataclass(frozen=True)
class Grant:
    """One consent or agreement as the policy sees it."""

    id: int
    categories: frozenset[str]
    purposes: frozenset[str]

    def covers(self, category: Category, purpose: str) -> bool:
        return str(category) in self.categories and purpose in self.purposes


@dataclass(frozen=True)
class Facts:
    """Everything about one actor and one person that the rule reads (4 queries at most)."""

    on_care_team_personally: bool
    organisation_on_care_team: bool
    consents: tuple[Grant, ...]
    agreements: tuple[Grant, ...]
    break_glass_id: int | None


def may_use_person_data(actor: Actor) -> bool:
    return actor.is_system or PERSON_DATA_PERMISSION in permissions_for(actor.role)


def decide(
    actor: Actor, person_id: PersonId, category: Category, action: Action = Action.VIEW
) -> Decision:
    """The decision, with its basis, for one person."""
    if actor.is_system:
        return Decision(True, Basis.SYSTEM, reason=actor.system_reason)
    if not may_use_person_data(actor):
        return Decision(False, Basis.NONE, reason="role may not use person data")
    return evaluate(facts_for(actor, person_id), actor, Category(category), Action(action))


def evaluate(facts: Facts, actor: Actor, category: Category, action: Action) -> Decision:
    """Rules 3-6 of the module docstring, on facts already read."""
    care_team_actions = SENSITIVE_CARE_TEAM_ACTIONS if category.is_sensitive else None
    if care_team_actions is None or action in care_team_actions:
        if facts.on_care_team_personally:
            return Decision(True, Basis.CARE_TEAM)
        if facts.organisation_on_care_team:
            return Decision(True, Basis.OWN_ORGANISATION)
    purpose = str(actor.purpose)
    if action in SHARING_ACTIONS:
        for consent in facts.consents:
            if consent.covers(category, purpose):
                return Decision(True, Basis.CONSENT, reference=f"consent:{consent.id}")
        for agreement in facts.agreements:
            if agreement.covers(category, purpose):
                return Decision(True, Basis.AGREEMENT, reference=f"agreement:{agreement.id}")
    if action in BREAK_GLASS_ACTIONS and facts.break_glass_id is not None:
        return Decision(True, Basis.BREAK_GLASS, reference=f"break_glass:{facts.break_glass_id}")
    return Decision(False, Basis.NONE, reason="no care team role, consent or agreement")


def _never() -> Q:
    return Q(pk__in=[])


def _grant(row: tuple[int, str, str]) -> Grant:
    return Grant(row[0], frozenset(tokens.unpack(row[1])), frozenset(tokens.unpack(row[2])))


def read_facts(actor: Actor, person_id: PersonId, now: datetime | None = None) -> Facts:
    now = now or timezone.now()
    care_team = list(
        CareTeamMember.objects.filter(person_id=person_id, left_at__isnull=True).values_list(
            "organisation_id", "membership_id"
        )
    )
    personally = actor.membership_id is not None and any(
        member == actor.membership_id for _org, member in care_team
    )
    organisation = actor.organisation_id is not None and any(
        org == actor.organisation_id for org, _member in care_team
    )
    on_care_team = personally or organisation
    recipient = _never()
    if actor.organisation_id is not None:
        recipient |= Q(recipient_organisations=actor.organisation_id)
    if actor.team_ids:
        recipient |= Q(recipient_teams__in=actor.team_ids)
    if on_care_team:
        recipient |= Q(to_care_team=True)
    consents = (
        Consent.objects.filter(Consent.active_q(now), person_id=person_id)
        .filter(recipient)
        .values_list("id", "categories", "purposes")
        .distinct()
    )
    serving = {org for org, _member in care_team}
    agreements: list[tuple[int, str, str]] = []
    if serving and actor.organisation_id is not None:
        agreements = list(
            DataSharingAgreement.objects.filter(DataSharingAgreement.in_force_q(now))
            .filter(parties=actor.organisation_id)
            .filter(parties__in=serving)
            .values_list("id", "categories", "purposes")
            .distinct()
        )
    break_glass_id = (
        BreakGlassGrant.objects.filter(
            membership_id=actor.membership_id,
            person_id=person_id,
            opened_at__lte=now,
            expires_at__gt=now,
        )
        .values_list("id", flat=True)
        .first()
        if actor.membership_id is not None
        else None
    )
    return Facts(
        on_care_team_personally=personally,
        organisation_on_care_team=organisation,
        consents=tuple(sorted((_grant(row) for row in consents), key=lambda grant: grant.id)),
        agreements=tuple(_grant(row) for row in sorted(agreements)),
        break_glass_id=break_glass_id,
    )


# --- Per-request cache of facts -----------------------------------------------------------
# A page asks about many sections of one person; the facts are read once per request.
# Every write in ``access.actions`` calls ``invalidate()``, so a consent withdrawn in the
# request (or any later one) is seen at once. Outside a request nothing is cached.
_generation = itertools.count()
_current_generation = next(_generation)
_facts_cache: ContextVar[tuple[str, int, dict[tuple[Actor, PersonId], Facts]] | None] = ContextVar(
    "access_facts_cache", default=None
)


def invalidate() -> None:
    """Forget cached facts (called by every access write)."""
    global _current_generation
    _current_generation = next(_generation)


def facts_for(actor: Actor, person_id: PersonId) -> Facts:
    request_id = current_request_id()
    if request_id == "-":
        return read_facts(actor, person_id)
    state = _facts_cache.get()
    if state is None or state[0] != request_id or state[1] != _current_generation:
        state = (request_id, _current_generation, {})
        _facts_cache.set(state)
    key = (actor, person_id)
    cached = state[2].get(key)
    if cached is None:
        cached = state[2][key] = read_facts(actor, person_id)
    return cached


# --- The same rule as a filter ------------------------------------------------------------


def _person_in(person_field: str, subquery: object) -> Q:
    return Q(**{f"{person_field}__in": subquery})


def visible(
    actor: Actor,
    category: Category,
    *,
    action: Action = Action.VIEW,
    person_field: str = "person_id",
) -> Q:
    """A filter on ``person_field`` keeping only the people ``decide`` would allow.

    Every clause is a subquery, so a list of any length costs one SQL statement.
    """
    if actor.is_system:
        return Q()
    category = Category(category)
    action = Action(action)
    nothing = Q(**{f"{person_field}__in": []})
    if not may_use_person_data(actor):
        return nothing
    now = timezone.now()
    # Guard every id: ``Q(field=None)`` would mean IS NULL and match strangers' rows.
    mine = _never()
    if actor.organisation_id is not None:
        mine |= Q(organisation_id=actor.organisation_id)
    if actor.membership_id is not None:
        mine |= Q(membership_id=actor.membership_id)
    care_team = CareTeamMember.objects.filter(mine, left_at__isnull=True)
    clauses: list[Q] = []
    if not category.is_sensitive or action in SENSITIVE_CARE_TEAM_ACTIONS:
        clauses.append(_person_in(person_field, care_team.values("person_id")))
    purpose = str(actor.purpose)
    if action in SHARING_ACTIONS:
        recipient = Q(to_care_team=True, person_id__in=care_team.values("person_id"))
        if actor.organisation_id is not None:
            recipient |= Q(recipient_organisations=actor.organisation_id)
        if actor.team_ids:
            recipient |= Q(recipient_teams__in=actor.team_ids)
        consents = (
            Consent.objects.filter(Consent.active_q(now))
            .filter(tokens.has("categories", category), tokens.has("purposes", purpose))
            .filter(recipient)
        )
        clauses.append(_person_in(person_field, consents.values("person_id")))
        if actor.organisation_id is not None:
            agreement_ids = (
                DataSharingAgreement.objects.filter(DataSharingAgreement.in_force_q(now))
                .filter(parties=actor.organisation_id)
                .filter(tokens.has("categories", category), tokens.has("purposes", purpose))
                .values("id")
            )
            parties = DataSharingAgreement.parties.through.objects.filter(
                datasharingagreement_id__in=agreement_ids
            ).values("organisation_id")
            served = CareTeamMember.objects.filter(
                left_at__isnull=True, organisation_id__in=parties
            )
            clauses.append(_person_in(person_field, served.values("person_id")))
    if action in BREAK_GLASS_ACTIONS and actor.membership_id is not None:
        grants = BreakGlassGrant.objects.filter(
            membership_id=actor.membership_id, opened_at__lte=now, expires_at__gt=now
        )
        clauses.append(_person_in(person_field, grants.values("person_id")))
    return reduce(or_, clauses) if clauses else nothing

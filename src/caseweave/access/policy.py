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
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
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


def decide_each(
    actor: Actor,
    person_ids: Sequence[PersonId],
    category: Category,
    action: Action = Action.VIEW,
) -> dict[PersonId, Decision]:
    """``decide`` for each of a few given people (a search's shortlist), in one statement
    however many they are: the same facts and the same rule, read for all at once."""
    category, action = Category(category), Action(action)
    if actor.is_system or not may_use_person_data(actor):
        return {pid: decide(actor, pid, category, action) for pid in person_ids}
    facts = read_facts_of_many(actor, person_ids)
    return {pid: evaluate(facts[pid], actor, category, action) for pid in person_ids}


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


def _facts_sql(team_count: int, person_count: int) -> str:
    """One statement for all four facts of some people, each row led by its person. Written
    in SQL because building the same four queries through the ORM cost ten times their
    execution time (benchmarks/access)."""
    care_team = CareTeamMember._meta.db_table
    consent = Consent._meta.db_table
    to_organisations = Consent.recipient_organisations.through._meta.db_table
    to_teams = Consent.recipient_teams.through._meta.db_table
    agreement = DataSharingAgreement._meta.db_table
    parties = DataSharingAgreement.parties.through._meta.db_table
    grant = BreakGlassGrant._meta.db_table
    people = ", ".join(["%s"] * person_count)
    team_clause = (
        f"OR EXISTS (SELECT 1 FROM {to_teams} rt WHERE rt.consent_id = c.id "  # noqa: S608  # placeholders only
        f"AND rt.team_id IN ({', '.join(['%s'] * team_count)}))"
        if team_count
        else ""
    )
    return f"""
        SELECT ct.person_id, 'care_team', ct.organisation_id, ct.membership_id, '', ''
          FROM {care_team} ct WHERE ct.person_id IN ({people}) AND ct.left_at IS NULL
        UNION ALL
        SELECT c.person_id, 'consent', c.id,
               CASE WHEN EXISTS (SELECT 1 FROM {to_organisations} ro
                                  WHERE ro.consent_id = c.id AND ro.organisation_id = %s)
                    {team_clause} THEN 2 ELSE 0 END
               + CASE WHEN c.to_care_team THEN 1 ELSE 0 END,
               c.categories, c.purposes
          FROM {consent} c
         WHERE c.person_id IN ({people}) AND c.withdrawn_at IS NULL AND c.valid_from <= %s
           AND (c.valid_until IS NULL OR c.valid_until > %s)
        UNION ALL
        SELECT DISTINCT served.person_id, 'agreement', a.id, 0, a.categories, a.purposes
          FROM {agreement} a
          JOIN {parties} mine ON mine.datasharingagreement_id = a.id AND mine.organisation_id = %s
          JOIN {parties} other ON other.datasharingagreement_id = a.id
          JOIN {care_team} served ON served.organisation_id = other.organisation_id
                                 AND served.person_id IN ({people}) AND served.left_at IS NULL
         WHERE a.ended_at IS NULL AND a.valid_from <= %s
           AND (a.valid_until IS NULL OR a.valid_until > %s) AND a.lawful_basis <> 'consent'
        UNION ALL
        SELECT g.person_id, 'break_glass', g.id, 0, '', ''
          FROM {grant} g
         WHERE g.membership_id = %s AND g.person_id IN ({people}) AND g.opened_at <= %s
           AND g.expires_at > %s
    """  # noqa: S608  # table names from the models' _meta; every value is a bound parameter


def read_facts(actor: Actor, person_id: PersonId, now: datetime | None = None) -> Facts:
    return read_facts_of_many(actor, [person_id], now)[person_id]


def read_facts_of_many(
    actor: Actor, person_ids: Sequence[PersonId], now: datetime | None = None
) -> dict[PersonId, Facts]:
    """The facts of each of these people, in one statement however many they are."""
    now = now or timezone.now()
    person_field = CareTeamMember._meta.get_field("person_id")
    stored = {person_field.get_db_prep_value(pid, connection): pid for pid in person_ids}
    people = list(stored)
    at = CareTeamMember._meta.get_field("joined_at").get_db_prep_value(now, connection)
    # -1 matches no row: ids are positive. Never compare with NULL (it would match nothing
    # here, but a future "IS NULL" edit would match strangers' rows).
    organisation = actor.organisation_id if actor.organisation_id is not None else -1
    membership = actor.membership_id if actor.membership_id is not None else -1
    teams = sorted(actor.team_ids)
    params = [
        *people,
        organisation,
        *teams,
        *people,
        at,
        at,
        organisation,
        *people,
        at,
        at,
        membership,
        *people,
        at,
        at,
    ]
    rows_of: dict[PersonId, list[tuple[str, int, int, str, str]]] = {pid: [] for pid in person_ids}
    if people:
        with connection.cursor() as cursor:
            cursor.execute(_facts_sql(len(teams), len(people)), params)
            for person, *row in cursor.fetchall():
                rows_of[stored[person]].append(tuple(row))
    return {pid: _facts_from_rows(rows, organisation, membership) for pid, rows in rows_of.items()}


def _facts_from_rows(
    rows: list[tuple[str, int, int, str, str]], organisation: int, membership: int
) -> Facts:
    personally = organisation_serves = False
    consent_rows: list[tuple[int, int, str, str]] = []
    agreements: set[Grant] = set()
    break_glass_id: int | None = None
    for kind, first, second, categories, purposes in rows:
        if kind == "care_team":
            personally = personally or second == membership
            organisation_serves = organisation_serves or first == organisation
        elif kind == "consent":
            consent_rows.append((int(first), int(second), categories, purposes))
        elif kind == "agreement":
            agreements.add(_grant((int(first), categories, purposes)))
        else:
            break_glass_id = int(first)
    on_care_team = personally or organisation_serves
    # Flag 2: addressed to the actor's organisation or team; 1: to "the care team".
    addressed = [
        _grant((consent_id, categories, purposes))
        for consent_id, flags, categories, purposes in consent_rows
        if flags & 2 or (flags & 1 and on_care_team)
    ]
    return Facts(
        on_care_team_personally=personally,
        organisation_on_care_team=organisation_serves,
        consents=tuple(sorted(addressed, key=lambda grant: grant.id)),
        agreements=tuple(sorted(agreements, key=lambda grant: grant.id)),
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


def _person_in(person_field: str, rows: QuerySet[Any]) -> Q:
    """Some row of ``rows`` is about the outer row's person: a correlated EXISTS.

    Not ``person_field IN (subquery)``: PostgreSQL cannot turn OR'd IN-subqueries into
    semi-joins and hashes each one whole (an organisation's entire care team) on every
    call. A correlated EXISTS lets it probe the ``person_id`` indexes per outer row when
    the outer set is small and still hash when it is large.
    """
    return Q(Exists(rows.filter(person_id=OuterRef(person_field))))


def visible(
    actor: Actor,
    category: Category,
    *,
    action: Action = Action.VIEW,
    person_field: str = "person_id",
) -> Q:
    """A filter on ``person_field`` keeping only the people ``decide`` would allow.

    Every clause is a subquery (a correlated EXISTS but for break-glass), so a list of any
    length costs one SQL statement. For a few given people ``decide_each`` is cheaper.
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
        clauses.append(_person_in(person_field, care_team))
    purpose = str(actor.purpose)
    if action in SHARING_ACTIONS:
        recipient = Q(to_care_team=True) & _person_in("person_id", care_team)
        if actor.organisation_id is not None:
            recipient |= Q(recipient_organisations=actor.organisation_id)
        if actor.team_ids:
            recipient |= Q(recipient_teams__in=actor.team_ids)
        consents = (
            Consent.objects.filter(Consent.active_q(now))
            .filter(tokens.has("categories", category), tokens.has("purposes", purpose))
            .filter(recipient)
        )
        clauses.append(_person_in(person_field, consents))
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
            clauses.append(_person_in(person_field, served))
    if action in BREAK_GLASS_ACTIONS and actor.membership_id is not None:
        grants = BreakGlassGrant.objects.filter(
            membership_id=actor.membership_id, opened_at__lte=now, expires_at__gt=now
        )
        # One membership's open grants are a handful of rows: hashed once per statement,
        # they cost nothing, where a per-row probe would cost once per person listed.
        clauses.append(Q(**{f"{person_field}__in": grants.values("person_id")}))
    return reduce(or_, clauses) if clauses else nothing

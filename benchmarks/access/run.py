"""Cost of the access policy: per decision (person view) and per list page (search).

Usage:
  .venv/bin/python benchmarks/access/run.py [PEOPLE]                    # throw-away SQLite
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_access_bench \\
      .venv/bin/python benchmarks/access/run.py [PEOPLE]                # an empty PostgreSQL db

Builds PEOPLE synthetic people (ids only: the policy never reads names) served by 20
organisations, with consents for a third of them (random categories, organisations,
teams, the care team), a few agreements and break-glass grants. Then, for a caseworker:
- decide(): median / p95 ms per decision with the facts read fresh (a person view's
  added cost), and per decision when a page asks about 12 sections of one person;
- visible(): ms and SQL queries for a 50-row list page filtered by the policy, and for
  10 given people (a search's shortlist).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweave.settings")
os.environ.setdefault("CASEWEAVE_DATA_DIR", tempfile.mkdtemp(prefix="cw-bench-"))
os.environ.setdefault("CASEWEAVE_LOG_LEVEL", "WARNING")


def ensure_database() -> None:
    """Create the PostgreSQL database named by DATABASE_URL when it does not exist yet."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "select 1 from pg_database where datname = %s", (name,)
        ).fetchone()
        if not found:
            connection.execute(f'create database "{name}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from caseweave.access import policy, tokens  # noqa: E402
from caseweave.access.actors import actor_for_membership  # noqa: E402
from caseweave.access.models import (  # noqa: E402
    BreakGlassGrant,
    CareTeamMember,
    Consent,
    DataSharingAgreement,
)
from caseweave.access.types import Category, Purpose  # noqa: E402
from caseweave.core.models import Membership, Organisation, Team, TeamMembership, User  # noqa: E402
from caseweave.observability import request_scope  # noqa: E402

rng = random.Random(20261124)


def build(people: int) -> Membership:
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench Agency {n}", short_name=f"B{n}", kind="ngo") for n in range(20)
    )
    user = User.objects.create_user("bench@example.test", "x" * 16, full_name="Bench Worker")
    membership = Membership.objects.create(
        user=user, organisation=organisations[0], role="caseworker"
    )
    team = Team.objects.create(
        name="Bench table", kind="action_table", organisation=organisations[0]
    )
    TeamMembership.objects.create(team=team, membership=membership)
    person_ids = [uuid.uuid4() for _ in range(people)]
    CareTeamMember.objects.bulk_create(
        CareTeamMember(person_id=person_id, organisation=rng.choice(organisations))
        for person_id in person_ids
    )
    consents = Consent.objects.bulk_create(
        Consent(
            person_id=person_id,
            categories=tokens.pack(rng.sample(list(Category), 4)),
            purposes=tokens.pack(rng.sample(list(Purpose), 2)),
            to_care_team=rng.random() < 0.3,
            evidence_kind="electronic",
            captured_by=membership,
        )
        for person_id in person_ids
        if rng.random() < 0.33
    )
    through = Consent.recipient_organisations.through
    through.objects.bulk_create(
        through(consent_id=consent.pk, organisation_id=rng.choice(organisations).pk)
        for consent in consents
    )
    teams = Consent.recipient_teams.through
    teams.objects.bulk_create(
        teams(consent_id=consent.pk, team_id=team.pk) for consent in consents[::10]
    )
    for n in range(5):
        agreement = DataSharingAgreement.objects.create(
            title=f"Bench agreement {n}",
            categories=tokens.pack([Category.CHILD_PROTECTION, Category.HOUSING]),
            purposes=tokens.pack(Purpose),
            lawful_basis="child_protection",
            lawful_basis_detail="bench",
            recorded_by=membership,
        )
        agreement.parties.set(rng.sample(organisations, 3))
    now = timezone.now()
    BreakGlassGrant.objects.bulk_create(
        BreakGlassGrant(
            person_id=person_id,
            membership=membership,
            reason="bench",
            opened_at=now,
            expires_at=now + timedelta(hours=4),
        )
        for person_id in rng.sample(person_ids, 20)
    )
    return membership


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (
        f"median {statistics.median(ordered):.3f} ms, "
        f"p95 {ordered[int(len(ordered) * 0.95) - 1]:.3f} ms (n={len(ordered)})"
    )


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", verbosity=0)
    membership = build(people)
    actor = actor_for_membership(membership)
    person_ids = list(CareTeamMember.objects.values_list("person_id", flat=True))
    categories = list(Category)
    print(f"database: {connection.vendor}, people: {people}, consents: {Consent.objects.count()}")

    fresh = []
    for person_id in rng.sample(person_ids, min(500, len(person_ids))):
        started = time.perf_counter()
        policy.decide(actor, person_id, rng.choice(categories))
        fresh.append((time.perf_counter() - started) * 1000)
    print(f"decide, facts read fresh (one person view): {summary(fresh)}")

    with CaptureQueriesContext(connection) as queries:
        policy.decide(actor, person_ids[0], Category.HOUSING)
    print(f"  queries per fresh decision: {len(queries)}")

    per_section = []
    for n, person_id in enumerate(rng.sample(person_ids, 200)):
        with request_scope(f"bench-request-{n:06d}"):
            started = time.perf_counter()
            for category in categories:
                policy.decide(actor, person_id, category)
            per_section.append((time.perf_counter() - started) * 1000 / len(categories))
    print(f"decide, 12 sections of one person in one request: {summary(per_section)} per decision")

    for category in (Category.IDENTITY, Category.MENTAL_HEALTH):
        pages = []
        for offset in range(0, 1000, 50):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                rows = list(
                    CareTeamMember.objects.filter(policy.visible(actor, category))
                    .order_by("person_id")
                    .values_list("person_id", flat=True)[offset : offset + 50]
                )
            pages.append((time.perf_counter() - started) * 1000)
            assert len(queries) == 1, len(queries)
        print(
            f"visible({category}) list page of 50: {summary(pages)}, 1 query per page "
            f"(last page {len(rows)} rows)"
        )
        shortlists = []
        for _ in range(100):
            some = rng.sample(person_ids, 10)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                kept = list(
                    CareTeamMember.objects.filter(person_id__in=some)
                    .filter(policy.visible(actor, category))
                    .values_list("person_id", flat=True)
                )
            shortlists.append((time.perf_counter() - started) * 1000)
            assert len(queries) == 1, len(queries)
        print(
            f"visible({category}) over 10 given people (a search's shortlist): "
            f"{summary(shortlists)}, 1 query (last kept {len(set(kept))})"
        )


if __name__ == "__main__":
    main()

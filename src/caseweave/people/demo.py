"""Synthetic demo people: names from the communities served, households, care teams and a
handful of deliberate near-duplicates for the review queue.

Reproducible (fixed seeds) and fast: rows are built in memory and written in batches of
5,000 with ``COPY`` on PostgreSQL and ``executemany`` on SQLite (``bulk_rows``), search
keys included, so a million people take minutes rather than hours of row-by-row
registration. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction
from faker import Faker
from tqdm import tqdm

from caseweave.access.models import CareTeamMember
from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.core.choices import Role
from caseweave.people import demo_names as names
from caseweave.people.bulk_rows import person_db_value, write_rows, write_tuples
from caseweave.people.choices import (
    ContactKind,
    DatePrecision,
    LivingSituation,
    NameKind,
    NameOrder,
    Relationship,
    Sex,
)
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.models import (
    ContactMethod,
    Household,
    HouseholdMember,
    Person,
    PersonName,
    PersonSearchKey,
    PersonSearchName,
    Residence,
)
from caseweave.people.search_index import (
    KeySource,
    folded_for_search,
    keys_for,
    spellings_store,
)

if TYPE_CHECKING:
    from caseweave.core.demo import CoreDemo

SEED = 20260412
BATCH = 5_000
NEAR_DUPLICATES = 12
COMMUNITY_WEIGHTS = {
    "english": 34, "french": 14, "chinese": 10, "malay": 6, "tamil": 7, "bcs": 14,
    "albanian": 8, "roma": 7,
}  # fmt: skip
REASON = "demo data"
TODAY = dt.date(2026, 11, 1)  # fixed, so the same seed gives the same people every year


class _Pools:
    def __init__(self) -> None:
        pools: dict[str, tuple[list[str], list[str], list[str]]] = {}
        for key, locale in [("english", "en_CA"), ("french", "fr_CA")]:
            faker = Faker(locale)
            faker.seed_instance(SEED)
            pools[key] = (
                sorted({faker.first_name_male() for _ in range(400)}),
                sorted({faker.first_name_female() for _ in range(400)}),
                sorted({faker.last_name() for _ in range(600)}),
            )
        self.faker = pools


def _name(rng: random.Random, pools: _Pools, community: str, sex: str) -> dict[str, Any]:
    male = sex == Sex.MALE
    if community in pools.faker:
        first_m, first_f, last = pools.faker[community]
        return {
            "given_names": rng.choice(first_m if male else first_f),
            "family_names": rng.choice(last),
        }
    if community == "chinese":
        return {
            "given_names": rng.choice(names.CHINESE_GIVEN),
            "family_names": rng.choice(names.CHINESE_FAMILY),
            "name_order": NameOrder.FAMILY_FIRST,
        }
    if community == "malay":
        # Malay patronymic: "Siti binti Ahmad"; no family name is inherited.
        given = rng.choice(names.MALAY_MALE if male else names.MALAY_FEMALE)
        link = "bin" if male else "binti"
        return {"given_names": given, "family_names": f"{link} {rng.choice(names.MALAY_MALE)}"}
    if community == "tamil":
        given = rng.choice(names.TAMIL_MALE if male else names.TAMIL_FEMALE)
        if rng.random() < 0.3:
            return {"given_names": given, "family_names": "", "name_order": NameOrder.SINGLE}
        return {"given_names": given, "family_names": rng.choice(names.TAMIL_MALE)}
    lists = {
        "bcs": (names.BCS_MALE, names.BCS_FEMALE, names.BCS_FAMILY),
        "albanian": (names.ALBANIAN_MALE, names.ALBANIAN_FEMALE, names.ALBANIAN_FAMILY),
        "roma": (names.ROMA_MALE, names.ROMA_FEMALE, names.ROMA_FAMILY),
    }[community]
    return {
        "given_names": rng.choice(lists[0] if male else lists[1]),
        "family_names": rng.choice(lists[2]),
    }


def _birth(rng: random.Random) -> tuple[dt.date | None, str]:
    roll = rng.random()
    if roll < 0.04:
        return None, DatePrecision.UNKNOWN
    day = TODAY - dt.timedelta(days=rng.randint(16 * 365, 85 * 365))
    if roll < 0.10:
        return dt.date(day.year, 7, 1), DatePrecision.ESTIMATED
    if roll < 0.16:
        return dt.date(day.year, 1, 1), DatePrecision.YEAR
    return day, DatePrecision.EXACT


def _people(size: int) -> Iterator[tuple[Person, list[str], str | None, str]]:
    rng = random.Random(SEED)
    pools = _Pools()
    communities = list(COMMUNITY_WEIGHTS)
    weights = list(COMMUNITY_WEIGHTS.values())
    for _index in range(size):
        community = rng.choices(communities, weights)[0]
        sex = rng.choice([Sex.MALE, Sex.FEMALE, Sex.FEMALE, Sex.MALE, Sex.UNKNOWN])
        birth_date, precision = _birth(rng)
        fields = _name(rng, pools, community, sex)
        person = Person(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            sex=sex,
            birth_date=birth_date,
            birth_date_precision=precision,
            languages=names.LANGUAGES[community][: rng.randint(1, 2)],
            interpreter_needed=community not in {"english", "french"} and rng.random() < 0.3,
            **fields,
        )
        aliases = [rng.choice(names.STREET_NAMES)] if rng.random() < 0.05 else []
        phone = f"604-555-{rng.randint(0, 9999):04d}" if rng.random() < 0.5 else None
        yield person, aliases, phone, community


def _near_duplicate(person: Person, rng: random.Random) -> Person:
    """The same person as another agency might have typed them."""
    from unidecode import unidecode

    twin = Person(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        given_names=unidecode(person.given_names),
        family_names=unidecode(person.family_names),
        name_order=person.name_order,
        sex=person.sex,
        birth_date=person.birth_date,
        birth_date_precision=person.birth_date_precision,
        languages=person.languages,
    )
    if person.birth_date and person.birth_date.day <= 12 and rng.random() < 0.5:
        twin.birth_date = dt.date(
            person.birth_date.year, person.birth_date.day, person.birth_date.month
        )
    return twin


def seed(core_demo: CoreDemo, size: int, progress: bool = True) -> dict[str, int]:
    """Create ``size`` demo people (once: a second run finds them and adds nothing)."""
    existing = Person.objects.for_system(REASON).count()
    if existing:
        return {"created": 0, "existing": existing}
    rng = random.Random(SEED + 1)
    teams = [
        core_demo.memberships[role]
        for role in (Role.OUTREACH_WORKER, Role.CASEWORKER, Role.RECEIVING_AGENCY_STAFF)
        if role in core_demo.memberships
    ]
    # Whoever registered a person is on their care team; most have no named demo worker, so
    # the agency itself is (a limited search result then names whom to contact).
    agencies = sorted(core_demo.organisations.values(), key=lambda organisation: organisation.pk)
    created = 0
    total = size + min(size, NEAR_DUPLICATES)
    bar = tqdm(total=total, unit="person", disable=not progress, desc="Demo people")
    batch: list[tuple[Person, list[str], str | None, str]] = []
    for index, item in enumerate(_people(size)):
        batch.append(item)
        if index < NEAR_DUPLICATES:
            batch.append((_near_duplicate(item[0], rng), [], item[2], item[3]))
        if len(batch) >= BATCH:
            created += _insert(batch, teams, agencies, rng)
            bar.update(len(batch))
            batch = []
    if batch:
        created += _insert(batch, teams, agencies, rng)
        bar.update(len(batch))
    bar.close()
    recorder.record(
        Actor.system(REASON),
        "people.demo_seeded",
        action="create",
        object_type="person",
        payload={"created": created},
    )
    return {"created": created, "existing": 0}


@transaction.atomic
def _insert(
    batch: list[tuple[Person, list[str], str | None, str]],
    teams: list[Any],
    agencies: list[Any],
    rng: random.Random,
) -> int:
    people = [person for person, _, _, _ in batch]
    write_rows(Person, people)
    other_names, contacts, residences, team_rows = [], [], [], []
    keys: list[tuple[Any, str]] = []
    folded_names: list[tuple[Any, str]] = []
    for person, aliases, phone, _community in batch:
        other_names += [PersonName(person=person, kind=NameKind.STREET, text=a) for a in aliases]
        if phone:
            contacts.append(
                ContactMethod(
                    person=person,
                    kind=ContactKind.MOBILE,
                    value=phone,
                    normalised=normalise_phone(phone) or "",
                    consent_to_contact=rng.random() < 0.8,
                    safe_to_leave_message=rng.random() < 0.5,
                )
            )
        residences.append(
            Residence(
                person=person,
                situation=rng.choice(LivingSituation.values),
                started_on=TODAY - dt.timedelta(days=rng.randint(0, 900)),
            )
        )
        all_names = [f"{person.given_names} {person.family_names}", *aliases]
        source = KeySource(
            names=all_names,
            birth_year=person.birth_date.year if person.birth_date else None,
            phones=[phone] if phone else [],
        )
        person_value = person_db_value(person.id)
        keys += [(person_value, key) for key in keys_for(source)]
        folded_names += [(person_value, text) for text in folded_for_search(all_names)]
        if teams and rng.random() < 0.2:
            membership = rng.choice(teams)
            team_rows.append(
                CareTeamMember(
                    person_id=person.id,
                    membership=membership,
                    organisation_id=membership.organisation_id,
                )
            )
        elif agencies:
            team_rows.append(
                CareTeamMember(person_id=person.id, organisation_id=rng.choice(agencies).pk)
            )
    write_rows(PersonName, other_names)
    write_rows(ContactMethod, contacts)
    write_rows(Residence, residences)
    write_tuples(PersonSearchKey, ("person_id", "key"), keys)
    write_tuples(PersonSearchName, ("person_id", "folded"), folded_names)
    spellings_store(text for _, text in folded_names)
    write_rows(CareTeamMember, team_rows)
    _households(people, rng)
    return len(people)


def _households(people: list[Person], rng: random.Random) -> None:
    households, members = [], []
    position = 0
    while position < len(people) - 4:
        if rng.random() < 0.04:
            size = rng.randint(2, 4)
            household = Household(label=f"{people[position].family_names or 'Household'} household")
            households.append(household)
            for offset in range(size):
                members.append(
                    HouseholdMember(
                        household=household,
                        person=people[position + offset],
                        relationship=Relationship.HEAD
                        if offset == 0
                        else rng.choice(
                            [Relationship.PARTNER, Relationship.CHILD, Relationship.OTHER_RELATIVE]
                        ),
                        is_primary_contact=offset == 0,
                        joined_on=TODAY - dt.timedelta(days=400),
                    )
                )
            position += size
        position += 1
    Household.objects.bulk_create(households, batch_size=2000)
    HouseholdMember.objects.bulk_create(members, batch_size=2000)

"""Synthetic people for the matcher's tests: Faker with a fixed seed, duplicates with known
errors (typos, nicknames, swapped day/month, moves), and the truth."""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

from caseweave.people.matching import PersonRecord

NICKNAMES = {"William": "Bill", "Robert": "Bob", "Elizabeth": "Liz", "Aleksandar": "Aco"}


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :]


def people_with_duplicates(
    n_people: int = 400, n_duplicates: int = 80, seed: int = 7
) -> tuple[list[PersonRecord], set[tuple[str, str]]]:
    """Records and the set of true duplicate pairs (sorted record ids)."""
    fake = Faker(["en_CA", "hr_HR", "tr_TR"])
    fake.seed_instance(seed)
    rng = random.Random(seed)
    base: list[dict[str, object]] = []
    for i in range(n_people):
        given = rng.choice(list(NICKNAMES)) if i % 10 == 0 else fake.first_name()
        base.append({
            "given_names": given, "family_names": fake.last_name(),
            "birth_date": fake.date_between(dt.date(1940, 1, 1), dt.date(2008, 12, 31)),
            "phone": f"613{rng.randrange(2000000, 9999999)}", "postcode": fake.postcode(),
            "address": fake.street_address(), "sex": rng.choice("MF"),
        })  # fmt: skip
    records = [PersonRecord.build(f"p{i}", **fields) for i, fields in enumerate(base)]  # type: ignore[arg-type]
    truth: set[tuple[str, str]] = set()
    for k in range(n_duplicates):
        i = rng.randrange(n_people)
        fields = dict(base[i])
        kind = k % 5
        if kind == 0:
            fields["family_names"] = _typo(rng, str(fields["family_names"]))
        elif kind == 1:
            given = str(fields["given_names"])
            fields["given_names"] = NICKNAMES.get(given, _typo(rng, given))
        elif kind == 2:
            born = fields["birth_date"]
            assert isinstance(born, dt.date)
            if born.day <= 12:
                fields["birth_date"] = dt.date(born.year, born.day, born.month)
            fields["phone"] = None
        elif kind == 3:
            fields["address"], fields["postcode"] = fake.street_address(), fake.postcode()
        else:
            fields["given_names"], fields["family_names"] = (
                fields["family_names"], fields["given_names"],
            )  # fmt: skip
        dup_id = f"d{k}"
        records.append(PersonRecord.build(dup_id, **fields))  # type: ignore[arg-type]
        truth.add(tuple(sorted((f"p{i}", dup_id))))  # type: ignore[arg-type]
    # duplicates of the same person are duplicates of each other too
    by_person: dict[str, list[str]] = {}
    for a, b in truth:
        person = a if a.startswith("p") else b
        by_person.setdefault(person, []).append(b if person == a else a)
    for dups in by_person.values():
        for x in range(len(dups)):
            for y in range(x + 1, len(dups)):
                truth.add(tuple(sorted((dups[x], dups[y]))))  # type: ignore[arg-type]
    return records, truth

"""Validation of a registration, listing every problem with the field it belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from caseweave.people.choices import ContactKind, DatePrecision, LivingSituation, NameOrder, Sex
from caseweave.people.errors import Problem
from caseweave.people.identifiers import identifier_problem, normalise_identifier
from caseweave.people.inputs import PersonInput


def validate_person(data: PersonInput, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = control_character_problems(
        {
            "given_names": data.given_names,
            "family_names": data.family_names,
            "preferred_name": data.preferred_name,
            "gender": data.gender,
            "aliases": data.aliases,
        }
    )
    if not (data.given_names.strip() or data.family_names.strip() or data.preferred_name.strip()):
        if not any(alias.strip() for alias in data.aliases):
            problems.append(
                Problem("given_names", "give a name, a preferred name or a street name")
            )
    for name, value, limit in [
        ("given_names", data.given_names, 200),
        ("family_names", data.family_names, 200),
        ("preferred_name", data.preferred_name, 200),
        ("gender", data.gender, 100),
    ]:
        if len(value) > limit:
            problems.append(Problem(name, f"at most {limit} characters"))
    if data.name_order not in NameOrder.values:
        problems.append(Problem("name_order", f"unknown name order {data.name_order!r}"))
    if data.sex not in Sex.values:
        problems.append(Problem("sex", f"unknown value {data.sex!r}"))
    if data.birth_date_precision not in DatePrecision.values:
        problems.append(Problem("birth_date", f"unknown precision {data.birth_date_precision!r}"))
    elif data.birth_date is not None and data.birth_date > today:
        problems.append(Problem("birth_date", "the date of birth is in the future"))
    seen: set[tuple[str, str, str]] = set()
    for index, identifier in enumerate(data.identifiers):
        where = f"identifiers[{index}]"
        problem = identifier_problem(identifier.type, identifier.value)
        if problem:
            problems.append(Problem(where, problem))
        key = (identifier.type, identifier.issuer, normalise_identifier(identifier.value))
        if key in seen:
            problems.append(Problem(where, f"{identifier.value!r} is given twice"))
        seen.add(key)
    for index, contact in enumerate(data.contacts):
        where = f"contacts[{index}]"
        if contact.kind not in ContactKind.values:
            problems.append(Problem(where, f"unknown contact kind {contact.kind!r}"))
        if not contact.value.strip():
            problems.append(Problem(where, "the number or address is empty"))
        elif contact.kind == ContactKind.EMAIL and "@" not in contact.value:
            problems.append(Problem(where, f"{contact.value!r} is not an email address"))
        elif contact.kind in {ContactKind.MOBILE, ContactKind.PHONE}:
            digits = [char for char in contact.value if char.isdigit()]
            if len(digits) < 6:
                problems.append(Problem(where, f"{contact.value!r} has too few digits"))
    if data.residence is not None and data.residence.situation not in LivingSituation.values:
        problems.append(
            Problem("residence", f"unknown living situation {data.residence.situation!r}")
        )
    return problems


def control_character_problems(values: Mapping[str, object]) -> list[Problem]:
    """Text with NUL or other control characters (PostgreSQL refuses NUL outright)."""
    problems = []
    for name, value in values.items():
        texts = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(text, str) and _has_control(text) for text in texts):
            problems.append(Problem(name, "contains a control character (e.g. NUL)"))
    return problems


def _has_control(text: str) -> bool:
    return any(ord(char) < 32 and char not in "\t\n\r" for char in text)

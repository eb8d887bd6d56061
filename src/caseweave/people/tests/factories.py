"""Factories of the people registry (synthetic data only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from caseweave.access.types import Actor
from caseweave.people.actions import person_register
from caseweave.people.choices import DatePrecision
from caseweave.people.inputs import PersonInput
from caseweave.people.models import Person
from caseweave.people.search_index import index_people


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    """A bare person row with its search keys (no care team: nobody may see it)."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    given_names = factory.Faker("first_name")
    family_names = factory.Faker("last_name")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)
    birth_date_precision = DatePrecision.EXACT

    @factory.post_generation
    def indexed(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            index_people([self.id])


def register(actor: Actor, **fields: Any) -> Person:
    """Register through the real action, as the actor (who joins the care team)."""
    birth = fields.pop("birth", None)
    if birth is not None:
        year, month, day = (int(part) for part in birth.split("-"))
        fields["birth_date"] = dt.date(year, month, day)
        fields["birth_date_precision"] = DatePrecision.EXACT
    return person_register(actor=actor, data=PersonInput(**fields))

from __future__ import annotations

import pytest

from caseweave.access.models import CareTeamMember
from caseweave.core import demo as core_demo
from caseweave.people import demo
from caseweave.people.models import HouseholdMember, Person, PersonSearchKey

pytestmark = pytest.mark.django_db


def test_it_seeds_reproducibly_once_with_keys_teams_and_near_duplicates() -> None:
    core = core_demo.seed()
    result = demo.seed(core, 300, progress=False)
    assert result == {"created": 300 + demo.NEAR_DUPLICATES, "existing": 0}
    people = Person.objects.for_system("test")
    assert people.count() == 300 + demo.NEAR_DUPLICATES
    assert PersonSearchKey.objects.for_system("test").count() > 300 * 3
    served = set(CareTeamMember.objects.values_list("person_id", flat=True))
    assert served == set(people.values_list("id", flat=True)), "everyone has a care team"
    assert HouseholdMember.objects.for_system("test").exists()
    names = sorted(people.values_list("given_names", "family_names"))
    assert demo.seed(core, 300, progress=False)["created"] == 0
    assert sorted(people.values_list("given_names", "family_names")) == names
    assert any("binti" in family or "bin" in family for _, family in names)

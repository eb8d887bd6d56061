"""The demo directory loads cleanly, links platform organisations, and reseeding changes nothing."""

from __future__ import annotations

import pytest

from caseweave.core import demo as core_demo
from caseweave.directory import demo
from caseweave.directory.models import OrganisationLink, ServiceIndex
from caseweave.directory.selectors import ServiceQuery, service_search

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_valid_searchable_and_idempotent() -> None:
    core = core_demo.seed()
    first = demo.seed(core)
    assert first["rejected"] == [] and first["problems"] == []
    assert ServiceIndex.objects.values("service_id").distinct().count() == len(demo.SERVICES)
    assert OrganisationLink.objects.count() == 5
    shelters = service_search(
        actor=None, query=ServiceQuery(needs=("1103",), latitude=43.65, longitude=-79.38)
    )
    assert [hit.row.name for hit in shelters] == [
        "Harbour Light night shelter",
        "Harbour Light youth shelter",
    ]
    second = demo.seed(core)
    assert second["created"] == {} and second["updated"] == {}

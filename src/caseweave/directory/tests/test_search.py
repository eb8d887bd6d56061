"""Search: need, distance, open now, language, eligibility, referrals; each hit says why."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseweave.directory import geo, readiness
from caseweave.directory.selectors import PersonFacts, ServiceQuery, service_search
from caseweave.directory.tests.factories import import_services, oe_term, service_json

pytestmark = pytest.mark.django_db

FOOD = oe_term("1102", 1)  # Food (top level)
EMERGENCY_FOOD = oe_term("1128", 2)  # narrower than Food


def names(hits) -> list[str]:
    return [hit.row.name for hit in hits]


@pytest.fixture
def directory(tmp_path: Path) -> None:
    weekdays = {
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR",
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    report = import_services(
        tmp_path,
        [
            service_json(
                "Harbour food bank",
                terms=(EMERGENCY_FOOD,),
                schedules=(weekdays,),
                languages=("fr",),
                ready={readiness.ACCEPTING: "yes"},
            ),
            service_json("Far food bank", latitude=44.65, longitude=-79.38, terms=(FOOD,)),
            service_json(
                "Youth shelter",
                minimum_age=16,
                maximum_age=24,
                ready={readiness.JURISDICTIONS: "toronto", readiness.ACCEPTING: "paused"},
            ),
            service_json("Internal ACT team", ready={readiness.VISIBILITY: "internal"}),
            service_json("Closed drop-in", status="inactive"),
        ],
    )
    assert report["rejected"] == [], report["rejected"]


def test_a_need_matches_services_under_narrower_terms_too(directory: None) -> None:
    hits = service_search(actor=None, query=ServiceQuery(needs=("1102",)))
    assert sorted(names(hits)) == ["Far food bank", "Harbour food bank"]
    assert any("meets need: Food" in reason for reason in hits[0].reasons)


def test_distance_limits_and_orders_results(directory: None) -> None:
    hits = service_search(
        actor=None,
        query=ServiceQuery(needs=("1102",), latitude=43.66, longitude=-79.38, radius_km=5),
    )
    assert names(hits) == ["Harbour food bank"]
    assert hits[0].distance_km == pytest.approx(1.11, abs=0.01)


def test_open_now_keeps_only_services_open_at_that_moment(directory: None) -> None:
    tuesday_morning = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("America/Toronto"))
    sunday = datetime(2026, 11, 29, 10, tzinfo=ZoneInfo("America/Toronto"))
    assert names(service_search(actor=None, query=ServiceQuery(open_at=tuesday_morning))) == [
        "Harbour food bank"
    ]
    assert service_search(actor=None, query=ServiceQuery(open_at=sunday)) == []


def test_internal_services_are_hidden_from_anonymous_callers_only(
    directory: None, personas
) -> None:
    from caseweave.access.actors import actor_for_membership

    actor = actor_for_membership(personas["caseworker"].membership)
    assert "Internal ACT team" not in names(service_search(actor=None, query=ServiceQuery()))
    assert "Internal ACT team" in names(service_search(actor=actor, query=ServiceQuery()))
    assert "Closed drop-in" not in names(service_search(actor=actor, query=ServiceQuery()))


def test_eligibility_checks_age_and_residency(directory: None) -> None:
    young = PersonFacts(age=19, jurisdiction="toronto")
    old = PersonFacts(age=40, jurisdiction="toronto")
    elsewhere = PersonFacts(age=19, jurisdiction="ottawa")
    query = ServiceQuery(text="shelter")
    assert names(
        service_search(actor=None, query=ServiceQuery(text="shelter", eligible_for=young))
    ) == ["Youth shelter"]
    assert service_search(actor=None, query=ServiceQuery(text="shelter", eligible_for=old)) == []
    assert (
        service_search(actor=None, query=ServiceQuery(text="shelter", eligible_for=elsewhere)) == []
    )
    assert names(service_search(actor=None, query=query)) == ["Youth shelter"]


def test_language_text_and_referral_filters(directory: None) -> None:
    assert names(service_search(actor=None, query=ServiceQuery(language="fr"))) == [
        "Harbour food bank"
    ]
    assert names(service_search(actor=None, query=ServiceQuery(text="FAR Food"))) == [
        "Far food bank"
    ]
    accepting = service_search(actor=None, query=ServiceQuery(accepting_referrals=True))
    assert names(accepting) == ["Harbour food bank"]
    assert "accepting referrals" in accepting[0].reasons


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lat=st.floats(min_value=-80, max_value=80),
    lon=st.floats(min_value=-179, max_value=179),
    radius=st.floats(min_value=0.1, max_value=2000),
    bearing_lat=st.floats(min_value=-3, max_value=3),
    bearing_lon=st.floats(min_value=-3, max_value=3),
)
def test_every_point_within_the_radius_lies_in_the_bounding_box(
    lat: float, lon: float, radius: float, bearing_lat: float, bearing_lon: float
) -> None:
    other_lat = max(-89.9, min(89.9, lat + bearing_lat))
    other_lon = lon + bearing_lon
    if geo.haversine_km(lat, lon, other_lat, other_lon) <= radius:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius)
        assert min_lat <= other_lat <= max_lat
        assert min_lon <= other_lon <= max_lon


def test_haversine_matches_a_known_distance() -> None:
    toronto, montreal = (43.6532, -79.3832), (45.5019, -73.5674)
    assert geo.haversine_km(*toronto, *montreal) == pytest.approx(504, abs=2)

"""Configured categories: a data steward adds one, and consents, notes, the policy, the
person page and its audit treat it exactly like a built-in category."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.access import actions, categories, policy
from caseweave.access.errors import AccessInputError
from caseweave.access.models import ConfiguredCategory
from caseweave.access.types import Basis, Category
from caseweave.audit.models import AuditEvent
from caseweave.people.models import PersonNote
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_registry():
    categories.invalidate()
    yield
    categories.invalidate()


@pytest.fixture
def gambling(personas) -> Category:
    actions.configured_category_save(
        actor=personas["data_steward"].actor,
        slug="gambling",
        label="Gambling",
        description="Gambling harm and debts from gambling",
    )
    return Category("gambling")


@pytest.fixture
def outsider(make_persona, other_organisation):
    return make_persona("outsider", organisation=other_organisation, role="caseworker")


def test_a_steward_adds_a_category_on_the_web(personas, client_for) -> None:
    client = client_for(personas["data_steward"])
    response = client.post(
        reverse("web:access:category_list"),
        {
            "slug": "immigration_status",
            "label": "Immigration status",
            "is_sensitive": "on",
            "record_types": ["note"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    category = Category("immigration_status")
    assert category.label == "Immigration status" and category.is_sensitive
    saved = AuditEvent.objects.get(event_type="configured_category.saved")
    assert saved.payload["slug"] == "immigration_status"
    # It is offered wherever categories are chosen.
    form = client.get(reverse("web:access:template_list")).content.decode()
    assert 'value="immigration_status"' in form


def test_bad_input_names_every_field(personas) -> None:
    steward = personas["data_steward"].actor
    with pytest.raises(AccessInputError) as refused:
        actions.configured_category_save(
            actor=steward, slug="Mental Health!", label=" ", record_types=["spreadsheet"]
        )
    assert set(refused.value.errors) == {"slug", "label", "record_types"}
    with pytest.raises(AccessInputError) as taken:
        actions.configured_category_save(actor=steward, slug="mental_health", label="MH")
    assert set(taken.value.errors) == {"slug"}
    assert not ConfiguredCategory.objects.exists()
    with pytest.raises(ValueError, match="astrology"):  # never configured: not a category
        Category("astrology")


def test_sensitivity_and_code_cannot_change_after_creation(personas, gambling) -> None:
    row = ConfiguredCategory.objects.get(slug="gambling")
    actions.configured_category_save(
        actor=personas["data_steward"].actor,
        category_id=row.pk,
        label="Gambling harm",
        is_sensitive=False,  # ignored on edit
        slug="betting",  # ignored on edit
    )
    row.refresh_from_db()
    assert (row.slug, row.is_sensitive, row.label, row.version) == (
        "gambling",
        True,
        "Gambling harm",
        2,
    )
    assert Category("gambling").label == "Gambling harm"


def test_a_consent_for_a_configured_category_grants_exactly_it(
    personas, gambling, outsider
) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    actions.configured_category_save(
        actor=personas["data_steward"].actor, slug="immigration_status", label="Immigration"
    )
    consent = actions.consent_capture(
        actor=personas["outreach_worker"].actor,
        person_id=person.id,
        categories=["identity", "gambling"],
        purposes=["service_coordination"],
        recipient_organisation_ids=[outsider.membership.organisation_id],
        evidence_kind="electronic",
    )
    decision = policy.decide(outsider.actor, person.id, gambling)
    assert decision.basis == Basis.CONSENT and decision.reference == f"consent:{consent.pk}"
    assert not policy.decide(outsider.actor, person.id, Category("immigration_status")).allowed
    assert not policy.decide(outsider.actor, person.id, Category.MENTAL_HEALTH).allowed
    # Sensitive: the serving organisation records it but does not read it back.
    outreach = personas["outreach_worker"].actor
    assert not policy.decide(outreach, person.id, gambling).allowed
    assert policy.decide(outreach, person.id, gambling, "create").allowed


def test_notes_filed_under_it_show_only_where_allowed_and_are_audited(
    personas, gambling, outsider, client_for
) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    writer = client_for(personas["outreach_worker"])
    page = writer.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert '<option value="gambling">Gambling</option>' in page  # offered for new notes
    added = writer.post(
        reverse("web:people:note_add", args=[person.id]),
        {"category": "gambling", "text": "Owes money to a betting shop"},
    )
    assert added.status_code == 302
    assert PersonNote.objects.for_system("test").get().category == "gambling"
    reader = client_for(outsider)
    assert reader.get(reverse("web:people:detail", args=[person.id])).status_code == 404
    actions.consent_capture(
        actor=personas["outreach_worker"].actor,
        person_id=person.id,
        categories=["identity", "gambling"],
        purposes=["service_coordination"],
        recipient_organisation_ids=[outsider.membership.organisation_id],
        evidence_kind="electronic",
    )
    html = reader.get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert 'data-section="notes-gambling"' in html and "Owes money" in html
    shown = AuditEvent.objects.filter(event_type="person.sections_viewed").latest("id")
    assert shown.categories == ["identity", "gambling"]
    report = client_for(personas["data_steward"]).get(
        reverse("web:access:access_report", args=[person.id]), {"category": "gambling"}
    )
    assert report.status_code == 200
    assert {row.event.event_type for row in report.context["rows"]} >= {
        "person.sections_viewed",
        "person_note.added",
    }


def test_a_retired_category_is_not_offered_but_its_notes_stay_readable(
    personas, gambling, client_for
) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    PersonNote.objects.create(person=person, category="gambling", text="Old gambling note")
    row = ConfiguredCategory.objects.get(slug="gambling")
    actions.configured_category_save(
        actor=personas["data_steward"].actor, category_id=row.pk, label="Gambling", is_active=False
    )
    with pytest.raises(AccessInputError) as refused:
        actions.consent_capture(
            actor=personas["outreach_worker"].actor,
            person_id=person.id,
            categories=["gambling"],
            purposes=["service_coordination"],
            to_care_team=True,
            evidence_kind="electronic",
        )
    assert set(refused.value.errors) == {"categories"}
    assert "gambling" not in {value for value, _label in categories.choices()}
    # The break-glass admin can still read the note that was filed before.
    admin = personas["data_steward"]
    actions.break_glass_open(actor=admin.actor, person_id=person.id, reason="Urgent welfare check")
    html = client_for(admin).get(reverse("web:people:detail", args=[person.id])).content.decode()
    assert "Old gambling note" in html


def test_the_api_lists_and_adds_categories(personas, client_for, gambling) -> None:
    listed = client_for(personas["caseworker"]).get("/api/v1/access/categories").json()
    by_value = {row["value"]: row for row in listed}
    assert by_value["gambling"] == {
        "value": "gambling",
        "label": "Gambling",
        "sensitive": True,
        "configured": True,
        "in_use": True,
        "record_types": ["note"],
    }
    assert by_value["housing"]["configured"] is False
    steward = client_for(personas["data_steward"])
    created = steward.post(
        "/api/v1/access/categories",
        data={"slug": "tenancy_debt", "label": "Tenancy debt", "is_sensitive": False},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["sensitive"] is False
    refused = steward.post(
        "/api/v1/access/categories",
        data={"slug": "x", "label": ""},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert {error["field"] for error in refused.json()["errors"]} == {"slug", "label"}


def test_the_api_files_notes_under_a_configured_category(personas, client_for, gambling) -> None:
    person = register(personas["outreach_worker"].actor, given_names="Ana", family_names="Krasniqi")
    client = client_for(personas["outreach_worker"])
    url = reverse("api:note_add", args=[person.id])
    created = client.post(
        url,
        data={"category": "gambling", "text": "Lost rent money"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["category"] == "gambling"
    unknown = client.post(
        url, data={"category": "astrology", "text": "x"}, content_type="application/json"
    )
    assert unknown.status_code == 422

"""Applying a checked run: all or nothing, skip invalid, re-imports, matches and audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseweave.access.models import CareTeamMember
from caseweave.audit.models import AuditEvent
from caseweave.people.choices import IdentifierType, ReviewStatus
from caseweave.people.imports import services
from caseweave.people.imports.choices import ApplyMode, RowOutcome, RowResult, RunStatus
from caseweave.people.imports.tests.helpers import HEADER, checked, write
from caseweave.people.inputs import IdentifierInput
from caseweave.people.models import DuplicateCandidate, Person, PersonIdentifier
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

GOOD = "1,Ana,Horvat,1990-01-02,,\n2,Marko,Kovač,1988-04-04,,604 555 0101\n"
BAD = "3,Ivana,Novak,1991-02-30,,\n"


def _people() -> int:
    return Person.objects.for_system("test").count()


def test_all_or_nothing_stores_nothing_when_one_row_is_bad(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + GOOD + BAD))
    events_before = AuditEvent.objects.filter(event_type="person.registered").count()
    run = services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    assert run.status == RunStatus.REFUSED
    assert "1 invalid row(s)" in run.error
    assert _people() == 0
    assert AuditEvent.objects.filter(event_type="person.registered").count() == events_before
    assert run.rows.get(outcome=RowOutcome.INVALID).row_number == 4


def test_skip_invalid_stores_exactly_the_valid_rows(personas, tmp_path: Path) -> None:
    actor = personas["caseworker"].actor
    run = checked(actor, write(tmp_path, HEADER + GOOD + BAD))
    run = services.run_apply(run, mode=ApplyMode.SKIP_INVALID)
    assert run.status == RunStatus.DONE
    assert sorted(Person.objects.for_system("test").values_list("given_names", flat=True)) == [
        "Ana", "Marko",
    ]  # fmt: skip
    results = {row.row_number: row.result for row in run.rows.all()}
    assert results == {2: RowResult.CREATED, 3: RowResult.CREATED, 4: RowResult.REJECTED}
    assert run.rows.get(row_number=4).values["given_names"] == "Ivana"
    assert run.rows.get(row_number=2).values == {}
    assert not run.file_path
    # The source's organisation joins the care team; the case number is kept, issued by it.
    ana = run.rows.get(row_number=2).person_id
    assert ana is not None
    assert CareTeamMember.objects.get(person_id=ana).organisation_id == actor.organisation_id
    case = PersonIdentifier.objects.for_system("test").get(person_id=ana)
    assert (case.type, case.issuer, case.value) == (
        IdentifierType.AGENCY_CASE, run.source.issuer, "1",
    )  # fmt: skip
    imported = AuditEvent.objects.get(event_type="people.imported")
    assert imported.payload["counts"]["result_created"] == 2
    assert f"people import run {run.pk}" in imported.payload["system_reason"]
    registered = AuditEvent.objects.filter(event_type="person.registered", person_id=ana).get()
    assert registered.actor_organisation_id == actor.organisation_id
    assert registered.actor_user_id is None


def test_reimporting_the_same_file_creates_no_duplicates(personas, tmp_path: Path) -> None:
    actor = personas["caseworker"].actor
    path = write(tmp_path, HEADER + GOOD)
    services.run_apply(checked(actor, path), mode=ApplyMode.ALL_OR_NOTHING)
    again = checked(actor, write(tmp_path, HEADER + GOOD, name="again.csv"))
    assert {row.outcome for row in again.rows.all()} == {RowOutcome.MATCH}
    assert again.rows.all()[0].match_reasons == [
        "same case number from this source (imported before)"
    ]
    again = services.run_apply(again, mode=ApplyMode.ALL_OR_NOTHING)
    assert {row.result for row in again.rows.all()} == {RowResult.UNCHANGED}
    assert _people() == 2


def test_a_match_gains_the_case_number_and_nothing_is_overwritten(personas, tmp_path: Path) -> None:
    other_actor = personas["supervisor"].actor
    known = register(
        other_actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )  # fmt: skip
    path = write(tmp_path, HEADER + "77,Aco,Petrovic,1987-03-12,046454286,\n")
    run = services.run_apply(checked(personas["caseworker"].actor, path), mode="all_or_nothing")
    row = run.rows.get()
    assert (row.result, row.person_id) == (RowResult.ATTACHED, known.id)
    assert _people() == 1
    person = Person.objects.for_system("test").get()
    assert (person.given_names, person.family_names) == ("Aleksandar", "Petrović")
    types = PersonIdentifier.objects.for_system("test").values_list("type", "value")
    assert sorted(types) == [("agency_case", "77"), ("social_insurance", "046 454 286")]
    updated = AuditEvent.objects.get(event_type="person.updated", person_id=known.id)
    assert updated.payload["identifier_types"] == ["agency_case"]


def test_a_possible_match_is_registered_and_queued_for_review(personas, tmp_path: Path) -> None:
    known = register(
        personas["supervisor"].actor, given_names="Mei Ling", family_names="Wong",
        birth="1979-08-01",
    )  # fmt: skip
    path = write(tmp_path, HEADER + "5,Mei Ling,Wong,,,\n")
    run = services.run_apply(checked(personas["caseworker"].actor, path), mode="skip_invalid")
    row = run.rows.get()
    assert row.result == RowResult.QUEUED
    pair = DuplicateCandidate.objects.for_system("test").get()
    assert {pair.person_id, pair.other_id} == {known.id, row.person_id}
    assert pair.status == ReviewStatus.PENDING
    assert pair.reasons


def test_two_rows_of_one_new_person_meet_in_the_same_apply(personas, tmp_path: Path) -> None:
    """The second row is matched against the first, created moments before in the run."""
    path = write(tmp_path, HEADER + "1,Ana,Horvat,1990-01-02,,604 555 0101\n"
                 "2,Ana,Horvat,1990-01-02,,(604) 555-0101\n")  # fmt: skip
    run = services.run_apply(checked(personas["caseworker"].actor, path), mode="skip_invalid")
    assert [row.result for row in run.rows.all()] == [RowResult.CREATED, RowResult.ATTACHED]
    assert _people() == 1


def test_after_an_all_or_nothing_refusal_staff_may_skip_the_invalid_rows(
    personas, tmp_path: Path
) -> None:
    from caseweave.people.imports import actions
    from caseweave.people.imports.errors import ImportRefused

    actor = personas["caseworker"].actor
    run = checked(actor, write(tmp_path, HEADER + GOOD + BAD))
    run = services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    assert run.status == RunStatus.REFUSED and run.may_apply
    assert run.rows.get(row_number=2).outcome == RowOutcome.NEW  # the preview is kept
    run = actions.apply_start(actor=actor, run=run, mode=ApplyMode.SKIP_INVALID)
    run = services.run_apply(run, mode=ApplyMode.SKIP_INVALID)
    assert run.status == RunStatus.DONE and not run.may_apply
    assert _people() == 2
    with pytest.raises(ImportRefused, match="only a checked import can be applied, once"):
        actions.apply_start(actor=actor, run=run, mode=ApplyMode.SKIP_INVALID)

"""Applying a checked run: all or nothing, skip invalid, re-imports, matches and audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseweave.access.models import CareTeamMember
from caseweave.audit.models import AuditEvent
from caseweave.people.choices import IdentifierType, ReviewStatus
from caseweave.people.imports import services
from caseweave.people.imports.applying import apply_row
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


def test_the_write_transaction_runs_no_registry_search(
    personas, tmp_path: Path, monkeypatch
) -> None:
    """Matching (reads) happens before the write transaction opens, so on SQLite other
    writers wait only for the writes."""
    from caseweave.people.selectors.search import registration_candidates

    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + GOOD))
    searches_while_writing: list[int] = []
    writing = False
    search, store = registration_candidates, services._store

    def watched_search(*args, **kwargs):
        if writing:
            searches_while_writing.append(1)
        return search(*args, **kwargs)

    def watched_store(*args, **kwargs):
        nonlocal writing
        writing = True
        try:
            return store(*args, **kwargs)
        finally:
            writing = False

    monkeypatch.setattr("caseweave.people.imports.matching.registration_candidates", watched_search)
    monkeypatch.setattr(services, "_store", watched_store)
    run = services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    assert run.status == RunStatus.DONE and _people() == 2
    assert searches_while_writing == []


def test_a_failure_while_writing_leaves_nothing_half_written(
    personas, tmp_path: Path, monkeypatch
) -> None:
    """A crash at the third row rolls back the two rows stored before it, their audit and
    the run's rows: the preview and the file stay, so the run may be applied again."""
    text = HEADER + GOOD + "4,Ema,Babic,1992-05-06,,\n"
    run = checked(personas["caseworker"].actor, write(tmp_path, text))
    preview = list(run.rows.values_list("row_number", "outcome", "values"))
    real_apply_row, calls = apply_row, []

    def failing_apply_row(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_apply_row(*args, **kwargs)

    monkeypatch.setattr("caseweave.people.imports.services.apply_row", failing_apply_row)
    registered_before = AuditEvent.objects.filter(event_type="person.registered").count()
    with pytest.raises(RuntimeError, match="disk full"):
        services.run_apply(run, mode=ApplyMode.SKIP_INVALID)
    assert _people() == 0
    assert not PersonIdentifier.objects.for_system("test").exists()
    assert AuditEvent.objects.filter(event_type="person.registered").count() == registered_before
    assert not AuditEvent.objects.filter(event_type="people.imported").exists()
    run.refresh_from_db()
    assert list(run.rows.values_list("row_number", "outcome", "values")) == preview
    assert Path(run.file_path).exists()


def test_an_invalid_person_while_writing_all_or_nothing_stores_nothing(
    personas, tmp_path: Path, monkeypatch
) -> None:
    from caseweave.people.errors import InvalidPerson, Problem

    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + GOOD))
    real_apply_row = apply_row

    def refusing_apply_row(actor, data, match, *, run_id):
        if data.given_names == "Marko":
            raise InvalidPerson([Problem("phone", "not a phone number")])
        return real_apply_row(actor, data, match, run_id=run_id)

    monkeypatch.setattr("caseweave.people.imports.services.apply_row", refusing_apply_row)
    run = services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    assert run.status == RunStatus.FAILED
    assert run.error == "nothing was stored: row 3, phone: not a phone number"
    assert _people() == 0


def test_a_case_number_registered_while_matching_is_matched_not_duplicated(
    personas, tmp_path: Path, monkeypatch
) -> None:
    """The write transaction re-checks identifiers: another import that registered the
    same case number after this one matched it makes this row a match."""
    actor = personas["caseworker"].actor
    run = checked(actor, write(tmp_path, HEADER + GOOD))
    match_all = services._match_all
    meanwhile: list[Person] = []

    def match_then_someone_registers(*args, **kwargs):
        matches = match_all(*args, **kwargs)
        meanwhile.append(register(
            personas["supervisor"].actor, given_names="Ana", family_names="Horvat",
            birth="1990-01-02",
            identifiers=(IdentifierInput(IdentifierType.AGENCY_CASE, "1", run.source.issuer),),
        ))  # fmt: skip
        return matches

    monkeypatch.setattr(services, "_match_all", match_then_someone_registers)
    run = services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    results = {row.row_number: (row.result, row.person_id) for row in run.rows.all()}
    assert results[2] == (RowResult.UNCHANGED, meanwhile[0].id)
    assert results[3][0] == RowResult.CREATED
    assert _people() == 2

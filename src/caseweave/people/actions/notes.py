"""Adding notes to a person's record, in one sensitivity category each."""

from __future__ import annotations

from django.db import transaction

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.models import PersonNote
from caseweave.people.validation import control_character_problems

MAX_NOTE_LENGTH = 20_000


@transaction.atomic
def person_note_add(
    *, actor: Actor, person_id: PersonId, category: Category, text: str
) -> PersonNote:
    """Add a note. Needs CREATE on the note's category (``gate.require``: a refused person
    is ``NotFound``). Audits ``person_note.added`` with the note id and category only."""
    problems = control_character_problems({"text": text})
    if not text.strip():
        problems.append(Problem("text", "the note is empty"))
    elif len(text) > MAX_NOTE_LENGTH:
        problems.append(Problem("text", f"at most {MAX_NOTE_LENGTH} characters"))
    if problems:
        raise InvalidPerson(problems)
    gate.require(actor, person_id, category, Action.CREATE, object_type="person_note")
    note = PersonNote.objects.create(
        person_id=person_id, category=category, text=text.strip(), author_id=actor.membership_id
    )
    recorder.record(
        actor,
        events.NOTE_ADDED,
        action="create",
        person_id=person_id,
        categories=[category],
        object_type="person_note",
        object_id=note.pk,
    )
    return note

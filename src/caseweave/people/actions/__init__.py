"""Every write of the people registry. Each action audits in its own transaction."""

from caseweave.people.actions.merge import person_merge, person_unmerge
from caseweave.people.actions.notes import person_note_add
from caseweave.people.actions.registration import person_register

__all__ = ["person_merge", "person_note_add", "person_register", "person_unmerge"]

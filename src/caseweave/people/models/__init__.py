from caseweave.people.models.addresses import Residence
from caseweave.people.models.contacts import ContactMethod
from caseweave.people.models.documents import PersonDocument
from caseweave.people.models.households import Household, HouseholdMember
from caseweave.people.models.identifiers import PersonIdentifier
from caseweave.people.models.names import PersonName
from caseweave.people.models.notes import PersonNote
from caseweave.people.models.person import Person
from caseweave.people.models.review import DuplicateCandidate, PersonMerge
from caseweave.people.models.search import (
    FittedMatchModel,
    PersonSearchKey,
    PersonSearchName,
    PersonSearchSpelling,
)

__all__ = [
    "ContactMethod",
    "DuplicateCandidate",
    "FittedMatchModel",
    "Household",
    "HouseholdMember",
    "Person",
    "PersonDocument",
    "PersonIdentifier",
    "PersonMerge",
    "PersonName",
    "PersonNote",
    "PersonSearchKey",
    "PersonSearchName",
    "PersonSearchSpelling",
    "Residence",
]

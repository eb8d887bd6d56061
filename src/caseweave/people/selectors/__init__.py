"""Every read of the people registry, already narrowed by the access policy and audited."""

from caseweave.people.selectors.people_list import PersonPage, person_list
from caseweave.people.selectors.person import PersonProfile, person_get, person_profile
from caseweave.people.selectors.review import duplicate_queue
from caseweave.people.selectors.search import (
    Hit,
    SearchQuery,
    person_search,
    registration_candidates,
)

__all__ = [
    "Hit",
    "duplicate_queue",
    "PersonPage",
    "PersonProfile",
    "SearchQuery",
    "person_get",
    "person_list",
    "person_profile",
    "person_search",
    "registration_candidates",
]

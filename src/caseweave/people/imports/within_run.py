"""Rows of one run that are the same person as an earlier row the run registers.

The apply matches every row against the registry before it opens its write transaction, so
a row cannot find, by search, a person an earlier row of the same file is about to register.
This finds them the way the registry's search would: rows sharing a blocking key of the
search index, ranked by the registry's fitted model, with the same thresholds as a match
against the registry (:func:`caseweave.people.imports.matching.decide`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from caseweave.people import scoring
from caseweave.people.choices import IdentifierType
from caseweave.people.dates import partial_date_of
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.imports.choices import RowOutcome
from caseweave.people.imports.matching import RowMatch, decide, same_name_and_birth_date
from caseweave.people.inputs import PersonInput
from caseweave.people.matching import PersonRecord
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.records import ENGINE_IDENTIFIER_TYPES
from caseweave.people.search_index import KeySource, keys_for
from caseweave.people.selectors.search import SearchQuery
from caseweave.people.selectors.search_records import query_record

__all__ = ["RunPeople"]

_COMPARED_SEXES = {"female", "male"}
SHORTLIST = 10


def _names(data: PersonInput) -> list[str]:
    names = [f"{data.given_names} {data.family_names}", data.preferred_name, *data.aliases]
    return [name for name in names if name.strip()]


def _keys(data: PersonInput, *, as_query: bool) -> set[str]:
    birth = partial_date_of(data.birth_date, data.birth_date_precision)
    return keys_for(
        KeySource(
            names=_names(data),
            birth_year=birth.year if birth else None,
            birth_years_nearby=as_query,
            phones=[contact.value for contact in data.contacts],
            identifiers=[(i.type, normalise_identifier(i.value)) for i in data.identifiers],
            single_tokens=True,
        )
    )


def _record(number: int, data: PersonInput) -> PersonRecord:
    """The row as the search sees a registered person (``person_record``'s shape)."""
    phones = sorted(filter(None, (normalise_phone(c.value) for c in data.contacts)))
    identifiers = {
        code: identifier.value
        for identifier in data.identifiers
        if (code := ENGINE_IDENTIFIER_TYPES.get(IdentifierType(identifier.type)))
    }
    return PersonRecord.build(
        number,
        given_names=data.given_names,
        family_names=data.family_names,
        other_names=[name for name in [data.preferred_name, *data.aliases] if name],
        birth_date=partial_date_of(data.birth_date, data.birth_date_precision),
        sex=data.sex if data.sex in _COMPARED_SEXES else None,
        phone=phones[0] if phones else None,
        identifiers=identifiers,
    )


@dataclass(frozen=True)
class _Planned:
    number: int
    data: PersonInput
    record: PersonRecord


class RunPeople:
    """The people the run will register so far, findable by the later rows."""

    def __init__(self) -> None:
        self._planned: list[_Planned] = []
        self._by_key: dict[str, list[int]] = {}

    def add(self, number: int, data: PersonInput) -> None:
        index = len(self._planned)
        self._planned.append(_Planned(number, data, _record(number, data)))
        for key in _keys(data, as_query=False):
            self._by_key.setdefault(key, []).append(index)

    def best(self, data: PersonInput) -> RowMatch | None:
        """The earlier row most likely the same person, as a match naming that row, or None
        when none reaches the possible-match score."""
        shared: Counter[int] = Counter(
            index for key in _keys(data, as_query=True) for index in self._by_key.get(key, ())
        )
        if not shared:
            return None
        # The rows sharing the most keys (name pairs, birth year, phone): a bounded shortlist,
        # as the search's, since a common first name alone is shared by many rows.
        shortlist = sorted(shared, key=lambda index: (-shared[index], index))[:SHORTLIST]
        candidates = [self._planned[index] for index in shortlist]
        results = scoring.score(
            query_record(SearchQuery.from_input(data)), [c.record for c in candidates]
        )
        result, planned = max(
            zip(results, candidates, strict=True), key=lambda pair: pair[0].weight
        )
        score = round(result.probability, 3)
        outcome = decide(score, same_name_and_birth_date(data, planned.data))
        if outcome == RowOutcome.NEW:
            return None
        return RowMatch(
            outcome, None, score, scoring.staff_reasons(result), earlier_row=planned.number
        )

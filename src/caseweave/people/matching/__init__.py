"""Identity resolution for the people registry: normalisers, blocking, a Fellegi-Sunter model.

Pure Python (numpy, rapidfuzz, jellyfish, unidecode); no Django models and no database access,
so the registry, the file commands and the benchmarks all use the same code.

- ``normalise``: fold, name_tokens, given_name_variants, phonetic, normalise_phone,
  parse_partial_date / date_similarity, identifier checks.
- ``PersonRecord`` and ``blocking_keys(record)``: what to store and index per person.
- ``MatchModel.fit(records)`` / ``.score(a, b)`` / ``.score_many(new, candidates)``,
  ``save``/``load``: the trained model and per-field reasons.
- ``find_duplicates`` and ``link`` for whole sets; ``dedupe_file`` and ``match_file`` for
  CSV/XLSX files (``read_records`` reports every bad row and column).
"""

from caseweave.people.matching.blocking import blocking_keys
from caseweave.people.matching.files import (
    FileError,
    FileProblem,
    dedupe_file,
    match_file,
    read_records,
)
from caseweave.people.matching.model import MatchModel, MatchResult, Reason
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.resolve import Resolution, find_duplicates, link

__all__ = [
    "FileError",
    "FileProblem",
    "MatchModel",
    "MatchResult",
    "PersonRecord",
    "Reason",
    "Resolution",
    "blocking_keys",
    "dedupe_file",
    "find_duplicates",
    "link",
    "match_file",
    "read_records",
]

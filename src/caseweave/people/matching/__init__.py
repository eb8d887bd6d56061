"""Identity resolution for the people registry: normalisers, blocking, a Fellegi-Sunter model.

Pure Python (numpy, rapidfuzz, jellyfish, unidecode); no Django models and no database access,
so the registry, the file commands and the benchmarks all use the same code.
"""

from caseweave.people.matching.blocking import blocking_keys
from caseweave.people.matching.records import PersonRecord

__all__ = ["PersonRecord", "blocking_keys"]

"""The default taxonomy (Open Eligibility v2, CC BY-SA 3.0) and the readiness one, as HSDS rows."""

from __future__ import annotations

import csv
import uuid
from functools import cache
from typing import Any

from caseweave.directory import readiness
from caseweave.directory.hsds import DATA_DIR

OPEN_ELIGIBILITY_ID = str(uuid.uuid5(readiness.NAMESPACE, "open-eligibility"))
OPEN_ELIGIBILITY = {
    "id": OPEN_ELIGIBILITY_ID,
    "name": "Open Eligibility",
    "description": "Human Services Taxonomy by Aunt Bertha, Inc. (CC BY-SA 3.0).",
    "uri": "https://github.com/auntbertha/openeligibility",
    "version": "2.0",
}


def open_eligibility_term_id(code: str, level: int) -> str:
    # Upstream reuses code 1206 on two levels, so the level is part of the identity.
    return str(uuid.uuid5(readiness.NAMESPACE, f"oe:{code}:{level}"))


@cache
def open_eligibility_terms() -> tuple[dict[str, Any], ...]:
    with (DATA_DIR / "taxonomy" / "open_eligibility_v2_terms.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    terms = []
    for row in rows:
        level = int(row["level"])
        term: dict[str, Any] = {
            "id": open_eligibility_term_id(row["code"], level),
            "code": row["code"],
            "name": row["name"],
            "description": row["description"] or row["name"],
            "taxonomy": OPEN_ELIGIBILITY["name"],
            "taxonomy_id": OPEN_ELIGIBILITY_ID,
        }
        if row["parent_code"]:
            term["parent_id"] = open_eligibility_term_id(row["parent_code"], level - 1)
        terms.append(term)
    return tuple(terms)


def default_records() -> list[tuple[str, dict[str, Any]]]:
    """Every taxonomy row the directory ships with, in HSDS tabular form."""
    records: list[tuple[str, dict[str, Any]]] = [
        ("taxonomy", dict(OPEN_ELIGIBILITY)),
        ("taxonomy", dict(readiness.TAXONOMY)),
    ]
    records += [("taxonomy_term", dict(term)) for term in open_eligibility_terms()]
    records += [("taxonomy_term", term) for term in readiness.terms()]
    return records

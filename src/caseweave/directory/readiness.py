"""Referral readiness beyond HSDS, carried as HSDS attributes so exports lose nothing.

HSDS 3.1 covers part of it natively: ``service_capacity`` (slots and when updated),
``service.minimum_age``/``maximum_age``, ``required_document`` and ``assured_date``
(last verified). The rest (accepting referrals, waitlist, intake method, machine-checkable
eligibility, internal-only visibility) are attributes whose taxonomy terms belong to the
"Caseweave referral readiness" taxonomy below, with stable UUIDs so any HSDS consumer
can read them and a re-import reads them back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

NAMESPACE = uuid.UUID("6f1c1d8e-2a6b-4f0e-9a57-8d8b1f6f0a11")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy"))
TAXONOMY = {
    "id": TAXONOMY_ID,
    "name": "Caseweave referral readiness",
    "description": "Referral readiness of a service: intake, waitlist, eligibility rules.",
    "uri": "https://caseweave.example/hsds/readiness",
    "version": "1",
}

ACCEPTING = "accepting_referrals"  # "yes" | "paused"
WAITLIST = "waitlist_length"
EXPECTED_WAIT_DAYS = "expected_wait_days"
INTAKE_METHOD = "intake_method"  # "platform" | "email" | "phone"
INTAKE_CONTACT = "intake_contact"
GENDERS = "eligible_genders"  # comma separated
JURISDICTIONS = "eligible_jurisdictions"  # comma separated codes
INCOME_CEILING = "income_ceiling"  # yearly household income
HOUSEHOLD_TYPES = "eligible_household_types"  # comma separated
VISIBILITY = "visibility"  # "public" | "internal"

CODES = (
    ACCEPTING,
    WAITLIST,
    EXPECTED_WAIT_DAYS,
    INTAKE_METHOD,
    INTAKE_CONTACT,
    GENDERS,
    JURISDICTIONS,
    INCOME_CEILING,
    HOUSEHOLD_TYPES,
    VISIBILITY,
)


def term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"term:{code}"))


TERM_CODE_BY_ID = {term_id(code): code for code in CODES}


def terms() -> list[dict[str, Any]]:
    return [
        {
            "id": term_id(code),
            "code": code,
            "name": code.replace("_", " ").capitalize(),
            "description": f"Caseweave referral readiness: {code.replace('_', ' ')}.",
            "taxonomy": TAXONOMY["name"],
            "taxonomy_id": TAXONOMY_ID,
        }
        for code in CODES
    ]


def attribute_id(service_id: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"attribute:{service_id}:{code}"))


@dataclass(frozen=True)
class Eligibility:
    """Machine-checkable eligibility of a service; empty means "no rule"."""

    minimum_age: float | None = None
    maximum_age: float | None = None
    genders: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    income_ceiling: float | None = None
    household_types: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "minimum_age": self.minimum_age,
            "maximum_age": self.maximum_age,
            "genders": list(self.genders),
            "jurisdictions": list(self.jurisdictions),
            "income_ceiling": self.income_ceiling,
            "household_types": list(self.household_types),
            "documents": list(self.documents),
        }


def split_list(value: Any) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in str(value or "").split(",") if part.strip())


def to_number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None

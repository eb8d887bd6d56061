"""Where a person lives, as a point to measure service distances from.

People's addresses are HOUSING data: each use is decided by the access policy and audited
(``gate.require``), and a refused or unknown person looks the same to the caller. The
address itself never leaves this module; callers get a point and a postcode.

Residences hold no coordinates, so the point comes from the residence's postal code:
first the centre of the directory's own places with that code, then a shipped table of
postcode and locality centres (``data/postcode_centroids.csv``: synthetic codes for the
demo district, to be replaced by a real centroid table in a deployment).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from uuid import UUID

from caseweave.access import gate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.directory.areas import normalise_postcode
from caseweave.directory.hsds import DATA_DIR
from caseweave.directory.selectors import postcode_point
from caseweave.people.models import Residence

CENTROIDS = DATA_DIR / "postcode_centroids.csv"


@dataclass(frozen=True)
class PersonPlace:
    latitude: float
    longitude: float
    postcode: str
    basis: str  # "directory" | "postcode table" | "locality table"


@cache
def _centroids() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    by_code: dict[str, tuple[float, float]] = {}
    by_locality: dict[str, tuple[float, float]] = {}
    with CENTROIDS.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            point = (float(row["latitude"]), float(row["longitude"]))
            if row["postal_code"]:
                by_code[normalise_postcode(row["postal_code"])] = point
            elif row["locality"]:
                by_locality[row["locality"].strip().lower()] = point
    return by_code, by_locality


def geocode(postal_code: str, locality: str) -> tuple[tuple[float, float], str] | None:
    """A point for a postal code (or, failing that, a locality) and where it came from."""
    if postal_code:
        point = postcode_point(postal_code)
        if point is not None:
            return point, "directory"
        by_code, _ = _centroids()
        if normalise_postcode(postal_code) in by_code:
            return by_code[normalise_postcode(postal_code)], "postcode table"
    if locality:
        _, by_locality = _centroids()
        if locality.strip().lower() in by_locality:
            return by_locality[locality.strip().lower()], "locality table"
    return None


def person_place(*, actor: Actor, person_id: UUID) -> PersonPlace | None:
    """The point of the person's current residence, or None when it has no usable place.

    Raises ``access.errors.NotFound`` (audited as a denial) when the actor may not see the
    person's housing data or the person does not exist; an allowed read is audited too.
    """
    gate.require(
        actor,
        PersonId(person_id),
        Category.HOUSING,
        object_type="directory.search_near_person",
        object_id=str(person_id),
    )
    residence = (
        Residence.objects.for_actor(actor)
        .filter(person_id=person_id, ended_on__isnull=True)
        .order_by("-started_on", "-pk")
        .first()
    )
    if residence is None:
        return None
    found = geocode(residence.postal_code, residence.locality)
    if found is None:
        return None
    (latitude, longitude), basis = found
    return PersonPlace(latitude, longitude, residence.postal_code, basis)


__all__ = ["PersonPlace", "geocode", "person_place"]

"""The import's field vocabulary: the registry's documented file fields, and column mapping.

The field names are those of ``caseweave people dedupe``/``match`` (``matching.files.FIELDS``)
plus the identifier type codes the registry stores; a file whose header already uses them
needs no mapping. ``record_id`` is the source's own case number for the person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from caseweave.people.choices import IdentifierType
from caseweave.people.matching.files import FIELDS, FileProblem
from caseweave.people.records import ENGINE_IDENTIFIER_TYPES

__all__ = [
    "FIELD_LABELS",
    "IDENTIFIER_COLUMNS",
    "IMPORT_FIELDS",
    "REQUIRED",
    "guess_mapping",
    "resolve_columns",
]

# Engine type code (the file's column name) -> registry identifier type. ``agency_client``
# is left out: in an import the source's own case number is ``record_id``.
IDENTIFIER_COLUMNS: dict[str, str] = {
    code: str(registry_type)
    for registry_type, code in ENGINE_IDENTIFIER_TYPES.items()
    if registry_type != IdentifierType.AGENCY_CASE
} | {"health_card": str(IdentifierType.HEALTH_CARD)}

IMPORT_FIELDS: tuple[str, ...] = (*FIELDS, *sorted(IDENTIFIER_COLUMNS))
REQUIRED = "record_id"
NAME_FIELDS = ("given_names", "family_names")

FIELD_LABELS = {
    "record_id": _("Case number at the source (required)"),
    "given_names": _("Given names"),
    "family_names": _("Family names"),
    "other_names": _("Other names, aliases (separated by ;)"),
    "birth_date": _("Date of birth"),
    "sex": _("Sex"),
    "phone": _("Phone"),
    "email": _("Email"),
    "postcode": _("Postal code"),
    "address": _("Address"),
    "locality": _("City or town"),
    "ca_sin": _("Social insurance number"),
    "health_card": _("Health card number"),
    "passport": _("Passport number"),
}

# Headings agencies commonly use, folded by _fold(); only used to suggest a mapping.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "clientid", "clientnumber", "clientno", "casenumber", "caseno",
                  "caseid", "fileno", "filenumber", "recordid", "intakeid", "reference"),
    "given_names": ("firstname", "firstnames", "givenname", "forename", "forenames", "first"),
    "family_names": ("lastname", "surname", "familyname", "last", "surnames"),
    "other_names": ("alias", "aliases", "nickname", "streetname", "akas", "aka", "othername"),
    "birth_date": ("dob", "dateofbirth", "birthdate", "born", "birthday"),
    "sex": ("gender", "sexatbirth"),
    "phone": ("telephone", "phonenumber", "mobile", "cell", "tel", "cellphone"),
    "email": ("emailaddress", "mail"),
    "postcode": ("postalcode", "zip", "zipcode", "postal"),
    "address": ("streetaddress", "address1", "addressline1"),
    "locality": ("city", "town", "municipality"),
    "ca_sin": ("sin", "socialinsurancenumber", "socialinsurance"),
    "health_card": ("healthcard", "healthcardnumber", "hcn", "ohip"),
    "passport": ("passportnumber", "passportno"),
}  # fmt: skip


def _fold(heading: str) -> str:
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def guess_mapping(header: list[str], saved: Mapping[str, str] | None = None) -> dict[str, str]:
    """Field -> column suggested for ``header``: the source's saved mapping where its columns
    still exist, then headings equal to a field name, then common synonyms."""
    present = set(header)
    mapping = {
        field: column
        for field, column in (saved or {}).items()
        if field in IMPORT_FIELDS and column in present
    }
    taken = set(mapping.values())
    for field in IMPORT_FIELDS:
        if field not in mapping and field in present and field not in taken:
            mapping[field] = field
            taken.add(field)
    for field in IMPORT_FIELDS:
        if field in mapping:
            continue
        for column in header:
            if column not in taken and _fold(column) in {_fold(field), *_SYNONYMS.get(field, ())}:
                mapping[field] = column
                taken.add(column)
                break
    return mapping


def resolve_columns(
    header: list[str], mapping: Mapping[str, str]
) -> tuple[dict[str, int], list[FileProblem]]:
    """Field -> column position, with every problem of the mapping named.

    Headings that are field names count even when the mapping leaves them out, as in
    ``matching.files``. A case number column and a name column are required.
    """
    position = {name: index for index, name in enumerate(header) if name}
    problems: list[FileProblem] = []
    columns: dict[str, int] = {}
    used: dict[int, str] = {}
    for field, column in mapping.items():
        if not column:
            continue
        if field not in IMPORT_FIELDS:
            problems.append(FileProblem(None, None, f"mapping: unknown field {field!r}"))
        elif column not in position:
            problems.append(FileProblem(1, column, f"mapping: there is no column {column!r} "
                                        f"(mapped to {field!r}) in the header"))  # fmt: skip
        elif position[column] in used:
            problems.append(FileProblem(1, column, f"mapping: the column is mapped to both "
                                        f"{used[position[column]]!r} and {field!r}"))  # fmt: skip
        else:
            columns[field] = used_at = position[column]
            used[used_at] = field
    for field in IMPORT_FIELDS:
        if field not in columns and field in position and position[field] not in used:
            columns[field] = position[field]
    if REQUIRED not in columns:
        problems.append(FileProblem(1, None, "missing required column 'record_id' (the source's "
                                    "case number): add it or map a column to it"))  # fmt: skip
    if not any(field in columns for field in NAME_FIELDS):
        problems.append(FileProblem(1, None, "missing required column: 'given_names' or "
                                    "'family_names' (or map a column to one)"))  # fmt: skip
    return columns, problems

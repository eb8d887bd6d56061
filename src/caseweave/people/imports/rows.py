"""Turning one row of a client list into a registration input, naming every problem's column.

Each row is checked by the registry's own rules (``validate_person``: identifiers with their
check digits, contacts, names), plus what only a file can get wrong: unreadable dates, sexes
and case numbers used twice. Rows are also compared with each other (:class:`FileDuplicates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caseweave.people.choices import ContactKind, IdentifierType, LivingSituation, Sex
from caseweave.people.dates import parse_birth_date
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.imports.fields import IDENTIFIER_COLUMNS, IMPORT_FIELDS
from caseweave.people.imports.readers import SourceRow
from caseweave.people.inputs import ContactInput, IdentifierInput, PersonInput, ResidenceInput
from caseweave.people.validation import validate_person

__all__ = ["FileDuplicates", "RowCheck", "check_row"]

_SEXES = {
    "f": Sex.FEMALE, "female": Sex.FEMALE, "woman": Sex.FEMALE, "w": Sex.FEMALE,
    "m": Sex.MALE, "male": Sex.MALE, "man": Sex.MALE,
    "x": Sex.INTERSEX, "intersex": Sex.INTERSEX,
    "u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN, "not stated": Sex.UNKNOWN, "": Sex.UNKNOWN,
}  # fmt: skip


@dataclass
class RowCheck:
    """What one row says: its mapped ``values``, the registration ``data`` built from them
    (None when invalid) and the ``problems`` as ``{"column", "message"}``."""

    number: int
    values: dict[str, str]
    data: PersonInput | None = None
    problems: list[dict[str, str]] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        return self.values.get("record_id", "")

    @property
    def is_valid(self) -> bool:
        return not self.problems


def check_row(
    row: SourceRow, header: list[str], columns: dict[str, int], *, issuer: str
) -> RowCheck:
    """Parse and validate one row; ``issuer`` issues the row's case number (the source)."""
    values = {name: row.cells[index] for name, index in columns.items()}
    check = RowCheck(row.number, values)

    def column(name: str) -> str:
        return header[columns[name]] if name in columns else name

    def problem(name: str | None, message: str) -> None:
        check.problems.append({"column": column(name) if name else "", "message": message})

    if row.extra:
        problem(None, f"the row has {row.extra} value(s) beyond the last column")
    if not values.get("record_id"):
        problem("record_id", "the case number is empty")
    birth_date, precision = None, "unknown"
    if values.get("birth_date"):
        try:
            birth_date, precision = parse_birth_date(values["birth_date"])
        except ValueError as error:
            problem("birth_date", str(error))
    sex = _SEXES.get(values.get("sex", "").strip().lower())
    if sex is None:
        problem("sex", f"{values['sex']!r} is not a sex: use female, male, intersex or unknown")
    identifiers, identifier_columns = _identifiers(values, issuer)
    contacts, contact_columns = _contacts(values)
    data = PersonInput(
        given_names=values.get("given_names", ""),
        family_names=values.get("family_names", ""),
        aliases=tuple(n.strip() for n in values.get("other_names", "").split(";") if n.strip()),
        birth_date=birth_date,
        birth_date_precision=precision,
        sex=sex or Sex.UNKNOWN,
        identifiers=identifiers,
        contacts=contacts,
        residence=_residence(values),
    )
    places = {
        "given_names": "given_names" if "given_names" in columns else "family_names",
        "family_names": "family_names",
        "residence": "address",
        "birth_date": "birth_date",
        **{f"identifiers[{i}]": name for i, name in enumerate(identifier_columns)},
        **{f"contacts[{i}]": name for i, name in enumerate(contact_columns)},
    }
    already = {p["column"] for p in check.problems}
    for registry_problem in validate_person(data):
        name = places.get(registry_problem.field, registry_problem.field)
        if name == "birth_date" and column("birth_date") in already:
            continue  # already said the date is unreadable
        problem(name, registry_problem.message)
    if check.is_valid:
        check.data = data
    return check


def _identifiers(
    values: dict[str, str], issuer: str
) -> tuple[tuple[IdentifierInput, ...], list[str]]:
    identifiers: list[IdentifierInput] = []
    columns: list[str] = []
    if values.get("record_id"):
        identifiers.append(IdentifierInput(IdentifierType.AGENCY_CASE, values["record_id"], issuer))
        columns.append("record_id")
    for code in sorted(IDENTIFIER_COLUMNS):
        if values.get(code):
            identifiers.append(IdentifierInput(IDENTIFIER_COLUMNS[code], values[code]))
            columns.append(code)
    return tuple(identifiers), columns


def _contacts(values: dict[str, str]) -> tuple[tuple[ContactInput, ...], list[str]]:
    contacts: list[ContactInput] = []
    columns: list[str] = []
    for name, kind in (("phone", ContactKind.PHONE), ("email", ContactKind.EMAIL)):
        if values.get(name):
            contacts.append(ContactInput(kind, values[name]))
            columns.append(name)
    return tuple(contacts), columns


def _residence(values: dict[str, str]) -> ResidenceInput | None:
    address, locality, postcode = (values.get(n, "") for n in ("address", "locality", "postcode"))
    if not (address or locality or postcode):
        return None
    # The list says where the person lived, not in what situation; staff confirm it later.
    return ResidenceInput(
        LivingSituation.UNKNOWN, address=address, locality=locality, postal_code=postcode
    )


_SPACES = re.compile(r"\s+")


class FileDuplicates:
    """Finds rows that repeat an earlier row: the same case number, the same identifier, or
    every column but the case number equal (the same person entered twice)."""

    def __init__(self) -> None:
        self._case_numbers: dict[str, int] = {}
        self._identifiers: dict[tuple[str, str], int] = {}
        self._contents: dict[tuple[str, ...], int] = {}

    def check(self, check: RowCheck, column_of: dict[str, str]) -> None:
        case_number = normalise_identifier(check.record_id)
        if case_number:
            first = self._case_numbers.setdefault(case_number, check.number)
            if first != check.number:
                check.problems.append({
                    "column": column_of.get("record_id", "record_id"),
                    "message": f"case number {check.record_id!r} is already used on row {first}",
                })  # fmt: skip
        for code in IDENTIFIER_COLUMNS:
            value = normalise_identifier(check.values.get(code, ""))
            if not value:
                continue
            first = self._identifiers.setdefault((code, value), check.number)
            if first != check.number:
                check.problems.append({
                    "column": column_of.get(code, code),
                    "message": f"the same number is given on row {first}",
                })  # fmt: skip
        content = tuple(
            _SPACES.sub(" ", check.values.get(name, "")).casefold()
            for name in IMPORT_FIELDS if name != "record_id"
        )  # fmt: skip
        if any(content):
            first = self._contents.setdefault(content, check.number)
            if first != check.number:
                check.problems.append({
                    "column": "",
                    "message": f"duplicates row {first} (every column but the case number agrees)",
                })  # fmt: skip
        if check.problems:
            check.data = None

"""Editing a service's HSDS records by hand: which fields, how they are checked, where they hang.

A service's own row and the rows that hang under it (phones, schedules, places, languages,
costs, documents, service areas) are edited field by field. Each table lists the fields a
steward may change; values are checked against the HSDS row schema, formats (email, URL,
dates, times), coordinates and recurrence rules, and every problem names its field.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from caseweave.directory import hsds, readiness
from caseweave.directory.importing.validate import schedule_problems, schema_problems
from caseweave.directory.models import HsdsLink, HsdsRecord

EDITABLE: dict[str, tuple[str, ...]] = {
    "service": (
        "name",
        "alternate_name",
        "description",
        "status",
        "url",
        "email",
        "fees_description",
        "eligibility_description",
        "application_process",
        "minimum_age",
        "maximum_age",
    ),
    "phone": ("number", "extension", "type", "description"),
    "schedule": (
        "description",
        "freq",
        "byday",
        "bymonthday",
        "interval",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
    ),
    "location": ("name", "description", "latitude", "longitude"),
    "address": ("address_1", "address_2", "city", "state_province", "postal_code", "country"),
    "language": ("code", "name", "note"),
    "cost_option": ("option", "amount", "currency", "amount_description"),
    "required_document": ("document", "uri"),
    "service_area": ("name", "description", "extent_type", "extent"),
}

# Tables whose rows hold the service's id in ``service_id``.
SERVICE_CHILDREN = (
    "phone",
    "schedule",
    "language",
    "cost_option",
    "required_document",
    "service_area",
)
REMOVABLE = (*(t for t in EDITABLE if t != "service"), "attribute")

DATE_FIELDS = {"valid_from", "valid_to"}
TIME_FIELDS = {"opens_at", "closes_at"}
URL_FIELDS = {"url", "uri"}
COORDINATE_RANGES = {"latitude": 90.0, "longitude": 180.0}
CURRENCY = re.compile(r"^[A-Z]{3}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def number_columns(table: str) -> set[str]:
    types = hsds.tables()[table].column_types
    return {name for name in EDITABLE[table] if types.get(name) in {"number", "integer"}}


def clean_values(table: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Values in HSDS types (numbers as numbers, blanks dropped) and problems by field."""
    problems: dict[str, list[str]] = {}
    unknown = sorted(set(values) - set(EDITABLE[table]))
    for name in unknown:
        problems.setdefault(name, []).append(f"not an editable {table} field")
    numeric = number_columns(table)
    cleaned: dict[str, Any] = {}
    for name in EDITABLE[table]:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, str):
            value = value.strip()
        if value in ("", None):
            cleaned[name] = None
            continue
        if name in numeric and not isinstance(value, int | float):
            try:
                value = float(str(value))
            except ValueError:
                problems.setdefault(name, []).append(f"{value!r} is not a number")
                continue
        if isinstance(value, float) and value.is_integer() and name in numeric:
            value = int(value)
        cleaned[name] = value
    return cleaned, problems


def _format_problems(data: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    for name, value in data.items():
        if value is None:
            continue
        if name == "email" or name == "assurer_email":
            try:
                EmailValidator()(value)
            except ValidationError:
                add(name, f"{value!r} is not an email address")
        elif name in URL_FIELDS:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                add(name, f"{value!r} is not a web address (http or https)")
        elif name in DATE_FIELDS:
            try:
                date.fromisoformat(str(value))
            except ValueError:
                add(name, f"{value!r} is not a date (YYYY-MM-DD)")
        elif name in TIME_FIELDS:
            try:
                time.fromisoformat(str(value).replace("Z", "+00:00"))
            except ValueError:
                add(name, f"{value!r} is not a time (HH:MM)")
        elif name in COORDINATE_RANGES and isinstance(value, int | float):
            limit = COORDINATE_RANGES[name]
            if not -limit <= value <= limit:
                add(name, f"must be between -{limit:g} and {limit:g}")
        elif name == "currency" and not CURRENCY.match(str(value)):
            add(name, f"{value!r} is not a three-letter currency code such as EUR")
        elif name == "code" and not LANGUAGE_CODE.match(str(value)):
            add(name, f"{value!r} is not a language code such as fr or pt-BR")
        elif name in {"minimum_age", "maximum_age", "amount", "extension"} and value < 0:
            add(name, "must be 0 or more")
    return problems


def problems_for(table: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """Everything wrong with a whole row, by field; empty when it may be stored."""
    problems = _format_problems(data)
    messages = schema_problems(table, data)
    if table == "schedule":
        messages += schedule_problems(data)
        if data.get("opens_at") is None and not (data.get("valid_from") or data.get("freq")):
            messages.append("opens_at: give opening hours, or dates for a closure")
    for message in messages:
        name, _, reason = message.partition(": ")
        if name == "(record)":
            match = re.search(r"'(\w+)' is a required property", reason)
            name, reason = (match.group(1), "required") if match else ("__all__", reason)
        if reason not in problems.get(name, []):
            problems.setdefault(name, []).append(reason)
    low, high = data.get("minimum_age"), data.get("maximum_age")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems.setdefault("maximum_age", []).append("below the minimum age")
    return problems


def service_location_ids(service_id: str) -> set[str]:
    links = HsdsLink.objects.filter(
        source_table="service_at_location", column="service_id", target=service_id
    ).values("source_id")
    return {
        str(data.get("location_id"))
        for data in HsdsRecord.objects.filter(
            table="service_at_location", hsds_id__in=links
        ).values_list("data", flat=True)
        if data.get("location_id")
    }


def service_location_links(service_id: str, location_id: str) -> list[HsdsRecord]:
    """The service_at_location rows that put this service at this place."""
    links = HsdsLink.objects.filter(
        source_table="service_at_location", column="service_id", target=service_id
    ).values("source_id")
    return [
        record
        for record in HsdsRecord.objects.select_for_update().filter(
            table="service_at_location", hsds_id__in=links
        )
        if str(record.data.get("location_id")) == location_id
    ]


def services_at(location_id: str) -> set[str]:
    """Ids of every service delivered at this place."""
    links = HsdsLink.objects.filter(
        source_table="service_at_location", column="location_id", target=location_id
    ).values("source_id")
    return {
        str(data.get("service_id"))
        for data in HsdsRecord.objects.filter(
            table="service_at_location", hsds_id__in=links
        ).values_list("data", flat=True)
        if data.get("service_id")
    }


def service_attributes(service_id: str) -> list[HsdsRecord]:
    """Attribute rows (taxonomy terms, readiness values) attached to the service."""
    links = HsdsLink.objects.filter(
        source_table="attribute", column="link_id", target=service_id
    ).values("source_id")
    return list(HsdsRecord.objects.filter(table="attribute", hsds_id__in=links))


def belongs_to_service(service_id: str, record: HsdsRecord) -> bool:
    """Whether a child record hangs under this service (directly or through its places)."""
    data = record.data
    if record.table in SERVICE_CHILDREN:
        return str(data.get("service_id")) == service_id
    if record.table == "location":
        return str(record.hsds_id) in service_location_ids(service_id)
    if record.table == "address":
        return str(data.get("location_id")) in service_location_ids(service_id)
    if record.table == "attribute":
        # Readiness values are changed through their own form, not removed as terms.
        return (
            str(data.get("link_id")) == service_id
            and str(data.get("taxonomy_term_id")) not in readiness.TERM_CODE_BY_ID
        )
    return False


def new_child(service_id: str, table: str, parent_id: str | None) -> list[HsdsRecord]:
    """A fresh row of ``table`` under the service; a new place also gets its service_at_location.

    An address hangs under one of the service's places (``parent_id``).
    """
    record_id = str(uuid.uuid4())
    data: dict[str, Any] = {"id": record_id}
    extra: list[HsdsRecord] = []
    if table in SERVICE_CHILDREN:
        data["service_id"] = service_id
    elif table == "location":
        data["location_type"] = "physical"
        link_id = str(uuid.uuid4())
        extra.append(
            HsdsRecord(
                table="service_at_location",
                hsds_id=uuid.UUID(link_id),
                data={"id": link_id, "service_id": service_id, "location_id": record_id},
            )
        )
    elif table == "address":
        data["location_id"] = parent_id
        data["address_type"] = "physical"
    return [HsdsRecord(table=table, hsds_id=uuid.UUID(record_id), data=data), *extra]


def delete_records(records: list[HsdsRecord]) -> None:
    for record in records:
        HsdsLink.objects.filter(source_table=record.table, source_id=record.hsds_id).delete()
        record.delete()


__all__ = [
    "EDITABLE",
    "belongs_to_service",
    "clean_values",
    "delete_records",
    "new_child",
    "problems_for",
]

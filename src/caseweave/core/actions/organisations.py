"""Creating, editing and deactivating organisations; adding jurisdictions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from caseweave.audit import recorder
from caseweave.core import events
from caseweave.core.errors import InvalidChange, NotPermitted, StaleEdit
from caseweave.core.models import Jurisdiction, Organisation
from caseweave.core.models.organisation import BREAK_GLASS_MAX_HOURS, BREAK_GLASS_MIN_HOURS
from caseweave.core.roles import permissions_for

if TYPE_CHECKING:
    from caseweave.access.types import Actor

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "jurisdiction",
    "email",
    "phone",
    "break_glass_hours",
)


def _check_break_glass_hours(values: dict[str, Any]) -> None:
    hours = values.get("break_glass_hours")
    if hours is not None and not BREAK_GLASS_MIN_HOURS <= hours <= BREAK_GLASS_MAX_HOURS:
        raise InvalidChange(
            _("Emergency access lasts between %(low)d and %(high)d hours.")
            % {"low": BREAK_GLASS_MIN_HOURS, "high": BREAK_GLASS_MAX_HOURS},
            field="break_glass_hours",
        )


def require_permission(actor: Actor, permission: str) -> None:
    if permission not in permissions_for(actor.role):
        raise NotPermitted(_("Your role does not allow this change."))


@transaction.atomic
def organisation_create(*, actor: Actor, **fields: Any) -> Organisation:
    """Register an organisation. Needs core.manage_organisations; audits organisation.created.

    Raises NotPermitted, InvalidChange (a name already in use).
    """
    require_permission(actor, "core.manage_organisations")
    values = {name: fields[name] for name in ORGANISATION_FIELDS if name in fields}
    _check_break_glass_hours(values)
    if Organisation.objects.filter(name__iexact=values.get("name", "")).exists():
        raise InvalidChange(_("An organisation with this name already exists."), field="name")
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(**values)
    except IntegrityError as error:
        raise InvalidChange(
            _("An organisation with this name already exists."), field="name"
        ) from error
    recorder.record(
        actor,
        events.ORGANISATION_CREATED,
        object_type="organisation",
        object_id=organisation.pk,
        payload={"fields": sorted(values)},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Actor, organisation_id: int, version: int, **fields: Any
) -> Organisation:
    """Change an organisation's details if nobody saved it since ``version`` was read.

    Needs core.manage_organisations; audits organisation.updated with the changed field
    names. Raises NotPermitted, StaleEdit, InvalidChange (duplicate name).
    """
    require_permission(actor, "core.manage_organisations")
    organisation = Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    if organisation is None:
        raise InvalidChange(_("That organisation does not exist."))
    if organisation.version != version:
        raise StaleEdit()
    _check_break_glass_hours(fields)
    changed = [
        name
        for name in ORGANISATION_FIELDS
        if name in fields and getattr(organisation, name) != fields[name]
    ]
    if "name" in changed and (
        Organisation.objects.filter(name__iexact=fields["name"])
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise InvalidChange(_("An organisation with this name already exists."), field="name")
    if not changed:
        return organisation
    for name in changed:
        setattr(organisation, name, fields[name])
    organisation.version = F("version") + 1
    organisation.save(update_fields=[*changed, "version", "updated_at"])
    organisation.refresh_from_db()
    recorder.record(
        actor,
        events.ORGANISATION_UPDATED,
        object_type="organisation",
        object_id=organisation.pk,
        payload={"fields": changed, "version": organisation.version},
    )
    return organisation


@transaction.atomic
def organisation_set_active(
    *, actor: Actor, organisation_id: int, version: int, active: bool
) -> Organisation:
    """Deactivate (or reactivate) an organisation: its staff can no longer act for it.

    Memberships stay on record (the audit trail refers to them). Needs
    core.manage_organisations; audits organisation.deactivated / .reactivated.
    Raises NotPermitted, StaleEdit, InvalidChange (your own organisation).
    """
    require_permission(actor, "core.manage_organisations")
    organisation = Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    if organisation is None:
        raise InvalidChange(_("That organisation does not exist."))
    if organisation.version != version:
        raise StaleEdit()
    if not active and organisation.pk == actor.organisation_id:
        raise InvalidChange(
            _("You cannot deactivate the organisation you are acting for."), field="is_active"
        )
    if organisation.is_active == active:
        return organisation
    organisation.is_active = active
    organisation.version = F("version") + 1
    organisation.save(update_fields=["is_active", "version", "updated_at"])
    organisation.refresh_from_db()
    recorder.record(
        actor,
        events.ORGANISATION_REACTIVATED if active else events.ORGANISATION_DEACTIVATED,
        object_type="organisation",
        object_id=organisation.pk,
        payload={"version": organisation.version},
    )
    return organisation


@transaction.atomic
def jurisdiction_create(
    *, actor: Actor, name: str, code: str, kind: str, parent: Jurisdiction | None
) -> Jurisdiction:
    """Add a place to the jurisdiction tree. Needs core.manage_organisations; audited."""
    require_permission(actor, "core.manage_organisations")
    if Jurisdiction.objects.filter(code=code).exists():
        raise InvalidChange(_("A jurisdiction with this code already exists."), field="code")
    jurisdiction = Jurisdiction.objects.create(name=name, code=code, kind=kind, parent=parent)
    recorder.record(
        actor,
        events.JURISDICTION_CREATED,
        object_type="jurisdiction",
        object_id=jurisdiction.pk,
        payload={"parent_id": parent.pk if parent else None},
    )
    return jurisdiction

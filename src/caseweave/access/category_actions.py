"""Writes of configured categories (re-exported by ``access.actions``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from caseweave.access import categories, events, gate, policy, tokens, validation
from caseweave.access.choices import RecordType
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import ConfiguredCategory
from caseweave.access.types import Actor
from caseweave.audit import recorder

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


@transaction.atomic
def configured_category_save(
    *,
    actor: Actor,
    label: str,
    slug: str = "",
    description: str = "",
    is_sensitive: bool = True,
    record_types: Sequence[str] = (RecordType.NOTE,),
    is_active: bool = True,
    category_id: int | None = None,
) -> ConfiguredCategory:
    """Add a deployment-specific category, or edit one's label, description, record types
    and whether it is in use. Its code (slug) and sensitivity are fixed once created.
    Caller: a data steward (``access.manage_categories``). Audits
    ``configured_category.saved``. Raises ``AccessInputError`` naming every wrong field."""
    membership_id, _organisation_id = gate.require_staff(actor, "access.manage_categories")
    errors = validation.Errors()
    if not label.strip():
        errors.add("label", _("Give the category a name."))
    unknown_types = sorted(set(record_types) - set(RecordType.values))
    if unknown_types:
        errors.add(
            "record_types",
            _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown_types)},
        )
    if category_id is None:
        slug = slug.strip()
        if not SLUG_PATTERN.match(slug):
            errors.add(
                "slug",
                _(
                    "2 to 32 characters: lower-case letters, digits and underscores, "
                    "starting with a letter."
                ),
            )
        elif (
            slug in categories.FIXED_VALUES or ConfiguredCategory.objects.filter(slug=slug).exists()
        ):
            errors.add("slug", _("A category with this code already exists."))
    if errors:
        raise AccessInputError(dict(errors))
    if category_id is None:
        category = ConfiguredCategory(
            slug=slug, is_sensitive=is_sensitive, created_by_id=membership_id
        )
    else:
        found = ConfiguredCategory.objects.select_for_update().filter(pk=category_id).first()
        if found is None:
            raise NotFound()
        category = found
        category.version += 1
    category.label = label.strip()
    category.description = description.strip()
    category.record_types = tokens.pack(record_types)
    category.is_active = is_active
    category.save()
    categories.invalidate()
    policy.invalidate()
    recorder.record(
        actor,
        events.CONFIGURED_CATEGORY_SAVED,
        action="create" if category_id is None else "update",
        object_type="configured_category",
        object_id=category.pk,
        payload={
            "slug": category.slug,
            "is_sensitive": category.is_sensitive,
            "record_types": tokens.unpack(category.record_types),
            "is_active": category.is_active,
        },
    )
    return category

"""Value types of the access policy: who asks, about whom, for what, and the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType
from uuid import UUID

from django.utils.translation import gettext_lazy as _

PersonId = NewType("PersonId", UUID)


class Category(StrEnum):
    """Sensitivity categories of personal information. Every person-data field declares one.

    The members below are fixed in code. A data steward may configure more
    (``access.categories``); ``Category("<slug>")`` then returns a member for it too, so
    everything that takes a ``Category`` takes a configured one. ``list(Category)`` is
    the fixed set only.
    """

    IDENTITY = "identity"
    DOCUMENTS = "documents"
    HOUSING = "housing"
    INCOME = "income"
    EMPLOYMENT_EDUCATION = "employment_education"
    PHYSICAL_HEALTH = "physical_health"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    JUSTICE = "justice"
    CHILD_PROTECTION = "child_protection"
    FAMILY = "family"
    CASE_NOTES = "case_notes"

    @classmethod
    def _missing_(cls, value: object) -> Category | None:
        """A member for a configured category's slug (one query the first time)."""
        if not isinstance(value, str):
            return None
        from caseweave.access import categories

        if categories.info(value) is None:
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        # Keep one member per slug, so ``Category(slug) is Category(slug)``.
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]  # the map holds members of cls

    @property
    def label(self) -> str:
        fixed = CATEGORY_LABELS.get(self)
        if fixed is not None:
            return str(fixed)
        from caseweave.access import categories

        return categories.label(self)

    @property
    def is_sensitive(self) -> bool:
        if self in SENSITIVE_CATEGORIES:
            return True
        if self in CATEGORY_LABELS:
            return False
        from caseweave.access import categories

        return categories.is_sensitive(self)


CATEGORY_LABELS = {
    Category.IDENTITY: _("Identity & contact"),
    Category.DOCUMENTS: _("Documents"),
    Category.HOUSING: _("Housing"),
    Category.INCOME: _("Income & benefits"),
    Category.EMPLOYMENT_EDUCATION: _("Employment & education"),
    Category.PHYSICAL_HEALTH: _("Physical health"),
    Category.MENTAL_HEALTH: _("Mental health"),
    Category.SUBSTANCE_USE: _("Substance use"),
    Category.JUSTICE: _("Justice & police"),
    Category.CHILD_PROTECTION: _("Child protection"),
    Category.FAMILY: _("Family & relationships"),
    Category.CASE_NOTES: _("Case notes"),
}

# These need explicit consent or a recorded lawful basis (DESIGN invariant 2).
SENSITIVE_CATEGORIES = frozenset(
    {
        Category.PHYSICAL_HEALTH,
        Category.MENTAL_HEALTH,
        Category.SUBSTANCE_USE,
        Category.JUSTICE,
        Category.CHILD_PROTECTION,
        Category.INCOME,
    }
)


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PRINT = "print"
    SHARE = "share"


class Purpose(StrEnum):
    SERVICE_COORDINATION = "service_coordination"
    REFERRAL = "referral"
    CASE_CONFERENCE = "case_conference"
    BENEFITS = "benefits"
    RESEARCH = "research"


class Basis(StrEnum):
    """Why a decision came out the way it did; stored on every audit event."""

    CARE_TEAM = "care_team"  # the actor personally is on the person's care team
    OWN_ORGANISATION = "own_organisation"  # the actor's organisation serves the person
    CONSENT = "consent"
    AGREEMENT = "agreement"  # a data-sharing agreement with a lawful basis
    BREAK_GLASS = "break_glass"
    ROLE_WIDE = "role_wide"  # e.g. a data steward's limited administrative view
    SYSTEM = "system"  # a background task with a declared purpose
    NONE = "none"  # denied


@dataclass(frozen=True)
class Actor:
    """A staff member acting in one membership (organisation + role), for a purpose."""

    user_id: int | None
    membership_id: int | None
    organisation_id: int | None
    role: str
    purpose: Purpose = Purpose.SERVICE_COORDINATION
    ip_address: str | None = None
    user_agent: str = ""
    system_reason: str = ""
    team_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_system(self) -> bool:
        return self.user_id is None

    @classmethod
    def system(cls, reason: str, purpose: Purpose = Purpose.SERVICE_COORDINATION) -> Actor:
        """A background task or command; its reason lands in every audit event it causes."""
        return cls(
            user_id=None,
            membership_id=None,
            organisation_id=None,
            role="system",
            purpose=purpose,
            system_reason=reason,
        )


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis
    reference: str = ""  # e.g. "consent:42", "agreement:7", "break_glass:3"
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

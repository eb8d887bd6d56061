"""The relationship dimension of the authorization matrix.

A *relationship* is how a staff member stands to a person: their organisation serves
the person, they are named on the care team, the person consented to share with them,
the consent was withdrawn or has expired, another organisation serves the person and
nothing is shared, or they opened emergency (break-glass) access that is still open or
has run out. Any module with person routes declares the expected outcome per
relationship and uses ``establish`` to set it up for a persona and a person:

    person_id = person.pk                       # or a bare uuid4() for access's own routes
    establish("consent_withdrawn", persona, person_id)
    response = client_for(persona).get(url)

``EXPECTED_VIEW`` is the policy's answer for a ``view`` of a non-sensitive and of a
sensitive category, for a role that may use person data; ``expected_view`` adds roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from uuid import UUID

from django.utils import timezone

from caseweave.access import policy, tokens
from caseweave.access.choices import EvidenceKind
from caseweave.access.models import BreakGlassGrant, CareTeamMember, Consent
from caseweave.access.types import Basis, Category, Purpose
from caseweave.core.models import Organisation
from caseweave.core.roles import permissions_for
from tests.personas import Persona

OWN_ORGANISATION_CLIENT = "own_organisation_client"
CARE_TEAM_MEMBER = "care_team_member"
CONSENTED_RECIPIENT = "consented_recipient"
CONSENT_WITHDRAWN = "consent_withdrawn"
CONSENT_EXPIRED = "consent_expired"
OTHER_ORGANISATION_NO_CONSENT = "other_organisation_no_consent"
BREAK_GLASS_ACTIVE = "break_glass_active"
BREAK_GLASS_EXPIRED = "break_glass_expired"

RELATIONSHIPS = (
    OWN_ORGANISATION_CLIENT,
    CARE_TEAM_MEMBER,
    CONSENTED_RECIPIENT,
    CONSENT_WITHDRAWN,
    CONSENT_EXPIRED,
    OTHER_ORGANISATION_NO_CONSENT,
    BREAK_GLASS_ACTIVE,
    BREAK_GLASS_EXPIRED,
)

# (non-sensitive view, sensitive view) -> the basis when allowed, None when refused.
EXPECTED_VIEW: dict[str, tuple[Basis | None, Basis | None]] = {
    OWN_ORGANISATION_CLIENT: (Basis.OWN_ORGANISATION, None),
    CARE_TEAM_MEMBER: (Basis.CARE_TEAM, None),
    CONSENTED_RECIPIENT: (Basis.CONSENT, Basis.CONSENT),
    CONSENT_WITHDRAWN: (None, None),
    CONSENT_EXPIRED: (None, None),
    OTHER_ORGANISATION_NO_CONSENT: (None, None),
    BREAK_GLASS_ACTIVE: (Basis.BREAK_GLASS, Basis.BREAK_GLASS),
    BREAK_GLASS_EXPIRED: (None, None),
}


def expected_view(role: str, relationship: str, category: Category) -> Basis | None:
    """The basis a ``view`` is allowed on, or None; roles without person data get None."""
    if policy.PERSON_DATA_PERMISSION not in permissions_for(role):
        return None
    plain, sensitive = EXPECTED_VIEW[relationship]
    return sensitive if category.is_sensitive else plain


def serving_organisation() -> Organisation:
    """The organisation that serves the person when the persona's does not."""
    organisation, _created = Organisation.objects.get_or_create(
        name="Serving Agency", defaults={"short_name": "Serving", "kind": "ngo"}
    )
    return organisation


def establish(
    relationship: str,
    persona: Persona,
    person_id: UUID,
    *,
    categories: Iterable[Category] = tuple(Category),
) -> None:
    """Make ``persona`` stand in ``relationship`` to the person (rows written directly:
    this is test set-up, not the behaviour under test)."""
    membership = persona.membership
    now = timezone.now()
    if relationship == OWN_ORGANISATION_CLIENT:
        CareTeamMember.objects.create(person_id=person_id, organisation=membership.organisation)
    elif relationship == CARE_TEAM_MEMBER:
        CareTeamMember.objects.create(
            person_id=person_id, organisation=membership.organisation, membership=membership
        )
    else:
        CareTeamMember.objects.create(person_id=person_id, organisation=serving_organisation())
    if relationship in {CONSENTED_RECIPIENT, CONSENT_WITHDRAWN, CONSENT_EXPIRED}:
        consent = Consent.objects.create(
            person_id=person_id,
            categories=tokens.pack(categories),
            purposes=tokens.pack(Purpose),
            evidence_kind=EvidenceKind.VERBAL,
            witness_name="A. Witness",
            captured_by=membership,
            valid_from=now - timedelta(days=30),
            valid_until=now - timedelta(days=1) if relationship == CONSENT_EXPIRED else None,
            withdrawn_at=now - timedelta(hours=1) if relationship == CONSENT_WITHDRAWN else None,
            withdrawal_reason="Changed their mind" if relationship == CONSENT_WITHDRAWN else "",
        )
        consent.recipient_organisations.add(membership.organisation)
    if relationship in {BREAK_GLASS_ACTIVE, BREAK_GLASS_EXPIRED}:
        opened = now - timedelta(hours=5 if relationship == BREAK_GLASS_EXPIRED else 1)
        BreakGlassGrant.objects.create(
            person_id=person_id,
            membership=membership,
            reason="Emergency: person found unresponsive",
            opened_at=opened,
            expires_at=opened + timedelta(hours=4),
        )
    policy.invalidate()

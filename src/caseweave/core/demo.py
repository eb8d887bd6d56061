"""Demo organisations, jurisdictions, teams and one staff member per role (synthetic)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from caseweave.core.choices import JurisdictionKind, OrganisationKind, Role, TeamKind
from caseweave.core.models import Jurisdiction, Membership, Organisation, Team, TeamMembership, User
from caseweave.core.roles import TWO_FACTOR_ROLES

DEMO_PASSWORD = "caseweave-demo-2026"  # noqa: S105  (printed to the console by `caseweave demo`)
DEMO_EMAIL_DOMAIN = "demo.caseweave.example"
# Stewards and administrators must use TOTP; the demo gives them a fixed key (RFC 6238's
# test key, base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ) and fixed backup codes, printed by
# `caseweave demo`, so anyone trying the demo can add it to an authenticator app.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_BACKUP_CODES = ["cwdemo01", "cwdemo02", "cwdemo03", "cwdemo04", "cwdemo05"]

ORGANISATIONS: list[tuple[str, str, str]] = [
    ("Riverbend Municipal Social Development", "Social Development", OrganisationKind.MUNICIPALITY),
    ("Riverbend Police Service", "Police", OrganisationKind.POLICE),
    ("Ministry of Social Development", "Ministry", OrganisationKind.PROVINCIAL_MINISTRY),
    ("Riverbend Mental Health & Addictions", "MHA", OrganisationKind.MENTAL_HEALTH_ADDICTIONS),
    ("Assertive Community Treatment Team", "ACT Team", OrganisationKind.MENTAL_HEALTH_ADDICTIONS),
    ("Provincial Probation Services", "Probation", OrganisationKind.PROBATION),
    ("Riverbend Bylaw Services", "Bylaw", OrganisationKind.BYLAW),
    ("Harbour Light Outreach", "Harbour Light", OrganisationKind.NGO),
    ("Amaro Drom Roma Community Association", "Amaro Drom", OrganisationKind.NGO),
    ("Eastfield Secondary School", "Eastfield School", OrganisationKind.SCHOOL),
    ("Riverbend Health Authority", "Health Authority", OrganisationKind.HEALTH_AUTHORITY),
    ("Northgate Community Centre", "Community Centre", OrganisationKind.COMMUNITY_GROUP),
]

# (role, organisation short name, given name, family name) — synthetic staff.
STAFF: list[tuple[str, str, str, str]] = [
    (Role.OUTREACH_WORKER, "Harbour Light", "Olivia", "Tremblay"),
    (Role.INTAKE_OFFICER, "Ministry", "Imran", "bin Yusof"),
    (Role.CASEWORKER, "Social Development", "Camille", "Gagnon"),
    (Role.SUPERVISOR, "Social Development", "Siddharth", "Raman"),
    (Role.RECEIVING_AGENCY_STAFF, "MHA", "Rhea", "Wong"),
    (Role.TABLE_CHAIR, "Social Development", "Teodora", "Marković"),
    (Role.TABLE_MEMBER, "Police", "Patrick", "O'Neill"),
    (Role.BENEFITS_OFFICER, "Ministry", "Benoît", "Lavoie"),
    (Role.BENEFITS_APPROVER, "Ministry", "Ana", "Krasniqi"),
    (Role.PROGRAMME_COORDINATOR, "Community Centre", "Priya", "Selvam"),
    (Role.ANALYST, "Ministry", "Li", "Na"),
    (Role.DATA_STEWARD, "Social Development", "Dalia", "Stojanović"),
    (Role.ADMINISTRATOR, "Social Development", "Adrian", "Hoxha"),
]

TEAMS: list[tuple[str, str, str, list[str]]] = [
    (
        "Riverside walkabout crew",
        TeamKind.WALKABOUT_CREW,
        "Social Development",
        [Role.OUTREACH_WORKER, Role.TABLE_MEMBER],
    ),
    (
        "Mobile outreach team East",
        TeamKind.MOBILE_OUTREACH_TEAM,
        "Harbour Light",
        [Role.OUTREACH_WORKER],
    ),
    (
        "Northgate local workgroup",
        TeamKind.WORKGROUP,
        "Community Centre",
        [Role.PROGRAMME_COORDINATOR, Role.CASEWORKER],
    ),
    (
        "Riverbend situation table",
        TeamKind.ACTION_TABLE,
        "Social Development",
        [Role.TABLE_CHAIR, Role.TABLE_MEMBER, Role.RECEIVING_AGENCY_STAFF, Role.CASEWORKER],
    ),
]


@dataclass
class CoreDemo:
    """What the core seed created, for the seeders of later modules to build on."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    # email -> (base32 TOTP key, backup codes) for the accounts that need a second factor.
    two_factor: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


def demo_email(given: str, family: str) -> str:
    from unidecode import unidecode

    local = unidecode(f"{given}.{family}").lower().replace(" ", "").replace("'", "")
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


@transaction.atomic
def seed() -> CoreDemo:
    """Create (or find) the demo district; running it twice changes nothing."""
    demo = CoreDemo()
    province, _ = Jurisdiction.objects.get_or_create(
        code="lakeshore",
        defaults={"name": "Province of Lakeshore", "kind": JurisdictionKind.PROVINCE},
    )
    city, _ = Jurisdiction.objects.get_or_create(
        code="riverbend",
        defaults={"name": "Riverbend", "kind": JurisdictionKind.MUNICIPALITY, "parent": province},
    )
    for code, name in [("northgate", "Northgate"), ("eastfield-estate", "Eastfield Estate")]:
        demo.jurisdictions[code], _ = Jurisdiction.objects.get_or_create(
            code=code, defaults={"name": name, "kind": JurisdictionKind.DISTRICT, "parent": city}
        )
    demo.jurisdictions.update({"lakeshore": province, "riverbend": city})
    for name, short, kind in ORGANISATIONS:
        jurisdiction = (
            province
            if kind in {OrganisationKind.PROVINCIAL_MINISTRY, OrganisationKind.PROBATION}
            else city
        )
        demo.organisations[short], _ = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "jurisdiction": jurisdiction}
        )
    password_hash = make_password(DEMO_PASSWORD)
    for role, org_short, given, family in STAFF:
        email = demo_email(given, family)
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": f"{given} {family}", "password": password_hash}
        )
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=demo.organisations[org_short], role=role
        )
        demo.memberships[role] = membership
        demo.logins.append((str(Role(role).label), email, DEMO_PASSWORD))
        if role in TWO_FACTOR_ROLES:
            demo.two_factor[email] = _demo_second_factor(user)
    for name, kind, org_short, roles in TEAMS:
        team, _ = Team.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "organisation": demo.organisations[org_short],
                "jurisdiction": city,
            },
        )
        for role in roles:
            TeamMembership.objects.get_or_create(team=team, membership=demo.memberships[role])
    return demo


def _demo_second_factor(user: User) -> tuple[str, list[str]]:
    """The demo authenticator and backup codes (reset on every run: codes are single-use)."""
    from base64 import b32encode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from caseweave.core.actions import backup_codes_issue

    TOTPDevice.objects.update_or_create(
        user=user,
        name="demo authenticator",
        defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
    )
    backup_codes_issue(user=user, codes=list(DEMO_BACKUP_CODES))
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode(), list(DEMO_BACKUP_CODES)

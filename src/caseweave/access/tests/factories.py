"""factory_boy factories for access: care team roles, consents, agreements, break-glass."""

from __future__ import annotations

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from caseweave.access import tokens
from caseweave.access.choices import EvidenceKind, LawfulBasis
from caseweave.access.models import (
    BreakGlassGrant,
    CareTeamMember,
    Consent,
    ConsentTemplate,
    DataSharingAgreement,
)
from caseweave.access.types import Category, Purpose
from caseweave.core.tests.factories import MembershipFactory, OrganisationFactory

ALL_CATEGORIES = tokens.pack(Category)
ALL_PURPOSES = tokens.pack(Purpose)


class CareTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareTeamMember

    person_id = factory.LazyFunction(uuid.uuid4)
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    """An active consent for every category and purpose; pass ``recipients=[org]``."""

    class Meta:
        model = Consent
        skip_postgeneration_save = True

    person_id = factory.LazyFunction(uuid.uuid4)
    categories = ALL_CATEGORIES
    purposes = ALL_PURPOSES
    evidence_kind = EvidenceKind.VERBAL
    witness_name = "A. Witness"
    captured_by = factory.SubFactory(MembershipFactory)
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def recipients(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.recipient_organisations.set(extracted)

    @factory.post_generation
    def teams(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.recipient_teams.set(extracted)


class ConsentTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentTemplate

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Template {n}")
    plain_language_text = "You agree that the agencies named here may share the information ticked."
    categories = tokens.pack([Category.IDENTITY, Category.HOUSING])
    purposes = tokens.pack([Purpose.SERVICE_COORDINATION])


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSharingAgreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agreement {n}")
    categories = tokens.pack([Category.CHILD_PROTECTION])
    purposes = ALL_PURPOSES
    lawful_basis = LawfulBasis.CHILD_PROTECTION
    lawful_basis_detail = "Child, Youth and Family Services Act, s. 125"
    recorded_by = factory.SubFactory(MembershipFactory)
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def parties(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.parties.set(extracted)


class BreakGlassGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlassGrant

    person_id = factory.LazyFunction(uuid.uuid4)
    membership = factory.SubFactory(MembershipFactory)
    reason = "Found unconscious; need medication history"
    opened_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda grant: grant.opened_at + timedelta(hours=4))

"""Choices of the people registry: how names are written, dates known, people housed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NameOrder(models.TextChoices):
    GIVEN_FIRST = "given_first", _("Given name first")
    FAMILY_FIRST = "family_first", _("Family name first")
    SINGLE = "single", _("Single name only")


class NameKind(models.TextChoices):
    LEGAL = "legal", _("Legal name")
    PREFERRED = "preferred", _("Preferred name")
    ALIAS = "alias", _("Alias")
    STREET = "street", _("Street name / nickname")
    PREVIOUS = "previous", _("Previous name")


class DatePrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    MONTH = "month", _("Year and month")
    YEAR = "year", _("Year only")
    ESTIMATED = "estimated", _("Estimated from age")
    UNKNOWN = "unknown", _("Unknown")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    INTERSEX = "intersex", _("Intersex")
    UNKNOWN = "unknown", _("Not known / not stated")


class ContactKind(models.TextChoices):
    MOBILE = "mobile", _("Mobile phone")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    OTHER = "other", _("Other (e.g. message via a shelter)")


class LivingSituation(models.TextChoices):
    HOUSED = "housed", _("Housed (own or rented)")
    WITH_FAMILY = "with_family", _("Staying with family or friends")
    SHELTER = "shelter", _("Emergency shelter")
    TRANSITIONAL = "transitional", _("Transitional housing")
    CAMP = "camp", _("Encampment")
    ROUGH_SLEEPING = "rough_sleeping", _("Sleeping rough")
    NO_FIXED_ADDRESS = "no_fixed_address", _("No fixed address")
    INSTITUTION = "institution", _("Hospital, treatment or custody")
    UNKNOWN = "unknown", _("Unknown")


class IdentifierType(models.TextChoices):
    NATIONAL_ID = "national_id", _("National ID")
    HEALTH_CARD = "health_card", _("Health card")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance number")
    PASSPORT = "passport", _("Passport")
    AGENCY_CASE = "agency_case", _("Agency case number")


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    PARTNER = "partner", _("Partner / spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    NON_RELATIVE = "non_relative", _("Non-relative")


class DocumentType(models.TextChoices):
    ID_CARD = "id_card", _("Identity card")
    PASSPORT = "passport", _("Passport")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    HEALTH_CARD = "health_card", _("Health card")
    PROOF_OF_INCOME = "proof_of_income", _("Proof of income")
    PROOF_OF_ADDRESS = "proof_of_address", _("Proof of address")
    OTHER = "other", _("Other")


class VerificationMethod(models.TextChoices):
    SEEN_ORIGINAL = "seen_original", _("Original seen in person")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    ISSUER_CHECK = "issuer_check", _("Checked with the issuer")
    NOT_VERIFIED = "not_verified", _("Not verified")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed same person")
    REJECTED = "rejected", _("Not the same person")
    AUTO_LINKED = "auto_linked", _("Linked automatically (above threshold)")

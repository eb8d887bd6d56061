"""Choices of the access module: consent evidence, lawful bases, review outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    WRITTEN = "written", _("Written signature (uploaded scan)")
    VERBAL = "verbal", _("Verbal, with a witness")
    ELECTRONIC = "electronic", _("Electronic, by the person")


class LawfulBasis(models.TextChoices):
    """Why sharing under an agreement is lawful. ``CONSENT`` means the agreement alone
    shares nothing: each person's consent is still needed."""

    CONSENT = "consent", _("Consent of the person (the agreement alone shares nothing)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    CHILD_PROTECTION = "child_protection", _("Child-protection duty")
    VITAL_INTERESTS = "vital_interests", _("Vital interests (risk of serious harm)")
    PUBLIC_TASK = "public_task", _("Public task set in law")


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified: follow up with the staff member")
    ESCALATED = "escalated", _("Escalated to the privacy officer")


class RecordType(models.TextChoices):
    """Kinds of record a configured category can be used on."""

    NOTE = "note", _("Notes on a person's record")

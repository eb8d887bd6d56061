from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseweave.core.choices import JurisdictionKind, OrganisationKind

# Emergency (break-glass) access lasts at least an hour and never more than a day.
BREAK_GLASS_MIN_HOURS = 1
BREAK_GLASS_MAX_HOURS = 24


class Jurisdiction(models.Model):
    """A place that governs services: province > municipality > district or estate."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=JurisdictionKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Jurisdiction]:
        """This jurisdiction's parents, nearest first (the tree is shallow: three levels)."""
        chain: list[Jurisdiction] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Organisation(models.Model):
    """An agency, municipality, NGO or partner whose staff use Caseweave."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("jurisdiction"),
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    break_glass_hours = models.PositiveSmallIntegerField(
        _("emergency access lasts (hours)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(BREAK_GLASS_MIN_HOURS),
            MaxValueValidator(BREAK_GLASS_MAX_HOURS),
        ],
        help_text=_("Empty: the deployment's default (CASEWEAVE_BREAK_GLASS_HOURS)."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(break_glass_hours__isnull=True)
                | models.Q(
                    break_glass_hours__gte=BREAK_GLASS_MIN_HOURS,
                    break_glass_hours__lte=BREAK_GLASS_MAX_HOURS,
                ),
                name="core_organisation_break_glass_hours_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

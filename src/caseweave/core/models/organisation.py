from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caseweave.core.choices import JurisdictionKind, OrganisationKind


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
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

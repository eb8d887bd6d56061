from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from caseweave.access.choices import RecordType


class ConfiguredCategory(models.Model):
    """A deployment-specific sensitivity category a data steward adds beside the fixed ones
    (``access.types.Category``), e.g. immigration status or gambling.

    Keyed by ``slug``, which consents, agreements, notes and audit events store exactly as
    they store a fixed category's value. Never deleted (stored data and audit events name
    it); retiring it stops new use. Whether it is sensitive is fixed when it is created:
    changing it later would silently change who may read what was already recorded.
    """

    slug = models.SlugField(_("code"), max_length=32, unique=True)
    label = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=True,
        help_text=_("Sensitive: only consent, an agreement or break-glass lets others read it."),
    )
    record_types = models.CharField(_("used by"), max_length=200, default=f",{RecordType.NOTE},")
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["label"]
        verbose_name = _("configured category")
        verbose_name_plural = _("configured categories")

    def __str__(self) -> str:
        return self.label

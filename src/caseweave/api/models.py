"""API clients (integrations of one organisation) and their bearer tokens."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    """An integration of one organisation, acting through one staff membership.

    The acting membership gives the client its organisation, role and teams, so the
    access policy treats the integration like that staff member; scopes narrow it further.
    """

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    acting_membership = models.ForeignKey(
        "core.Membership",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("acts as"),
    )
    scopes = models.JSONField(_("scopes"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        "core.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="api_client_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """One bearer secret of a client. Only a SHA-256 hash of the token is stored.

    The token is ``cw_<prefix>_<secret>``; ``prefix`` finds the row, the hash proves the
    secret. The tokens carry 256 bits of randomness, so a fast hash suffices (unlike
    passwords, they cannot be guessed from a dictionary).
    """

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("client")
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    label = models.CharField(_("label"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        "core.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "core.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"cw_{self.prefix}_…"

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"

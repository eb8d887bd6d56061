from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditTamperError(RuntimeError):
    """Someone tried to change or remove an audit event."""


def _refuse(what: str, event_id: int | None = None) -> Exception:
    """Log the attempt (an audit event and an error log line), then return the error to raise.

    The tamper event is written in the caller's transaction: if the caller lets the
    exception roll its transaction back, the error log line still records the attempt.
    """
    from caseweave.audit import recorder

    return recorder.record_tamper_attempt(what, event_id)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise _refuse("update")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refuse("delete")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise _refuse("update")


class AuditEvent(models.Model):
    """One read or write of personal data, a login, a policy decision; never changed.

    Each event carries the hash of the one before it, so a changed, removed or
    inserted row breaks the chain at that point (``caseweave audit verify``).
    Payloads hold ids and field names only, never names, notes or contact details.
    """

    occurred_at = models.DateTimeField(_("when"), db_index=True)
    event_type = models.CharField(_("event"), max_length=64, db_index=True)
    actor_user_id = models.BigIntegerField(_("staff member"), null=True, db_index=True)
    actor_membership_id = models.BigIntegerField(null=True)
    actor_organisation_id = models.BigIntegerField(_("organisation"), null=True)
    actor_role = models.CharField(_("role"), max_length=40, blank=True)
    purpose = models.CharField(_("purpose"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=16, blank=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    person_id = models.UUIDField(_("person"), null=True, db_index=True)
    person_ids = models.JSONField(default=list, blank=True)
    categories = models.JSONField(default=list, blank=True)
    allowed = models.BooleanField(default=True)
    basis = models.CharField(_("basis"), max_length=32, blank=True)
    basis_reference = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.pk} {self.event_type} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise _refuse("update", self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refuse("delete", self.pk)

"""The directory's source of truth: HSDS records, stored in their tabular (CSV) form."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HsdsRecord(models.Model):
    """One row of one HSDS 3.1 table (organization, service, phone, schedule...).

    HSDS's own tabular form is a normalised relational model with UUID ids and
    ``<table>_id`` references, so each record keeps exactly the columns the schema
    defines (``data``), keyed by its stable HSDS id. Keeping the row as HSDS has it,
    rather than re-modelling two dozen objects field by field, is what lets an
    import followed by an export keep every field; searching goes through
    ``ServiceIndex``, which is rebuilt from these rows.
    """

    table = models.CharField(_("HSDS table"), max_length=40)
    hsds_id = models.UUIDField(_("HSDS id"))
    data = models.JSONField(_("fields"), default=dict)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["table", "hsds_id"], name="directory_record_unique_id")
        ]
        verbose_name = _("HSDS record")
        verbose_name_plural = _("HSDS records")

    def __str__(self) -> str:
        return f"{self.table} {self.hsds_id}"


class HsdsLink(models.Model):
    """One reference from a record to another record's id, indexed for reverse lookups.

    Reading one service in full means finding its phones, schedules, locations... by
    the service's id; this table answers that with an index in every database.
    """

    source_table = models.CharField(max_length=40)
    source_id = models.UUIDField()
    column = models.CharField(max_length=40)
    target = models.UUIDField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["source_table", "source_id"], name="directory_link_source")]
        verbose_name = _("HSDS reference")
        verbose_name_plural = _("HSDS references")

    def __str__(self) -> str:
        return f"{self.source_table} {self.source_id}.{self.column} -> {self.target}"


class OrganisationLink(models.Model):
    """A directory organisation run by a platform organisation, so referrals reach real staff.

    Staff of the linked platform organisation maintain its listings.
    """

    directory_organization_id = models.UUIDField(_("directory organisation"), unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="directory_links",
        verbose_name=_("platform organisation"),
    )

    class Meta:
        verbose_name = _("organisation link")
        verbose_name_plural = _("organisation links")

    def __str__(self) -> str:
        return f"{self.directory_organization_id} -> {self.organisation_id}"


class ImportRun(models.Model):
    """One HSDS import, with progress for the page that started it and its final report."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    source = models.CharField(_("source"), max_length=500)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)
    started_by = models.ForeignKey(
        "core.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} ({self.status})"


class ListingReminder(models.Model):
    """When the maintaining organisation was last asked to check a stale listing."""

    service_id = models.UUIDField(_("service"), unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("platform organisation"),
    )
    reminded_at = models.DateTimeField(_("reminded at"))

    class Meta:
        verbose_name = _("stale-listing reminder")
        verbose_name_plural = _("stale-listing reminders")

    def __str__(self) -> str:
        return f"{self.service_id} reminded {self.reminded_at:%Y-%m-%d}"

"""Sources (an agency's list and its saved column mapping), import runs and their rows."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseweave.people.imports.choices import ApplyMode, RowOutcome, RowResult, RunStatus


class ImportSource(models.Model):
    """One agency's client list ("Eastside Shelter intake export"), owned by an organisation.

    Its ``mapping`` (registry field -> column heading) is saved so the next file from the same
    source needs no mapping. Imported people belong to ``organisation`` (its care team), and
    their ``record_id`` is kept as an agency case number issued by :attr:`issuer`.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="people_import_source_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def issuer(self) -> str:
        """Issuer of the source's case numbers: stable per source and never shared by two."""
        return f"import-source:{self.pk}"


class ImportRun(models.Model):
    """One file imported from a source: checked (dry run) first, then applied on request."""

    source = models.ForeignKey(ImportSource, on_delete=models.PROTECT, related_name="runs")
    started_by = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_path = models.CharField(max_length=500, blank=True)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    header = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.MAPPING)
    mode = models.CharField(max_length=16, choices=ApplyMode.choices, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)  # file-level: [{row, column, message}]
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # Last sign of life: set when checking or applying starts and with every progress report,
    # so a run a crashed worker left checking or applying can be told from a running one.
    active_at = models.DateTimeField(default=timezone.now)
    # When the retention purge deleted what the run held of the file (see retention.py).
    expired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} / {self.file_name}"

    @property
    def is_busy(self) -> bool:
        return self.status in {RunStatus.CHECKING, RunStatus.APPLYING}

    @property
    def may_apply(self) -> bool:
        """Checked and not yet stored; an all-or-nothing refusal may be retried, e.g. skipping
        the invalid rows."""
        if self.status == RunStatus.CHECKED:
            return True
        return self.status == RunStatus.REFUSED and bool(self.file_path) and bool(self.checked_at)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0


class ImportRow(models.Model):
    """One data row of the file and what the check (and later the apply) made of it.

    ``values`` holds the row's mapped fields as read from the importer's own file; it is
    cleared once the row is stored in the registry (the registry then holds the data) and kept
    for rejected rows, so their CSV can be downloaded and corrected.
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("row"))  # spreadsheet row; the header is row 1
    record_id = models.CharField(_("case number"), max_length=64, blank=True)
    values = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=16, choices=RowOutcome.choices)
    problems = models.JSONField(default=list, blank=True)  # [{column, message}]
    person_id = models.UUIDField(null=True, blank=True)  # matched, or created at apply
    match_score = models.FloatField(null=True, blank=True)
    match_reasons = models.JSONField(default=list, blank=True)
    result = models.CharField(max_length=16, choices=RowResult.choices, blank=True, default="")

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["run", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "row_number"], name="people_import_row_unique")
        ]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.outcome}"

"""Choices of client-list imports: where a run is, how it applies, what became of each row."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    MAPPING = "mapping", _("Waiting for the column mapping")
    CHECKING = "checking", _("Checking rows against the registry")
    CHECKED = "checked", _("Checked: preview ready")
    APPLYING = "applying", _("Storing")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused: nothing was stored")
    FAILED = "failed", _("Failed: nothing was stored")
    EXPIRED = "expired", _("Expired: never applied; the file and its rows were deleted")


class ApplyMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: store nothing if any row is invalid")
    SKIP_INVALID = "skip_invalid", _("Skip invalid rows: store the valid rows, report the others")


class RowOutcome(models.TextChoices):
    INVALID = "invalid", _("Invalid")
    NEW = "new", _("New person")
    MATCH = "match", _("Matches a registered person")
    POSSIBLE = "possible", _("Possible match: to review")


class RowResult(models.TextChoices):
    PENDING = "", _("Not applied")
    CREATED = "created", _("Registered as a new person")
    ATTACHED = "attached", _("Case number added to the matched person")
    UNCHANGED = "unchanged", _("Nothing new: already in the registry")
    QUEUED = "queued", _("Registered and queued for duplicate review")
    REJECTED = "rejected", _("Rejected")

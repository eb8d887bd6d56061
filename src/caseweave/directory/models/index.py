"""A search index of services, rebuilt from HSDS records whenever they change."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceIndex(models.Model):
    """One service at one location (or a service with no location), flattened for search.

    Columns hold what search filters on in SQL (need, bounding box, language, status,
    visibility); ``schedules`` holds the opening-hours rows for the "open now" check,
    which runs in Python on the few rows SQL leaves.
    """

    service_id = models.UUIDField(db_index=True)
    location_id = models.UUIDField(null=True, blank=True)
    service_at_location_id = models.UUIDField(null=True, blank=True)
    organization_id = models.UUIDField(null=True, blank=True, db_index=True)
    name = models.CharField(max_length=500)
    organization_name = models.CharField(max_length=500, blank=True)
    location_name = models.CharField(max_length=500, blank=True)
    address = models.CharField(max_length=500, blank=True)
    postal_code = models.CharField(max_length=40, blank=True, db_index=True)
    search_text = models.TextField(blank=True)
    languages = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=40, db_index=True)
    internal_only = models.BooleanField(default=False)
    accessible = models.BooleanField(default=False)
    free = models.BooleanField(default=False)
    accepting_referrals = models.BooleanField(null=True)
    slots_available = models.IntegerField(null=True, blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    eligibility = models.JSONField(default=dict)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    schedules = models.JSONField(default=list)
    service_areas = models.JSONField(default=list)
    has_service_area = models.BooleanField(default=False)
    assured_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="directory_index_latlon"),
        ]
        verbose_name = _("service index row")
        verbose_name_plural = _("service index rows")

    def __str__(self) -> str:
        return self.name


class ServiceIndexTerm(models.Model):
    """A taxonomy term (by code and by HSDS id) a service is classified under."""

    row = models.ForeignKey(ServiceIndex, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(max_length=100, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["code", "row"], name="directory_term_code_row")]

    def __str__(self) -> str:
        return self.code

"""Top-level routes: the staff web UI, the JSON API, health probes."""

from django.urls import include, path

from caseweave.api.urls import api_urlpatterns
from caseweave.web import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v1/", include(api_urlpatterns)),
    path("hsds/", include("caseweave.api.hsds.urls")),
    path("", include("caseweave.web.urls")),
]

handler404 = "caseweave.web.errors.not_found"
handler403 = "caseweave.web.errors.forbidden"
handler500 = "caseweave.web.errors.server_error"

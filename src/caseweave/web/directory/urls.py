"""Web routes of the directory module, mounted at /services/."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.directory import imports, views

app_name = "directory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
    path("stale/", views.stale, name="stale"),
    path("<uuid:service_id>/", views.detail, name="detail"),
    path("<uuid:service_id>/readiness/", views.update_readiness, name="update_readiness"),
    path("<uuid:service_id>/verify/", views.verify, name="verify"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/<int:run_id>/", imports.import_detail, name="import_detail"),
]

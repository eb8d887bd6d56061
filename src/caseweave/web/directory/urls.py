"""Web routes of the directory module, mounted at /services/."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.directory import editing, imports, views

app_name = "directory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
    path("stale/", views.stale, name="stale"),
    path("<uuid:service_id>/", views.detail, name="detail"),
    path("<uuid:service_id>/readiness/", views.update_readiness, name="update_readiness"),
    path("<uuid:service_id>/verify/", views.verify, name="verify"),
    path("<uuid:service_id>/edit/", editing.edit, name="edit"),
    path("<uuid:service_id>/edit/terms/", editing.add_term, name="add_term"),
    path("<uuid:service_id>/edit/rules/", editing.save_rules, name="save_rules"),
    path("<uuid:service_id>/edit/<slug:table>/", editing.save_record, name="add_record"),
    path(
        "<uuid:service_id>/edit/<slug:table>/<uuid:record_id>/",
        editing.save_record,
        name="save_record",
    ),
    path(
        "<uuid:service_id>/edit/<slug:table>/<uuid:record_id>/remove/",
        editing.remove_record,
        name="remove_record",
    ),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/<int:run_id>/", imports.import_detail, name="import_detail"),
]

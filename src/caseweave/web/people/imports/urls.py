"""Pages for importing another agency's client list."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.people.imports import views

app_name = "people_imports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.import_list, name="list"),
    path("<int:run_id>/", views.detail, name="detail"),
    path("<int:run_id>/mapping/", views.mapping, name="mapping"),
    path("<int:run_id>/apply/", views.apply, name="apply"),
    path("<int:run_id>/rejected.csv", views.rejected, name="rejected"),
]

"""Routes of the HSDS 3.1 API, mounted at /hsds/."""

from django.urls import path

from caseweave.api.hsds import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.services, name="services"),
    path("services/<uuid:service_id>", views.service_detail, name="service"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<uuid:sal_id>",
        views.service_at_location_detail,
        name="service_at_location",
    ),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<uuid:organization_id>", views.organization_detail, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<uuid:taxonomy_id>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<uuid:term_id>", views.taxonomy_term_detail, name="taxonomy_term"),
]

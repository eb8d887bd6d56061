"""Web routes of the people module."""

from django.urls import URLPattern, URLResolver, include, path

from caseweave.web.people import views

app_name = "people"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search, name="search"),
    path("list/", views.people_list, name="list"),
    path("register/", views.register, name="register"),
    path("register/check/", views.register_check, name="register_check"),
    path("duplicates/", views.review_queue, name="review_queue"),
    path("duplicates/<int:candidate_id>/", views.review_decide, name="review_decide"),
    path("imports/", include("caseweave.web.people.imports.urls")),
    path("", include("caseweave.web.people.records.urls")),
    path("<uuid:person_id>/", views.detail, name="detail"),
    path("<uuid:person_id>/notes/", views.note_add, name="note_add"),
]

"""Pages for editing persons and households and for their documents."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.people.records import documents, edit, households, photo

app_name = "people_records"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<uuid:person_id>/edit/", edit.person_edit, name="person_edit"),
    path("<uuid:person_id>/edit/names/", edit.name_add, name="name_add"),
    path("<uuid:person_id>/edit/names/<int:name_id>/end/", edit.name_end, name="name_end"),
    path("<uuid:person_id>/edit/contacts/", edit.contact_add, name="contact_add"),
    path(
        "<uuid:person_id>/edit/contacts/<int:contact_id>/end/",
        edit.contact_end,
        name="contact_end",
    ),
    path(
        "<uuid:person_id>/edit/contacts/<int:contact_id>/flags/",
        edit.contact_flags,
        name="contact_flags",
    ),
    path("<uuid:person_id>/edit/identifiers/", edit.identifier_add, name="identifier_add"),
    path(
        "<uuid:person_id>/edit/identifiers/<int:identifier_id>/end/",
        edit.identifier_end,
        name="identifier_end",
    ),
    path("<uuid:person_id>/edit/housing/", edit.residence_add, name="residence_add"),
    path("<uuid:person_id>/households/new/", households.household_create, name="household_create"),
    path("households/<uuid:household_id>/", households.household, name="household"),
    path("households/<uuid:household_id>/members/", households.member_add, name="member_add"),
    path(
        "households/<uuid:household_id>/members/<uuid:person_id>/leave/",
        households.member_leave,
        name="member_leave",
    ),
    path(
        "households/<uuid:household_id>/members/<uuid:person_id>/primary/",
        households.primary_contact_set,
        name="primary_contact_set",
    ),
    path("<uuid:person_id>/photo/", photo.photo, name="photo"),
    path("<uuid:person_id>/edit/photo/", photo.photo_set, name="photo_set"),
    path("<uuid:person_id>/edit/photo/remove/", photo.photo_remove, name="photo_remove"),
    path("<uuid:person_id>/documents/", documents.documents, name="documents"),
    path(
        "<uuid:person_id>/documents/<int:document_id>/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "<uuid:person_id>/documents/<int:document_id>/verify/",
        documents.document_verify,
        name="document_verify",
    ),
    path(
        "<uuid:person_id>/documents/<int:document_id>/end/",
        documents.document_end,
        name="document_end",
    ),
]

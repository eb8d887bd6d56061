"""Web routes of the access module."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.access import categories, consents, person, stewardship

app_name = "access"

urlpatterns: list[URLPattern | URLResolver] = [
    path("consents/", consents.consent_list, name="consent_list"),
    path("consents/<int:consent_id>/receipt/", consents.consent_receipt, name="consent_receipt"),
    path("consents/<int:consent_id>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
    path("people/<uuid:person_id>/consents/", consents.person_consents, name="person_consents"),
    path("people/<uuid:person_id>/consents/new/", consents.consent_create, name="consent_create"),
    path("people/<uuid:person_id>/care-team/", person.care_team, name="care_team"),
    path("people/<uuid:person_id>/care-team/join/", person.care_team_join, name="care_team_join"),
    path("care-team/<int:member_id>/leave/", person.care_team_leave, name="care_team_leave"),
    path("people/<uuid:person_id>/break-glass/", person.break_glass, name="break_glass"),
    path("people/<uuid:person_id>/access-report/", person.access_report, name="access_report"),
    path(
        "people/<uuid:person_id>/access-report/print/",
        person.access_report_print,
        name="access_report_print",
    ),
    path("reviews/", stewardship.review_queue, name="review_queue"),
    path("reviews/<int:grant_id>/", stewardship.review_detail, name="review_detail"),
    path("agreements/", stewardship.agreement_list, name="agreement_list"),
    path("agreements/<int:agreement_id>/end/", stewardship.agreement_end, name="agreement_end"),
    path("templates/", stewardship.template_list, name="template_list"),
    path("reports/", stewardship.reports, name="reports"),
    path("categories/", categories.category_list, name="category_list"),
    path("categories/<int:category_id>/", categories.category_edit, name="category_edit"),
]

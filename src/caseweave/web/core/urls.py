"""Web routes of the core module: the data steward's and administrator's pages."""

from django.urls import URLPattern, URLResolver, path

from caseweave.web.core import lockouts, organisations, staff

app_name = "core"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", organisations.organisation_list, name="organisation_list"),
    path("new/", organisations.organisation_create, name="organisation_create"),
    path("<int:organisation_id>/", organisations.organisation_detail, name="organisation_detail"),
    path("<int:organisation_id>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "<int:organisation_id>/active/",
        organisations.organisation_set_active,
        name="organisation_set_active",
    ),
    path("<int:organisation_id>/staff/new/", staff.membership_create, name="membership_create"),
    path("memberships/<int:membership_id>/end/", staff.membership_end, name="membership_end"),
    path("jurisdictions/", staff.jurisdiction_tree, name="jurisdiction_tree"),
    path("teams/", staff.team_list, name="team_list"),
    path("teams/<int:team_id>/", staff.team_detail, name="team_detail"),
    path(
        "teams/<int:team_id>/members/<int:membership_id>/remove/",
        staff.team_member_remove,
        name="team_member_remove",
    ),
    path("locked-accounts/", lockouts.locked_account_list, name="locked_accounts"),
    path("locked-accounts/unlock/", lockouts.account_unlock, name="account_unlock"),
    path(
        "staff/<int:user_id>/two-factor-reset/",
        lockouts.two_factor_reset,
        name="two_factor_reset",
    ),
]

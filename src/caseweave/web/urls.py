"""The staff web UI. Each module's pages live under web/<module>/ and are included here."""

from django.urls import include, path
from django.views.i18n import set_language

from caseweave.web import views
from caseweave.web.auth import two_factor
from caseweave.web.auth import views as auth_views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.logout_view, name="logout"),
    path("login/verify/", two_factor.verify, name="two_factor_verify"),
    path("login/enrol/", two_factor.enrol, name="two_factor_enrol"),
    path("acting-as/", views.switch_membership, name="switch_membership"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api-docs/", views.api_docs, name="api_docs"),
    path("organisations/", include("caseweave.web.core.urls")),
    path("access/", include("caseweave.web.access.urls")),
    path("people/", include("caseweave.web.people.urls")),
    path("services/", include("caseweave.web.directory.urls")),
    path("api-clients/", include("caseweave.web.apiclients.urls")),
]

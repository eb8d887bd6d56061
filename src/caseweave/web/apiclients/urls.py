"""Web routes for managing API clients and tokens (data stewards, administrators)."""

from django.urls import path

from caseweave.web.apiclients import views

app_name = "apiclients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("<int:client_id>/", views.client_detail, name="detail"),
    path("<int:client_id>/tokens/", views.token_issue, name="token_issue"),
    path("<int:client_id>/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("<int:client_id>/deactivate/", views.client_deactivate, name="deactivate"),
]

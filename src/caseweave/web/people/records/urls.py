"""Pages for editing persons and households and for their documents."""

from django.urls import URLPattern, URLResolver

app_name = "people_records"

urlpatterns: list[URLPattern | URLResolver] = []

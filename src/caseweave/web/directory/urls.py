"""Web routes of the directory module."""

from django.urls import URLPattern, URLResolver

app_name = "directory"

urlpatterns: list[URLPattern | URLResolver] = []

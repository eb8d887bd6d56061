"""Web routes of the core module."""

from django.urls import URLPattern, URLResolver

app_name = "core"

urlpatterns: list[URLPattern | URLResolver] = []

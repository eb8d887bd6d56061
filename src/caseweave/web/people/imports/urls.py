"""Pages for importing another agency's client list."""

from django.urls import URLPattern, URLResolver

app_name = "people_imports"

urlpatterns: list[URLPattern | URLResolver] = []

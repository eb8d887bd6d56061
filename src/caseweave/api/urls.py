from django.urls import URLPattern, URLResolver, path

from caseweave.api.main import api

api_urlpatterns: list[URLPattern | URLResolver] = [path("", api.urls)]

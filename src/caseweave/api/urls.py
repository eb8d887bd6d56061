from django.urls import URLPattern, URLResolver, path

from caseweave.api.main import api
from caseweave.api.problems import wrap_not_allowed

_patterns, _app_name, _namespace = api.urls
wrap_not_allowed(_patterns)

api_urlpatterns: list[URLPattern | URLResolver] = [path("", (_patterns, _app_name, _namespace))]

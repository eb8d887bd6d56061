from types import ModuleType

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "caseweave.api"
    label = "api"
    verbose_name = "JSON API"
    default_auto_field = "django.db.models.BigAutoField"
    port: ModuleType

    def ready(self) -> None:
        # The web UI manages API clients through this, not by importing caseweave.api.
        from caseweave.api import port

        self.port = port

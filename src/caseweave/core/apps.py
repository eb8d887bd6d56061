from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "caseweave.core"
    label = "core"
    verbose_name = "Organisations and staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from caseweave.core import checks, signals  # noqa: F401  (registers checks and receivers)

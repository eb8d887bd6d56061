from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "caseweave.access"
    label = "access"
    verbose_name = "Access and consent"
    default_auto_field = "django.db.models.BigAutoField"

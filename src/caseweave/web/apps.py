from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "caseweave.web"
    label = "web"
    verbose_name = "Web interface"
    default_auto_field = "django.db.models.BigAutoField"

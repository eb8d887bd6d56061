from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "caseweave.directory"
    label = "directory"
    verbose_name = "Service directory"
    default_auto_field = "django.db.models.BigAutoField"

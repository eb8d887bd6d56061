from django.apps import AppConfig


class PeopleImportsConfig(AppConfig):
    name = "caseweave.people.imports"
    label = "people_imports"
    verbose_name = "People imports"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "caseweave.people"
    label = "people"
    verbose_name = "People"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from caseweave.people.records import configure_matching

        configure_matching()

"""A B-tree index on the folded search names: the trigram fallback looks the exact name up
first, and skips the trigram scan for a name stored many times (PostgreSQL only, as the
trigram fallback is)."""

from django.db import migrations

FOLDED_INDEX = "people_searchname_folded"


def create_folded_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {FOLDED_INDEX} ON people_personsearchname (folded)"
        )


def drop_folded_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {FOLDED_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_search_names_trigram_and_fitted_model"),
    ]

    operations = [
        migrations.RunPython(create_folded_index, drop_folded_index),
    ]

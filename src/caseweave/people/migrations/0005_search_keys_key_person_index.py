"""An index on (key, person_id) of the search keys: candidate lookup counts the keys each
person shares with the query from the index alone (an index-only scan on PostgreSQL),
instead of fetching every matching row from the table (17,000 rows, 24-40 ms at 1M for
common name codes)."""

from django.db import migrations

KEY_PERSON_INDEX = "people_searchkey_key_person"


def create_key_person_index(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {KEY_PERSON_INDEX} ON people_personsearchkey (key, person_id)"
    )


def drop_key_person_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {KEY_PERSON_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_search_names_folded_btree"),
    ]

    operations = [
        migrations.RunPython(create_key_person_index, drop_key_person_index),
    ]

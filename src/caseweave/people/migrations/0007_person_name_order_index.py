"""An index in the people list's order (family names, given names, id): a page is read in
order from the index and stops after its rows, instead of sorting the whole registry; the
next page starts from the last person shown (``selectors.people_list``)."""

from django.db import migrations

NAME_ORDER_INDEX = "people_person_name_order"


def create_name_order_index(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME_ORDER_INDEX} "
        "ON people_person (family_names, given_names, id)"
    )


def drop_name_order_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME_ORDER_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_search_spellings"),
    ]

    operations = [
        migrations.RunPython(create_name_order_index, drop_name_order_index),
    ]

"""A migration the test database has not applied: readiness must report it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_clients_and_tokens")]
    operations: list[migrations.operations.base.Operation] = []

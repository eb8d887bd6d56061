"""The real first migration of the api app, re-exported under the same name."""

import importlib

Migration = importlib.import_module(
    "caseweave.api.migrations.0001_api_clients_and_tokens"
).Migration

"""The import API: upload, poll, rows with row and column, apply, and other organisations."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caseweave.people.choices import IdentifierType
from caseweave.people.inputs import IdentifierInput
from caseweave.people.models import Person
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FILE = (
    "record_id,given_names,family_names,birth_date,ca_sin\n"
    "E-1,Aco,Petrovic,1987-03-12,046 454 286\n"
    "E-2,Ana,Horvat,1990-02-31,\n"
    "E-3,Tomasz,Zielinski,1970-10-10,\n"
)


@pytest.fixture
def api(personas: Any, client_for: Any, settings: Any, tmp_path: Any) -> Any:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = str(tmp_path)
    return client_for(personas["caseworker"])


def _upload(api: Any, text: str = FILE, **extra: str) -> Any:
    upload = SimpleUploadedFile("eastside.csv", text.encode(), content_type="text/csv")
    return api.post(reverse("api:import_create"), {"file": upload, "source": "Eastside", **extra})


def test_upload_check_rows_and_apply(
    api: Any, make_persona: Any, other_organisation: Any, django_capture_on_commit_callbacks: Any
) -> None:
    elsewhere = make_persona("caseworker_elsewhere", other_organisation, "caseworker")
    known = register(
        elsewhere.actor, given_names="Aleksandar", family_names="Petrović",
        birth="1987-03-12",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(api)
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    run = api.get(reverse("api:import_detail", args=[run_id])).json()
    assert run["status"] == "checked"
    outcomes = {key: count for key, count in run["counts"].items() if "result" not in key}
    assert outcomes == {"new": 1, "match": 1, "possible": 0, "invalid": 1}
    rows = api.get(reverse("api:import_rows", args=[run_id])).json()["items"]
    assert rows[0]["outcome"] == "match"
    # The other agency's person is outside the caseworker's access: a limited record, no id.
    assert (rows[0]["person_id"], rows[0]["limited"]) == (None, True)
    assert rows[1]["problems"][0]["column"] == "birth_date"
    invalid = api.get(reverse("api:import_rows", args=[run_id]), {"outcome": "invalid"}).json()
    assert [row["row"] for row in invalid["items"]] == [3]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            reverse("api:import_apply", args=[run_id]),
            {"mode": "all_or_nothing"},
            content_type="application/json",
        )
    assert response.status_code == 202
    run = api.get(reverse("api:import_detail", args=[run_id])).json()
    assert run["status"] == "refused" and "nothing was stored" in run["error"]
    assert Person.objects.for_system("test").count() == 1
    assert known.id


def test_missing_columns_are_named_and_a_mapping_fixes_them(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    text = "Nr,Vorname,Nachname\nK-1,Ana,Horvat\n"
    response = _upload(api, text)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mapping"
    assert "record_id" in response.json()["errors"][0]["detail"]
    from caseweave.people.imports.models import ImportRun

    run_id = ImportRun.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        response = api.put(
            reverse("api:import_mapping", args=[run_id]),
            {"mapping": {"record_id": "Nr", "given_names": "Vorname", "family_names": "Nachname"}},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert api.get(reverse("api:import_detail", args=[run_id])).json()["counts"]["new"] == 1


def test_another_organisations_run_is_not_found(
    api: Any, make_persona: Any, other_organisation: Any, client_for: Any
) -> None:
    assert _upload(api).status_code == 201
    from caseweave.people.imports.models import ImportRun

    run_id = ImportRun.objects.get().pk
    outsider = client_for(make_persona("caseworker_elsewhere", other_organisation, "caseworker"))
    assert outsider.get(reverse("api:import_detail", args=[run_id])).status_code == 404
    assert outsider.get(reverse("api:import_rows", args=[run_id])).status_code == 404


def test_an_unreadable_file_is_a_refused_run_naming_the_line(api: Any) -> None:
    upload = SimpleUploadedFile("l.csv", "record_id,given_names\n1,José\n".encode("cp1252"))
    response = api.post(reverse("api:import_create"), {"file": upload, "source": "Eastside"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "refused"
    assert body["problems"][0]["row"] == 2
    assert "not valid utf-8" in body["problems"][0]["message"]


def test_an_expired_run_says_so_and_has_no_rows(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from caseweave.access.types import Actor
    from caseweave.people.imports.retention import imports_purge

    with django_capture_on_commit_callbacks(execute=True):
        run_id = _upload(api).json()["id"]
    imports_purge(actor=Actor.system("test"), now=timezone.now() + timedelta(days=30))
    run = api.get(reverse("api:import_detail", args=[run_id])).json()
    assert run["status"] == "expired" and run["expired_at"]
    assert api.get(reverse("api:import_rows", args=[run_id])).json()["items"] == []
    refused = api.post(
        reverse("api:import_apply", args=[run_id]), {"mode": "skip_invalid"},
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 422

"""A caseworker uploads a client list, maps it, previews it, applies it and gets the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caseweave.audit.models import AuditEvent
from caseweave.people.choices import IdentifierType
from caseweave.people.imports.models import ImportRun
from caseweave.people.inputs import IdentifierInput
from caseweave.people.models import Person
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FILE = (
    "Client ID,First name,Surname,DOB,SIN\n"
    "E-1,Aco,Petrovic,1987-03-12,046 454 286\n"
    "E-2,Ana,Horvat,1990-02-31,\n"
    "E-3,Tomasz,Zielinski,1970-10-10,\n"
)


@pytest.fixture
def setup(personas: Any, client_for: Any, settings: Any, tmp_path: Any) -> Any:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = str(tmp_path)
    known = register(
        personas["caseworker"].actor, given_names="Aleksandar", family_names="Petrović",
        birth="1987-03-12",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )  # fmt: skip
    return client_for(personas["caseworker"]), known


def test_upload_map_preview_apply_and_download_rejected_rows(
    setup: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client, known = setup
    upload = SimpleUploadedFile("eastside.csv", FILE.encode(), content_type="text/csv")
    response = client.post(
        reverse("web:people:people_imports:list"),
        {"source": "Eastside Shelter intake export", "file": upload, "encoding": ""},
    )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    page = client.get(response["Location"])
    assert 'value="Client ID" selected' in page.content.decode()  # guessed mapping
    mapping = {"record_id": "Client ID", "given_names": "First name",
               "family_names": "Surname", "birth_date": "DOB", "ca_sin": "SIN"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:people:people_imports:mapping", args=[run.pk]), mapping)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Checked: preview ready" in page
    assert "Aleksandar Petrović" in page  # the match, visible to this caseworker
    assert "same social insurance number" in page
    assert "column “DOB”" in page
    csv_text = client.get(reverse("web:people:people_imports:rejected", args=[run.pk]))
    lines = csv_text.content.decode().splitlines()
    assert lines[0] == "row,record_id,given_names,family_names,birth_date,ca_sin,problems"
    assert lines[1].startswith("3,E-2,Ana,Horvat,1990-02-31,,DOB: birth date")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:people:people_imports:apply", args=[run.pk]),
                    {"mode": "skip_invalid"})  # fmt: skip
    run.refresh_from_db()
    assert run.status == "done"
    uploaded, requested = (
        AuditEvent.objects.get(event_type=event)
        for event in ("people_import.uploaded", "people_import.apply_requested")
    )
    assert uploaded.object_id == requested.object_id == str(run.pk)
    assert requested.payload["mode"] == "skip_invalid"
    assert uploaded.actor_membership_id == run.started_by_id
    imported = AuditEvent.objects.get(event_type="people.imported")
    assert imported.actor_organisation_id == run.source.organisation_id
    assert (run.counts["result_created"], run.counts["result_attached"]) == (1, 1)
    assert Person.objects.for_system("test").count() == 2
    page = client.get(reverse("web:people:people_imports:detail", args=[run.pk])).content.decode()
    assert "Tomasz Zielinski" in page  # created, now the caseworker's organisation's person


def test_a_bad_upload_names_the_problem(setup: Any) -> None:
    client, _ = setup
    upload = SimpleUploadedFile("list.pdf", b"%PDF", content_type="application/pdf")
    response = client.post(reverse("web:people:people_imports:list"),
                           {"source": "Eastside", "file": upload})  # fmt: skip
    assert response.status_code == 422
    assert "Use a .csv or .xlsx file." in response.content.decode()


def test_an_unreadable_file_shows_the_line(setup: Any) -> None:
    client, _ = setup
    upload = SimpleUploadedFile("l.csv", "record_id,given_names\n1,José\n".encode("cp1252"))
    response = client.post(reverse("web:people:people_imports:list"),
                           {"source": "Eastside", "file": upload})  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "line 2 is not valid utf-8" in page


def test_the_progress_fragment_polls_while_busy(setup: Any) -> None:
    client, _ = setup
    upload = SimpleUploadedFile("eastside.csv", FILE.encode(), content_type="text/csv")
    client.post(reverse("web:people:people_imports:list"), {"source": "E", "file": upload})
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status="checking", processed=1, total=3)
    fragment = client.get(
        reverse("web:people:people_imports:detail", args=[run.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress id="import-bar" max="3" value="1">' in fragment
    assert "<html" not in fragment


def _uploaded_and_checked(client: Any, django_capture_on_commit_callbacks: Any) -> ImportRun:
    upload = SimpleUploadedFile("eastside.csv", FILE.encode(), content_type="text/csv")
    client.post(
        reverse("web:people:people_imports:list"),
        {"source": "Eastside Shelter intake export", "file": upload, "encoding": ""},
    )
    run = ImportRun.objects.get()
    mapping = {"record_id": "Client ID", "given_names": "First name",
               "family_names": "Surname", "birth_date": "DOB", "ca_sin": "SIN"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:people:people_imports:mapping", args=[run.pk]), mapping)
    return ImportRun.objects.get()


def test_an_expired_run_shows_as_expired(
    setup: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A run the retention purge expired says so; its rows and download are gone, no crash."""
    from datetime import timedelta

    from django.utils import timezone

    from caseweave.access.types import Actor
    from caseweave.people.imports.retention import imports_purge

    client, _known = setup
    run = _uploaded_and_checked(client, django_capture_on_commit_callbacks)
    imports_purge(actor=Actor.system("test"), now=timezone.now() + timedelta(days=30))
    page = client.get(reverse("web:people:people_imports:detail", args=[run.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-status="expired"' in text and "never applied, so its file" in text
    assert "Aco" not in text and "Apply the import" not in text
    assert reverse("web:people:people_imports:rejected", args=[run.pk]) not in text
    listing = client.get(reverse("web:people:people_imports:list")).content.decode()
    assert "Expired: never applied" in listing
    response = client.get(reverse("web:people:people_imports:rejected", args=[run.pk]))
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "deleted after the retention period" in followed

"""The UI shell speaks French: switcher, sign-in, home pages, admin pages, labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from caseweave.core.choices import OrganisationKind, Role
from caseweave.core.tests.factories import TEST_PASSWORD

SOURCE = Path(__file__).resolve().parents[2] / "src" / "caseweave"
PO_FILE = SOURCE / "locale" / "fr" / "LC_MESSAGES" / "django.po"
SHELL = (
    "web/templates/web/base.html",
    "web/templates/web/auth/",
    "web/templates/web/home/",
    "web/templates/web/errors/",
    "web/templates/web/core/",
    "web/auth/",
    "web/core/",
    "web/home.py",
    "core/choices.py",
)


def _untranslated_shell_messages() -> list[str]:
    missing = []
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        references = " ".join(re.findall(r"^#: (.*)$", block, re.MULTILINE)).split()
        if not any(reference.startswith(SHELL) for reference in references):
            continue
        if re.search(r'^msgstr(\[\d\])? ""\n?(?!")', block + "\n", re.MULTILINE):
            missing.append(block.split("msgid ", 1)[1].splitlines()[0])
    return missing


def test_every_shell_message_has_a_french_translation() -> None:
    assert PO_FILE.with_suffix(".mo").exists(), "compile django.po to django.mo and commit it"
    assert not _untranslated_shell_messages()


def test_role_and_organisation_kind_labels_are_french() -> None:
    with translation.override("fr"):
        assert str(Role.DATA_STEWARD.label) == "Intendant des données"
        assert str(OrganisationKind.HEALTH_AUTHORITY.label) == "Autorité sanitaire"


@pytest.mark.django_db
def test_choosing_french_turns_sign_in_and_home_into_french(personas) -> None:
    client = Client()
    client.post(reverse("web:set_language"), {"language": "fr", "next": "/login/"})
    login_page = client.get(reverse("web:login"))
    assert 'lang="fr"' in login_page.content.decode()
    assert "Se connecter" in login_page.content.decode()
    assert "Adresse courriel" in login_page.content.decode()

    client.post(
        reverse("web:login"),
        {"username": personas["outreach_worker"].user.email, "password": TEST_PASSWORD},
    )
    home = client.get(reverse("web:home")).content.decode()
    assert "Votre journée de proximité" in home
    assert "Intervenant de proximité" in home
    assert "Aller au contenu principal" in home

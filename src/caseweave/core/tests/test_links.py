from __future__ import annotations

from uuid import UUID

from caseweave.core.links import absolute_url

SERVICE = UUID("00000000-0000-4000-8000-000000000001")


def test_emailed_links_carry_the_site_address(settings) -> None:
    settings.CASEWEAVE_SITE_URL = "https://caseweave.example.org"
    assert absolute_url("web:directory:detail", service_id=SERVICE) == (
        f"https://caseweave.example.org/services/{SERVICE}/"
    )


def test_without_a_site_address_the_link_is_the_path(settings) -> None:
    settings.CASEWEAVE_SITE_URL = ""
    assert absolute_url("web:directory:stale").startswith("/services/")

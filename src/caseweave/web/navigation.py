"""The main menu. Each module adds its entries here, guarded by a module permission."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None = None


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "web:home"),
    NavItem(_("People"), "web:people:search", "people.view_people"),
    NavItem(_("Services"), "web:directory:search", "directory.view_directory"),
    NavItem(_("Consents"), "web:access:consent_list", "access.manage_consents"),
    NavItem(_("Access reviews"), "web:access:review_queue", "access.review_break_glass"),
    NavItem(_("Organisations"), "web:core:organisation_list", "core.manage_organisations"),
    NavItem(_("API clients"), "web:apiclients:list", "api.manage_tokens"),
    NavItem(_("API"), "web:api_docs"),
]


def navigation_for(user: Any) -> list[dict[str, str]]:
    items = []
    for item in NAV_ITEMS:
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # the module providing this page is not installed in this build
        items.append({"label": str(item.label), "url": url, "url_name": item.url_name})
    return items

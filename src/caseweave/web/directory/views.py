"""Directory pages: search (list and map), a service's page, and its organisation's edits."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.directory import actions, selectors
from caseweave.directory.errors import InvalidListing, ListingNotFound, NotAllowed
from caseweave.directory.person_place import PersonPlace, person_place
from caseweave.directory.publishing import directory_is_public
from caseweave.web.decorators import staff_view
from caseweave.web.directory.forms import ReadinessForm, SearchForm

View = Callable[..., HttpResponse]


def directory_view(view: View) -> View:
    """Staff with ``directory.view_directory``; anyone when the directory is public."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = getattr(request, "actor", None)
        if not request.user.is_authenticated:
            if not directory_is_public():
                return redirect_to_login(request.get_full_path())
            return view(request, None, *args, **kwargs)
        if actor is None or not request.user.has_perm("directory.view_directory"):
            raise PermissionDenied
        return view(request, actor, *args, **kwargs)

    return wrapped


def manager_view(view: View) -> View:
    """Staff with ``directory.manage_listings``; the action checks the organisation runs it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = getattr(request, "actor", None)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if actor is None or not request.user.has_perm("directory.manage_listings"):
            raise PermissionDenied
        try:
            return view(request, actor, *args, **kwargs)
        except ListingNotFound as error:
            raise Http404 from error
        except NotAllowed as error:
            raise PermissionDenied from error

    return wrapped


def _person_place(form: SearchForm, actor: Actor | None) -> PersonPlace | None:
    """The person's home as a point, or None with the reason on the form (the same words
    whether the person is hidden from the actor or does not exist)."""
    try:
        if actor is None:
            raise NotFound
        place = person_place(actor=actor, person_id=form.cleaned_data["person"])
    except NotFound:
        form.add_error("person", _("This person's address is not available to you."))
        return None
    if place is None:
        form.add_error("person", _("This person has no current address to measure from."))
    return place


def _query(form: SearchForm, actor: Actor | None) -> selectors.ServiceQuery | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    point: tuple[float, float] | None = None
    home: PersonPlace | None = None
    if data.get("person"):
        home = _person_place(form, actor)
        if home is None:
            return None
        point = (home.latitude, home.longitude)
    elif data.get("latitude") is not None and data.get("longitude") is not None:
        point = (data["latitude"], data["longitude"])
    elif data.get("site"):
        point = selectors.location_point(str(data["site"]))
    elif data.get("postcode"):
        point = selectors.postcode_point(data["postcode"])
        if point is None:
            form.add_error("postcode", _("No service in the directory has this postal code."))
            return None
    person = None
    facts = ("age", "jurisdiction", "household_type", "home_postcode")
    if home is not None or any(data.get(k) not in (None, "") for k in facts):
        person = selectors.PersonFacts(
            age=data.get("age"),
            jurisdiction=data.get("jurisdiction") or "",
            household_type=data.get("household_type") or "",
            postcode=(home.postcode if home else "") or data.get("home_postcode") or "",
            postcode_private=bool(home and home.postcode),
        )
    return selectors.ServiceQuery(
        text=data.get("q") or "",
        needs=(data["need"],) if data.get("need") else (),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        radius_km=data.get("radius_km") or 10.0,
        language=data.get("language") or "",
        accessible=bool(data.get("accessible")),
        free=bool(data.get("free")),
        eligible_for=person,
        open_at=timezone.now() if data.get("open_now") else None,
        accepting_referrals=bool(data.get("accepting")),
    )


@directory_view
def search(request: HttpRequest, actor: Actor | None) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits = None
    if request.GET:
        query = _query(form, actor)
        hits = selectors.service_search(actor=actor, query=query) if query else None
    context = {
        "form": form,
        "hits": hits,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    template = (
        "web/directory/_results.html"
        if getattr(request, "htmx", False)
        else "web/directory/search.html"
    )
    return render(request, template, context)


@directory_view
def detail(request: HttpRequest, actor: Actor | None, service_id: Any) -> HttpResponse:
    service = selectors.service_get(actor=actor, service_id=str(service_id))
    rows = selectors.service_facts(actor=actor, service_id=str(service_id))
    if service is None or not rows:
        raise Http404
    zone = getattr(settings, "CASEWEAVE_DIRECTORY_TIME_ZONE", "") or settings.TIME_ZONE
    from caseweave.directory.schedules import is_open

    manages = actor is not None and str(
        rows[0].organization_id
    ) in selectors.organisations_managed_by(actor)
    form = None
    if manages and request.user.has_perm("directory.manage_listings"):
        eligibility = rows[0].eligibility or {}
        form = ReadinessForm(
            initial={
                "accepting_referrals": "paused" if rows[0].accepting_referrals is False else "yes",
                "slots_available": rows[0].slots_available,
                "waitlist_length": eligibility.get("waitlist_length"),
                "expected_wait_days": eligibility.get("expected_wait_days"),
                "intake_method": eligibility.get("intake_method", ""),
                "visibility": "internal" if rows[0].internal_only else "public",
            }
        )
    context = {
        "service": service,
        "rows": rows,
        "open_now": is_open(rows[0].schedules, timezone.now(), zone),
        "form": form,
        "stale": selectors.stale_listings().filter(service_id=str(service_id)).exists(),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "web/directory/detail.html", context)


@require_POST
@manager_view
def update_readiness(request: HttpRequest, actor: Actor, service_id: Any) -> HttpResponse:
    form = ReadinessForm(request.POST)
    if form.is_valid():
        try:
            changed = actions.listing_update_readiness(
                actor=actor, service_id=str(service_id), values=form.values()
            )
        except InvalidListing as error:
            for field, problems in error.errors.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("web:directory:detail", service_id=service_id)
    rows = selectors.service_facts(actor=actor, service_id=str(service_id))
    service = selectors.service_get(actor=actor, service_id=str(service_id))
    if service is None:
        raise Http404
    return render(
        request,
        "web/directory/detail.html",
        {"service": service, "rows": rows, "form": form},
        status=400,
    )


@require_POST
@manager_view
def verify(request: HttpRequest, actor: Actor, service_id: Any) -> HttpResponse:
    actions.listing_verify(actor=actor, service_id=str(service_id))
    messages.success(request, _("Marked as checked today."))
    if request.POST.get("back") == "stale":
        return redirect("web:directory:stale")
    return redirect("web:directory:detail", service_id=service_id)


@staff_view("directory.manage_listings")
def stale(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The listings the actor's organisation runs that need checking."""
    context = {
        "listings": selectors.stale_listings_managed_by(actor),
        "all_listings": selectors.listings_managed_by(actor),
        "months": settings.CASEWEAVE_DIRECTORY_STALE_MONTHS,
    }
    return render(request, "web/directory/stale.html", context)

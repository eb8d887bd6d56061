"""Scoring registration candidates with the registry's own Fellegi-Sunter model.

Duplicate detection (the nightly task and ``caseweave people find-duplicates``) fits the
model by EM on the whole registry; ``save_fitted_model`` keeps the result in the database
(``FittedMatchModel``), so every web worker and every server of a deployment ranks with
the same parameters and the model is backed up with the registry. ``registry_model``
returns the newest one fitted on at least ``MIN_TRAINED_ON`` people (EM on a handful of
people estimates nothing useful), looked up at most once a minute per process, and
otherwise the default model shipped in ``people/data/default_match_model.json`` (fitted
on the synthetic demo registry, without its name frequencies).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from caseweave.people.matching import MatchModel, MatchResult, PersonRecord
from caseweave.people.models import FittedMatchModel

DEFAULT_MODEL = Path(__file__).parent / "data" / "default_match_model.json"
MIN_TRAINED_ON = 1_000
RECHECK_SECONDS = 60.0
MODELS_KEPT = 5

# What staff read for each comparison outcome; outcomes not listed are not shown.
REASONS: dict[str, Promise] = {
    "name.swapped": _("given and family names are in swapped order"),
    "given_name.exact": _("given name agrees"),
    "given_name.token": _("one of the given names agrees"),
    "given_name.nickname": _("name agrees allowing for nicknames"),
    "given_name.similar": _("given name is spelled similarly"),
    "given_name.different": _("given name differs"),
    "family_name.exact": _("family name agrees"),
    "family_name.token": _("part of the family name agrees"),
    "family_name.similar": _("family name is spelled similarly"),
    "family_name.different": _("family name differs"),
    "birth_date.exact": _("birth date agrees"),
    "birth_date.partial": _("birth date agrees as far as both are known"),
    "birth_date.swapped": _("birth date has day and month swapped"),
    "birth_date.typo": _("birth date differs by one digit"),
    "birth_date.same_year": _("birth year agrees"),
    "birth_date.different": _("birth date differs"),
    "sex.different": _("sex differs"),
    "phone.same": _("same phone number"),
    "email.same": _("same e-mail address"),
    "identifier.same": _("same identifier"),
    "identifier.typo": _("identifier differs by one character"),
    "identifier.different": _("identifier differs"),
}


@dataclass
class _Cached:
    checked_at: float
    row_id: int | None
    model: MatchModel


_cached: _Cached | None = None


@cache
def default_model() -> MatchModel:
    return MatchModel.load(DEFAULT_MODEL)


def registry_model() -> MatchModel:
    """The newest trustworthy fitted model, else the shipped default."""
    global _cached  # one model per process, replaced when a newer one is fitted
    now = time.monotonic()
    if _cached is not None and now - _cached.checked_at < RECHECK_SECONDS:
        return _cached.model
    newest = (
        FittedMatchModel.objects.filter(trained_on__gte=MIN_TRAINED_ON)
        .order_by("-fitted_at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    if _cached is not None and newest == _cached.row_id:
        _cached.checked_at = now
        return _cached.model
    model = (
        default_model()
        if newest is None
        else MatchModel.from_dict(FittedMatchModel.objects.get(id=newest).parameters)
    )
    _cached = _Cached(now, newest, model)
    return model


def forget_registry_model() -> None:
    """Look the model up again on next use (after fitting one, and between tests)."""
    global _cached
    _cached = None


def save_fitted_model(model: MatchModel) -> FittedMatchModel:
    """Keep a freshly fitted model as the registry's; registration ranks with it from now."""
    row = FittedMatchModel.objects.create(trained_on=model.trained_on, parameters=model.to_dict())
    # A nightly fit with 50,000 name frequencies per field is megabytes: keep a few to compare.
    kept = FittedMatchModel.objects.order_by("-fitted_at", "-id").values("id")[:MODELS_KEPT]
    FittedMatchModel.objects.exclude(id__in=[entry["id"] for entry in kept]).delete()
    forget_registry_model()
    return row


def score(query: PersonRecord, candidates: Sequence[PersonRecord]) -> list[MatchResult]:
    """Match probability and per-field reasons of each candidate against the query."""
    return registry_model().score_many(query, candidates)


def staff_reasons(result: MatchResult) -> list[str]:
    """The reasons worth showing, strongest evidence first."""
    shown = [reason for reason in result.reasons if reason.code in REASONS]
    shown.sort(key=lambda reason: -abs(reason.weight) if reason.code != "name.swapped" else 0)
    return [str(REASONS[reason.code]) for reason in shown]

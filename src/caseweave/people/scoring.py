"""Scoring registration candidates with the registry's own Fellegi-Sunter model.

Duplicate detection (the nightly task and ``caseweave people find-duplicates``) fits the
model by EM on the whole registry; ``save_fitted_model`` keeps the result in the database
(``FittedMatchModel``), so every web worker and every server of a deployment ranks with
the same parameters and the model is backed up with the registry. ``registry_model``
returns the newest one that is fitted on at least ``MIN_TRAINED_ON`` people, loads in this
version's format and passes ``matching.sanity.doubts`` (enough duplicates for EM to learn
from, agreement on names and birth date speaking for a match), looked up at most once a
minute per process, and otherwise the default model shipped in
``people/data/default_match_model.json`` (fitted on a generated registry, without its name
frequencies) weighing names by the frequencies of the newest stored fit that loads, trusted
or not (``MatchModel.with_frequencies``): a fit is refused for what it learned from too few
duplicates, while how common each name is in the registry holds regardless. A refused model
stays stored with the reasons (``parameters["check"]``) and is named in the log; the next
nightly fit replaces it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from caseweave.people.matching import MatchModel, MatchResult, PersonRecord
from caseweave.people.matching.sanity import doubts
from caseweave.people.models import FittedMatchModel

logger = logging.getLogger(__name__)

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
    "location.same_address": _("same address and postcode"),
    "location.address_only": _("same address"),
    "location.similar_address": _("address is similar"),
    "location.partly_similar": _("same postcode, addresses share some words"),
    "location.same_postcode": _("same postcode, different address"),
    "location.different": _("address and postcode differ"),
    "email.same": _("same e-mail address"),
    "identifier.same": _("same identifier"),
    "identifier.typo": _("identifier differs by one character"),
    "identifier.different": _("identifier differs"),
}


@dataclass
class _Cached:
    checked_at: float
    newest_id: int | None  # the newest stored row when looked up (it may have been refused)
    model: MatchModel


_cached: _Cached | None = None
_refused: set[int] = set()  # rows already named in the log by this process
_lent: set[int] = set()  # rows whose frequencies this process has said it uses


@cache
def default_model() -> MatchModel:
    return MatchModel.load(DEFAULT_MODEL)


def registry_model() -> MatchModel:
    """The newest trustworthy fitted model, else the shipped default weighing values by the
    frequencies of the newest fitted model that loads (see ``_registry_default``)."""
    global _cached  # one model per process, replaced when a newer one is fitted
    now = time.monotonic()
    if _cached is not None and now - _cached.checked_at < RECHECK_SECONDS:
        return _cached.model
    rows = list(
        FittedMatchModel.objects.order_by("-fitted_at", "-id").values_list("id", "trained_on")
    )
    newest = rows[0][0] if rows else None
    if _cached is not None and newest == _cached.newest_id:
        _cached.checked_at = now
        return _cached.model
    model: MatchModel | None = None
    lender: tuple[int, MatchModel] | None = None  # the newest that loads, trusted or not
    for row_id, trained_on in rows:  # newest first; older formats and refused fits passed over
        too_few = trained_on < MIN_TRAINED_ON
        if too_few:
            _refuse(row_id, f"fitted on {trained_on} people, fewer than {MIN_TRAINED_ON}")
            if lender is not None:
                continue  # megabytes of frequencies: not loaded when nothing needs them
        loaded = _loaded(row_id)
        if loaded is None:
            continue
        if lender is None and loaded.term_frequencies:
            lender = (row_id, loaded)
        if too_few:
            continue
        found = doubts(loaded)
        if found:
            _refuse(row_id, "; ".join(found))
            continue
        model = loaded
        break
    if model is None:
        model = _registry_default(lender)
    _cached = _Cached(now, newest, model)
    return model


def _registry_default(lender: tuple[int, MatchModel] | None) -> MatchModel:
    """The shipped default, with the term frequencies of ``lender`` if there is one.

    A refused fit is refused for its m-probabilities (too few duplicates to learn from); how
    common each name is in the registry is a fact about the registry all the same, and
    without it every name weighs as the rarest the default has seen, so two people called
    "Ali Hassan" look like one.
    """
    if lender is None:
        return default_model()
    row_id, lender_model = lender
    if row_id not in _lent:
        _lent.add(row_id)
        logger.info(
            "registration ranks with the shipped default match model and the name "
            "frequencies of fitted match model %s (%s people)", row_id, lender_model.trained_on,
        )  # fmt: skip
    return default_model().with_frequencies(lender_model)


def _loaded(row_id: int) -> MatchModel | None:
    """The stored model if it loads in this version's format."""
    parameters = FittedMatchModel.objects.filter(id=row_id).values_list("parameters", flat=True)
    try:
        return MatchModel.from_dict(parameters.get())
    except (ValueError, KeyError, TypeError) as error:  # an older format, or damaged
        _refuse(row_id, f"it does not load ({error})")
        return None


def _refuse(row_id: int, why: str) -> None:
    if row_id not in _refused:
        _refused.add(row_id)
        logger.warning("fitted match model %s not used for registration: %s", row_id, why)


def forget_registry_model() -> None:
    """Look the model up again on next use (after fitting one, and between tests)."""
    global _cached
    _cached = None
    _refused.clear()
    _lent.clear()


def save_fitted_model(model: MatchModel) -> FittedMatchModel:
    """Keep a freshly fitted model as the registry's; registration ranks with it from now on
    if it is trustworthy. The verdict is stored with it (``parameters["check"]``) and a
    refusal is logged, so a data steward can see why registration kept the previous one."""
    found = doubts(model)
    if model.trained_on < MIN_TRAINED_ON:
        found.insert(0, f"fitted on {model.trained_on} people, fewer than {MIN_TRAINED_ON}")
    parameters = model.to_dict() | {"check": {"trusted": not found, "doubts": found}}
    row = FittedMatchModel.objects.create(trained_on=model.trained_on, parameters=parameters)
    # A nightly fit with 50,000 name frequencies per field is megabytes: keep a few to compare.
    kept = FittedMatchModel.objects.order_by("-fitted_at", "-id").values("id")[:MODELS_KEPT]
    FittedMatchModel.objects.exclude(id__in=[entry["id"] for entry in kept]).delete()
    forget_registry_model()
    if found:
        _refuse(row.id, "; ".join(found))
    return row


def score(query: PersonRecord, candidates: Sequence[PersonRecord]) -> list[MatchResult]:
    """Match probability and per-field reasons of each candidate against the query."""
    return registry_model().score_many(query, candidates)


def staff_reasons(result: MatchResult) -> list[str]:
    """The reasons worth showing, strongest evidence first."""
    shown = [reason for reason in result.reasons if reason.code in REASONS]
    shown.sort(key=lambda reason: -abs(reason.weight) if reason.code != "name.swapped" else 0)
    return [str(REASONS[reason.code]) for reason in shown]

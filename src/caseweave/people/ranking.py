"""Ranking search candidates with per-field reasons staff can read.

This scores the handful of candidates the blocking keys found. Each field contributes a
weight and a reason ("birth date: day and month swapped"), so the registration page can
say *why* someone may already be registered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from caseweave.people.matching.dates import DateLevel, PartialDate, date_similarity
from caseweave.people.matching.nicknames import NicknameTable, default_nickname_table
from caseweave.people.matching.text import name_tokens

DATE_WEIGHTS: dict[DateLevel, tuple[float, Promise | str]] = {
    DateLevel.EXACT: (0.30, gettext_lazy("birth date agrees")),
    DateLevel.PARTIAL: (0.25, gettext_lazy("birth date agrees as far as both are known")),
    DateLevel.SWAPPED_DAY_MONTH: (0.18, gettext_lazy("birth date has day and month swapped")),
    DateLevel.ONE_DIGIT_OFF: (0.12, gettext_lazy("birth date differs by one digit")),
    DateLevel.SAME_YEAR: (0.08, gettext_lazy("birth year agrees")),
    DateLevel.DIFFERENT: (-0.25, gettext_lazy("birth date differs")),
    DateLevel.MISSING: (0.0, ""),
}


@dataclass(frozen=True)
class Profile:
    """The comparable parts of a person or a query."""

    names: Sequence[str]
    birth_date: PartialDate | None = None
    phones: frozenset[str] = frozenset()
    identifiers: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Ranked:
    score: float  # 0..1
    reasons: list[str] = field(default_factory=list)


def _canonical_form(name: str) -> str:
    return _canonical_in(name, default_nickname_table())


@lru_cache(maxsize=100_000)  # names repeat; a reconfigured nickname table is a new key
def _canonical_in(name: str, table: NicknameTable) -> str:
    tokens = [min(table.canonicals(token)) for token in name_tokens(name).tokens]
    return " ".join(sorted(tokens))


@lru_cache(maxsize=100_000)
def _plain_form(name: str) -> str:
    return " ".join(name_tokens(name).tokens)


def _name_similarity(query: Sequence[str], candidate: Sequence[str]) -> tuple[float, str]:
    best, reason = 0.0, ""
    for left in query:
        for right in candidate:
            plain = fuzz.token_sort_ratio(_plain_form(left), _plain_form(right)) / 100
            canonical = fuzz.token_sort_ratio(_canonical_form(left), _canonical_form(right)) / 100
            partial = fuzz.token_set_ratio(_canonical_form(left), _canonical_form(right)) / 100
            if plain >= 0.97 and plain >= best:
                best, reason = plain, _("name agrees")
            elif canonical >= 0.97 and canonical > best:
                best, reason = canonical, _("name agrees allowing for nicknames")
            elif max(plain, canonical) > best:
                best, reason = max(plain, canonical), _("name is similar (spelling)")
            if partial >= 0.97 and 0.85 > best:
                best, reason = 0.85, _("part of the name agrees")
    return best, reason


def rank(query: Profile, candidate: Profile) -> Ranked:
    reasons: list[str] = []
    similarity, name_reason = _name_similarity(query.names, candidate.names)
    score = 0.5 * similarity
    if name_reason:
        reasons.append(name_reason)
    weight, date_reason = DATE_WEIGHTS[date_similarity(query.birth_date, candidate.birth_date)]
    score += weight
    if date_reason:
        reasons.append(str(date_reason))
    if query.phones & candidate.phones:
        score += 0.4
        reasons.append(_("same phone number"))
    if query.identifiers & candidate.identifiers:
        score += 0.5
        reasons.append(_("same identifier"))
    return Ranked(score=max(0.0, min(1.0, score)), reasons=reasons)

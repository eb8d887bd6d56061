"""Text folding and name tokens: the spelling-insensitive form every comparison starts from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from unidecode import unidecode

__all__ = ["PARTICLES", "NameTokens", "fold", "name_tokens", "phonetic"]

# Letters whose usual romanisation differs from unidecode's, or that unidecode maps to the
# wrong tradition (it romanises Cyrillic the Russian way, so "ć" would become "ts").
_LATIN = {
    "đ": "dj", "Đ": "Dj", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "İ": "I", "þ": "th", "Þ": "Th",
}  # fmt: skip
# Serbian/Macedonian Cyrillic first (Gaj's Latin, then folded), then Russian/Ukrainian letters
# the Serbian alphabet lacks, in the spelling their Latin-script documents most often use.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "џ": "dz", "ш": "s", "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "й": "y", "щ": "sc",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "e", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g",
}  # fmt: skip
_CYRILLIC.update({k.upper(): v.capitalize() for k, v in list(_CYRILLIC.items())})
_TRANSLATE = str.maketrans({**_LATIN, **_CYRILLIC})
# Vietnamese "đ" is a plain d ("Đức" is Duc), unlike Serbo-Croatian "đ" (dj). Vietnamese text
# is recognisable by its stacked tone marks and by ơ/ư/ă.
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0\u0102\u0103]")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb`\u00b4]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

PARTICLES = frozenset(
    {
        "al", "el", "bin", "binti", "binte", "bint", "ibn", "ben", "bat", "abu", "umm",
        "van", "von", "der", "den", "de", "del", "della", "dela", "di", "da", "dos", "das",
        "do", "du", "la", "le", "ter", "ten", "zu", "y", "e",
    }
)  # fmt: skip


@lru_cache(maxsize=262_144)  # names and towns repeat: a registry has far fewer distinct values
def fold(text: str | None) -> str:
    """Return ``text`` lowercased, transliterated to ASCII, without punctuation.

    Serbian/Croatian/Bosnian (č, ć -> c; đ -> dj; š -> s; ž -> z), Albanian (ë -> e, ç -> c),
    Turkish (ş -> s, ı/İ -> i), French and other accents, ß -> ss, æ -> ae, and Cyrillic
    (Serbian letters to Gaj's Latin, then folded) all reduce to plain ASCII; Vietnamese text
    keeps "đ" as d. Apostrophes vanish ("O'Brien" -> "obrien"), every other run of
    non-alphanumeric characters becomes one space. ``fold`` is idempotent.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _VIETNAMESE.search(text):
        text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unidecode(text.translate(_TRANSLATE)).lower()
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    return _NOT_ALNUM.sub(" ", ascii_text).strip()


@dataclass(frozen=True, slots=True)
class NameTokens:
    """A folded name split into its words, with particles ("van", "bin", "de") held apart."""

    tokens: tuple[str, ...]
    particles: frozenset[str]

    @property
    def joined(self) -> str:
        """The tokens without particles and spaces: "de la Cruz-Ortiz" -> "cruzortiz"."""
        return "".join(self.tokens)


def name_tokens(text: str | None) -> NameTokens:
    """Split a name into folded tokens on spaces and hyphens, setting particles apart.

    "Ibrahim bin Abdullah" -> tokens ("ibrahim", "abdullah"), particles {"bin"}.
    A name made only of particles ("De", "Le") keeps them as tokens so it is not lost.
    """
    words = fold(text).split()
    tokens = tuple(w for w in words if w not in PARTICLES)
    if not tokens:
        return NameTokens(tuple(words), frozenset())
    return NameTokens(tokens, frozenset(w for w in words if w in PARTICLES))


# Patronymic endings written several ways (-vić, -vich, -vitch, -wicz) should sound alike.
_SLAVIC_ENDING = re.compile(r"(?:vitch|vich|wicz|wich|vic)$")


def phonetic(token: str | None) -> str:
    """Return the Metaphone key of a folded name token ("" for an empty token).

    Slavic patronymic endings are unified first, so "Petrović", "Petrovich" and "Petrowicz"
    share a key, as do "Mohammed", "Muhamed" and "Mohamad".
    """
    word = fold(token).replace(" ", "")
    if not word:
        return ""
    word = _SLAVIC_ENDING.sub("vic", word)
    return str(jellyfish.metaphone(word)).replace(" ", "")

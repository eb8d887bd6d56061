"""Phone numbers reduced to one comparable form, whatever way they were written down."""

from __future__ import annotations

import re

__all__ = ["normalise_phone"]

_EXTENSION = re.compile(r"(?:ext\.?|extension|x|#)\s*\d+\s*$", re.IGNORECASE)
_NON_DIGIT = re.compile(r"\D")


def normalise_phone(raw: str | None, default_country: str = "1") -> str | None:
    """Return the number as ``+<country code><national number>`` (E.164 digits), or ``None``.

    Spaces, dots, dashes, brackets and an extension ("x12", "ext. 12") are ignored. A leading
    "+" or "00" (or "011" from North America) marks an international number; otherwise the
    number is national in ``default_country``: a North-American 11-digit number starting with
    1 loses the 1, elsewhere the trunk "0" is dropped ("061 234 5678" in Serbia, country 381,
    becomes "+381612345678"). Anything with fewer than 7 or more than 15 digits is not a phone
    number and gives ``None``, as does an empty value. This does not check numbering plans:
    it only has to make two spellings of the same number equal.
    """
    if not raw:
        return None
    text = _EXTENSION.sub("", raw.strip())
    international = text.lstrip().startswith("+")
    digits = _NON_DIGIT.sub("", text)
    if not digits:
        return None
    if not international:
        if digits.startswith("00"):
            digits, international = digits[2:], True
        elif default_country == "1" and digits.startswith("011") and len(digits) > 11:
            digits, international = digits[3:], True
    if not international:
        country = _NON_DIGIT.sub("", default_country)
        if country == "1":
            if len(digits) == 11 and digits.startswith("1"):
                digits = digits[1:]
        else:
            if digits.startswith(country) and len(digits) > 9 + len(country) - 2:
                digits = digits[len(country) :]
            digits = digits.lstrip("0")
        digits = country + digits
    if not 7 <= len(digits) <= 15:
        return None
    return "+" + digits

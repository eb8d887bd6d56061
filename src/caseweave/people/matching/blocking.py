"""Blocking keys: short strings a database can index so a candidate lookup reads few rows.

Two records are candidates when they share at least one key. Each key combines two pieces of
evidence, so one common value (a frequent surname, a popular birth year) never makes a big
block on its own, and each kind of error (typo, swapped names, nickname, new surname, wrong
birth date) leaves at least one key intact.
"""

from __future__ import annotations

from caseweave.people.matching.candidates import house_number
from caseweave.people.matching.nicknames import NicknameTable, default_nickname_table
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.table import GIVEN_SLOTS
from caseweave.people.matching.text import name_tokens, phonetic

__all__ = ["blocking_keys"]


def blocking_keys(record: PersonRecord, table: NicknameTable | None = None) -> set[str]:
    """Keys under which ``record`` is filed (prefix ``kind:``, values folded):

    - ``ny:<phonetic name>:<birth year>`` for every given and family name token, so a typo in
      one name or swapped given/family order still meets on the other;
    - ``nn:<phonetic a>:<phonetic b>`` for each (given, family) token pair, order-free, which
      survives a wrong or missing birth date;
    - ``cy:<canonical given name>:<birth year>`` so "Bill" meets "William";
    - ``dg:<full birth date>:<initial of a given name>`` for a changed surname, and
      ``df:<full birth date>:<initial of the family name>`` for a missing or new given name;
    - ``dp:<full birth date>:<postcode>``, ``pf:<postcode>:<phonetic family name>``,
      ``pg:<postcode>:<phonetic given name>`` and ``ah:<postcode>:<house number>`` for
      records whose names are badly mistyped but who live at the same place;
    - ``ph:``, ``em:``, ``id:<type>:`` for phone, e-mail and identifiers.

    :mod:`caseweave.people.matching.candidates` builds the same keys as integers for whole
    files (plus single-value keys it uses only where their blocks are small); change both
    together.
    """
    table = table or default_nickname_table()
    given = name_tokens(record.given_names).tokens
    family = name_tokens(record.family_names).tokens
    others = [t for name in record.other_names for t in name_tokens(name).tokens]
    keys: set[str] = set()
    date = record.birth_date
    year = str(date.year) if date is not None and not date.estimated else ""
    phon_given = {p for p in (phonetic(t) for t in given) if p}
    phon_family = {p for p in (phonetic(t) for t in (*family, *others)) if p}
    if year:
        keys.update(f"ny:{p}:{year}" for p in phon_given | phon_family)
        for token in given:
            keys.update(f"cy:{c}:{year}" for c in table.canonicals(token))
    for g in phon_given:
        for f in phon_family:
            a, b = sorted((g, f))
            keys.add(f"nn:{a}:{b}")
    complete = date is not None and date.is_complete
    if complete and date is not None:
        keys.update(f"dg:{date.isoformat()}:{t[0]}" for t in given[:GIVEN_SLOTS])
        if family:
            keys.add(f"df:{date.isoformat()}:{family[0][0]}")
        if record.postcode:
            keys.add(f"dp:{date.isoformat()}:{record.postcode}")
    if record.postcode:
        if family:
            keys.add(f"pf:{record.postcode}:{phonetic(family[0])}")
        if given:
            keys.add(f"pg:{record.postcode}:{phonetic(given[0])}")
        house = house_number(record.address or "")
        if house:
            keys.add(f"ah:{record.postcode}:{house}")
    if record.phone:
        keys.add(f"ph:{record.phone}")
    if record.email:
        keys.add(f"em:{record.email}")
    keys.update(f"id:{code}:{value}" for code, value in record.identifiers.items())
    return keys

"""A configurable table of given-name equivalences (Bill/William, Aco/Aleksandar)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from caseweave.people.matching.text import fold

__all__ = [
    "NicknameTable",
    "NicknameTableError",
    "configure_nicknames",
    "default_nickname_table",
    "given_name_variants",
]


class NicknameTableError(ValueError):
    """A nickname table file is malformed; the message names the file and line."""


class NicknameTable:
    """Groups of given names that can refer to the same person.

    A name belongs to the group of each canonical name it is listed under; its variants are
    every name in those groups. "alex" is listed under alexander, alexandra and aleksandar, so
    it matches all three, while "bill" matches only the william group.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs = list(pairs)
        groups: dict[str, set[str]] = defaultdict(set)
        for canonical, variant in self.pairs:
            canonical, variant = fold(canonical), fold(variant)
            if canonical and variant:
                groups[canonical].update((canonical, variant))
        self._canonicals: dict[str, set[str]] = defaultdict(set)
        for canonical, members in groups.items():
            for member in members:
                self._canonicals[member].add(canonical)
        self._groups = {canonical: frozenset(members) for canonical, members in groups.items()}

    @classmethod
    def from_csv(cls, path: str | Path) -> NicknameTable:
        """Load a two-column CSV (``canonical,variant``; ``#`` lines are comments).

        Raises :class:`NicknameTableError` naming the file, and every bad line, when the file
        is missing, unreadable, not UTF-8 or has lines that are not two names.
        """
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise NicknameTableError(f"{path}: no such file") from None
        except OSError as error:
            raise NicknameTableError(f"{path}: cannot be read ({error.strerror})") from None
        except UnicodeDecodeError as error:
            line = _text_line(path.read_bytes(), error.start)
            raise NicknameTableError(f"{path}, line {line}: not UTF-8 text") from None
        pairs, problems = _read_pairs(text.splitlines(), str(path))
        if problems:
            raise NicknameTableError("; ".join(problems))
        return cls(pairs)

    def extended(self, other: NicknameTable) -> NicknameTable:
        """This table with ``other``'s groups added (a name may then be in both)."""
        return NicknameTable([*self.pairs, *other.pairs])

    def canonicals(self, token: str) -> frozenset[str]:
        """The canonical names ``token`` is listed under, or ``{token}`` if it is in no group."""
        folded = fold(token)
        return frozenset(self._canonicals.get(folded) or {folded}) if folded else frozenset()

    def variants(self, token: str) -> frozenset[str]:
        """Every name sharing a group with ``token``, including ``token`` itself (folded)."""
        folded = fold(token)
        if not folded:
            return frozenset()
        names = {folded}
        for canonical in self._canonicals.get(folded, ()):
            names.update(self._groups[canonical])
        return frozenset(names)

    def __len__(self) -> int:
        return len(self._groups)


def _read_pairs(lines: list[str], source: str) -> tuple[list[tuple[str, str]], list[str]]:
    pairs: list[tuple[str, str]] = []
    problems: list[str] = []
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.lstrip().startswith("#")]
    for (line_no, _), row in zip(body, csv.reader(line for _, line in body), strict=True):
        if not row or not "".join(row).strip():
            continue
        if [c.strip().lower() for c in row] == ["canonical", "variant"]:
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            problems.append(
                f"{source}, line {line_no}: expected two names 'canonical,variant', got {row!r}"
            )
            continue
        pairs.append((row[0], row[1]))
    return pairs, problems


@cache
def _shipped_table() -> NicknameTable:
    ref = resources.files("caseweave.people.matching").joinpath("data/nicknames.csv")
    with resources.as_file(ref) as path:
        return NicknameTable.from_csv(path)


_configured: NicknameTable | None = None


def configure_nicknames(table: NicknameTable | str | Path | None, *, replace: bool = False) -> None:
    """Make the shipped table extended with ``table`` (or the CSV at that path) the default;
    with ``replace``, ``table`` alone. ``None`` restores the shipped table.

    The people app calls this at start-up with ``CASEWEAVE_PEOPLE_NICKNAMES``; a bad file
    raises :class:`NicknameTableError` naming the file and line.
    """
    global _configured
    loaded = NicknameTable.from_csv(table) if isinstance(table, str | Path) else table
    if loaded is not None and not replace:
        loaded = _shipped_table().extended(loaded)
    _configured = loaded


def _text_line(data: bytes, offset: int) -> int:
    """The 1-based line number of byte ``offset`` in ``data``."""
    return data.count(b"\n", 0, offset) + 1


def default_nickname_table() -> NicknameTable:
    """The configured table, or the one shipped in ``matching/data/nicknames.csv``."""
    return _configured if _configured is not None else _shipped_table()


def given_name_variants(token: str, table: NicknameTable | None = None) -> frozenset[str]:
    """Folded given names equivalent to ``token`` ("bill" -> {"bill", "william", "will", ...})."""
    return (table or default_nickname_table()).variants(token)

"""A name followed by its acronym in brackets is the whole run the acronym spells:
``Pacific Gas and Electric Company (PG&E)``, ``Institute of Epidemiology, Disease Control
and Research (IEDCR)``. The rules part capitalised runs at ``and`` and commas (``Germany and
France``), so such a name came out in pieces; the acronym's letters, read as the initials of
the capitalised words before it, say where it starts. An acronym the words do not spell
(``Kurdistan Workers' Party (PKK)``, ``Federal Security Service (FSB)``) changes nothing. Pure."""

from __future__ import annotations

import re

UP = "A-ZÀ-ÖØ-Þ"
_ACRONYM_RE = re.compile(rf"[ \t\u00a0]*\(([{UP}][{UP}&.-]{{1,9}})\)")
#: the words a name may hold before its acronym, read backwards: capitalised words and the
#: connectors of a name (``and``, ``of``, ``the``, ``&``, a comma between two capitalised words)
_WORD_BACK_RE = re.compile(rf"(?:(?<![\w’'-])([{UP}][\w’'-]*)|(?<![\w’'-])(?:and|of|the|for)|&|,)[ \t\u00a0]*\Z")


def _initials_back(text: str, end: int, limit: int) -> list[tuple[int, str]]:
    """(start, initial) of the capitalised words before ``end``, nearest first, across a name's
    connectors, at most ``limit`` of them; a possessive (``Bangladesh's``) ends the name."""
    out: list[tuple[int, str]] = []
    pos = end
    while len(out) < limit:
        m = _WORD_BACK_RE.search(text, max(0, pos - 40), pos)
        if m is None or m.group().strip() == "" or (m.group(1) and m.group(1).endswith(("'s", "’s"))):
            break
        if m.group(1):
            out.append((m.start(1), m.group(1)[0]))
        pos = m.start()
    return out


def _spelt_start(letters: str, initials: list[tuple[int, str]]) -> int | None:
    """Where the name the acronym ``letters`` spells starts: the nearest capitalised word
    whose initial is the acronym's first letter and from which the initials hold every letter
    in order (a word's may be left out: ``Electric Company``'s C in PG&E); None if none."""
    for k in range(len(initials)):
        start, first = initials[k]
        if first == letters[0] and _spells(letters, [c for _, c in reversed(initials[:k + 1])]):
            return start
    return None


def _spells(letters: str, initials: list[str]) -> bool:
    """Do ``initials`` (in reading order) hold every letter of ``letters`` in order?"""
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters)


def spell_out(text: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``cands`` with the words before each bracketed acronym that spell it made one candidate,
    when a candidate lies among them and none spells it alone; the candidates among those
    words (pieces of the name, an owner before it) are dropped."""
    out = list(cands)
    for m in _ACRONYM_RE.finditer(text):
        letters = re.sub(rf"[^{UP}]", "", m.group(1))
        e = m.start()
        pieces = [c for c in out if c[1] <= e and c[1] > e - 120]
        initials = _initials_back(text, e, 2 * len(letters) + 2)
        if len(letters) < 2 or not pieces or not initials:
            continue
        start = _spelt_start(letters, initials)
        if start is None or any(c[0] <= start and c[1] == e for c in pieces):
            continue  # spelt by a candidate already ("Federal Bureau of Investigation (FBI)"): never narrowed
        inside = [c for c in pieces if c[1] > start]
        if not inside:
            continue
        out = [c for c in out if c not in inside]
        out.append((start, e, inside[-1][2]))
    return out

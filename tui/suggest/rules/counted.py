"""The counted noun after a figure's number: up to three modifiers and a plural head
("1,440 Indonesian nationals", "videos and images"), a currency word ("dollars") or a
unit of measure ("km"), and which of the figure's parts it fills."""

from __future__ import annotations

import re

from tui.suggest.rules.figwords import CURRENCY_WORDS, IRREGULAR_PLURALS, MEASURES, NOT_MODIFIERS, VAGUE

_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w’'-]*)(/[^\W\d_]\w*)?")
_US_DOLLARS_RE = re.compile(r"[ \t\u00a0]+(?:US|U\.S\.)[ \t\u00a0]+dollars\b")
_THE_RE = re.compile(r"(?:the|those|these|their)[ \t\u00a0]+(?=\w)", re.IGNORECASE)
_OF_RE = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0])")
_COORD_RE = re.compile(r"[ \t\u00a0]+(and|or)[ \t\u00a0]+([a-z][\w-]*)")
_CURRENCY_CODES = frozenset(CURRENCY_WORDS.values())


def is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PLURALS or w in MEASURES:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def counted_noun(text: str, pos: int, allow_of: bool, demonyms) -> tuple[int, str | None]:
    """(end, unit) of the counted noun phrase after ``pos``: up to three modifiers and a
    plural head ("Indonesian nationals", "scam compounds", "videos and images"), a currency
    word ("dollars" -> USD), or (pos, None)."""
    p = pos
    us = _US_DOLLARS_RE.match(text, p)
    if us:
        return us.end(), "USD"
    if allow_of:
        m = _OF_RE.match(text, p)
        if m:
            p = m.end()
            the = _THE_RE.match(text, p + 1)
            p = the.end() - 1 if the else p
    for _ in range(4):
        m = _NEXT_WORD_RE.match(text, p)
        if not m:
            break
        word, end = m.group(1), m.end(1)
        if m.group(2) and (word + m.group(2)).lower() in MEASURES:  # a unit with a slash: "km/h"
            word, end = word + m.group(2), m.end()
        lw = word.lower()
        if lw in CURRENCY_WORDS:
            return end, CURRENCY_WORDS[lw]
        if lw in NOT_MODIFIERS or lw.endswith("ly") or (word[0].isupper() and word not in demonyms):
            break
        p = end
        if is_plural(word):
            c = _COORD_RE.match(text, p)
            if c and is_plural(c.group(2)) and c.group(2) not in NOT_MODIFIERS \
                    and c.group(2) not in VAGUE:
                return c.end(), f"{lw} {c.group(1)} {c.group(2)}"
            return p, lw
    return pos, None


def record_after(end: int, unit: str | None, parts: dict) -> None:
    """Record what the counted-noun reader found after the number: a currency word, a
    unit of measure or a counted noun."""
    if unit is None:
        return
    if unit in _CURRENCY_CODES:
        parts["money_end"] = end
    elif unit in MEASURES:
        parts["measure_end"] = end
    else:
        parts["noun_end"] = end

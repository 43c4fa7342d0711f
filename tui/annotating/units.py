"""The words a figure may count: the phrase right after it, up to a function word or
punctuation ("five Armed Forces personnel, and…" → personnel, forces, armed; "one member
of the Coast Guard" → member). Its head noun, the last word in English, comes first.
Offered as units when the figure reader found none, or found another. Pure (no Textual)."""

from __future__ import annotations

import re

STOP = frozenset("""a an the of from in on at to for by with into over under about than and or but nor as
each both all who whom whose which that this these those is are was were be been being has have had will would
can could may might shall should do does did not no yesterday today tomorrow said says say per and/or more less fewer""".split())
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]|/(?=[^\W\d_]))*", re.UNICODE)
MOST = 4  # words of the phrase looked at
REACH = 60  # characters after the figure


def counted_words(text: str, end: int) -> list[str]:
    """The candidate units after ``text[:end]``, head first, lower-cased (an acronym kept):
    capitalised words of a name ("Armed Forces"), then one lower-case word, or two when
    the second is a plural ("people smugglers"; "people remain" stops at "people")."""
    words: list[str] = []
    lower = 0  # lower-case words taken
    pos, hi = end, min(len(text), end + REACH)
    while len(words) < MOST:
        while pos < hi and text[pos] == " ":
            pos += 1
        m = _WORD.match(text, pos, hi)
        if m is None or m.group().lower() in STOP:
            break
        w = m.group()
        if not w[0].isupper():
            if lower == 1 and not _plural(w):
                break
            lower += 1
        words.append(w if w.isupper() and len(w) > 1 else w.lower())
        pos = m.end()
        if lower == 2:
            break
    return words[::-1]


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))

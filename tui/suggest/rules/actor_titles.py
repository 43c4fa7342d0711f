"""A title with a ``to`` or ``from`` complement before a name: ``US Ambassador to Germany Richard
Grenell``, ``Special Envoy to Yemen Martin Griffiths``, ``Ambassador to the United Nations
Karen Pierce``, ``United States Senator from Vermont Bernie Sanders``. The capitalised run after
``to`` holds the place the title is to and the person holding it; the person is the actor (the
place, a country, does nothing, and the title alone names no one). Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from tui.suggest.rules.lexicon import Lexicon, alternation


@lru_cache(maxsize=4)
def _title_to_re(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(lex.titles)})[ \t\u00a0]+(?:to|from)[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")


_TO_PLACE_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:to|from)[ \t\u00a0]+(?:the[ \t\u00a0]+)?[A-Z][\w-]*(?:[ \t\u00a0]+[A-Z][\w.-]*){2,}")


def after_title_to(text: str, start: int, lex: Lexicon) -> bool:
    """Does a title and ``to`` or ``from`` (``Ambassador to``, ``Envoy to the``, ``Senator
    from``) end right before ``start``?"""
    return _title_to_re(lex).search(text, max(0, start - 60), start) is not None


def title_before_to(text: str, end: int, words: list[str], lex: Lexicon) -> bool:
    """Is the run ending at ``end`` (its ``words``) a title whose ``to`` or ``from``, a place
    and the holder's name follow (``United States Senator`` in ``United States Senator from
    Vermont Bernie Sanders``)? The name after is the actor; the title alone names no one."""
    return words[-1] in lex.titles and _TO_PLACE_AFTER_RE.match(text, end) is not None

"""A title with a ``to`` complement before a name: ``US Ambassador to Germany Richard
Grenell``, ``Special Envoy to Yemen Martin Griffiths``, ``Ambassador to the United Nations
Karen Pierce``. The capitalised run after ``to`` holds the place the title is to and the
person holding it; the person is the actor (the place, a country, does nothing). Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from tui.suggest.rules.lexicon import Lexicon, alternation


@lru_cache(maxsize=4)
def _title_to_re(lex: Lexicon) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(lex.titles)})[ \t\u00a0]+to[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")


def after_title_to(text: str, start: int, lex: Lexicon) -> bool:
    """Does a title and ``to`` (``Ambassador to``, ``Envoy to the``) end right before ``start``?"""
    return _title_to_re(lex).search(text, max(0, start - 60), start) is not None

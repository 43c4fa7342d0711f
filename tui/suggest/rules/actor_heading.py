"""A common noun phrase that opens an article's heading before its present-tense verb:
``California court sentences parents``, ``Scottish court finds …``, ``Man sets himself on
fire``, ``Hungarian state-owned enterprise acquires …`` (the capitalised runs of ``actors.py``
see no name there). The phrase is the actor with its modifiers, as a heading drops the
determiner. Only a head that names people or a body (a court, a company, a role group), so a
storm or a report that "kills" or "finds" stays out. Pure."""

from __future__ import annotations

import re

from tui.suggest.rules.actor_words import NOT_MODIFIERS, heading_verb
from tui.suggest.rules.lexicon import Lexicon

#: heads of a heading's subject with their actor type, besides the lexicon's group and institution nouns
_HEADS = {"man": "person", "woman": "person", "boy": "person", "girl": "person", "teenager": "person",
          "court": "government", "tribunal": "government", "judge": "person", "jury": "group",
          "enterprise": "organisation", "company": "organisation", "firm": "organisation"}
_WORD_RE = re.compile(r"[A-Za-z][\w-]*")


def heading_subject(text: str, lex: Lexicon) -> tuple[int, int, str] | None:
    """(start, end, type) of the noun phrase opening the text's first line (up to four words)
    before a heading's present-tense verb, or None."""
    line = text[:text.find("\n")] if "\n" in text else text
    words = [(m.end(), m.group()) for m in _WORD_RE.finditer(line, 0, 80)][:5]
    if not words or not line[:1].isalpha():
        return None
    for k in range(1, len(words)):
        (end, head), verb = words[k - 1], words[k][1]
        mods = [w for _, w in words[:k - 1]]
        if line[end:end + 1] != " " or any(w.lower() in NOT_MODIFIERS for w in mods):
            return None  # "Police, army clash", "The …": no plain noun phrase
        typ = _HEADS.get(head.lower()) or _lexicon_type(head, lex)
        if typ is not None and not (head[0].isupper() and mods) and verb.islower() \
                and heading_verb(text, end, verb):
            return 0, end, typ  # "California Court" would be a name, the capitalised runs' business
    return None


def _lexicon_type(head: str, lex: Lexicon) -> str | None:
    if not head.islower():
        return None
    group = lex.groups.get(head)
    return group[0] if group else lex.org_nouns.get(head)

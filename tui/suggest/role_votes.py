"""A lower-case role or an age before a person's name (``Local prosecutor Remy Heitz``, ``NASA
administrator Jim Bridenstine``, ``Fourteen-year-old Zoe``) says whether a team's actor
spans keep what describes a name before it: the name alone votes the title out, the role
with the name votes it in. ``conventions.infer`` counts these votes on ``actor_title`` only
when no capitalised title (``Judge X``, ``Dr. X``) showed the team's way: two training
articles often name people only after such roles, and with no vote the rules' default put
``Judge``, ``Dr.`` and ``United States Attorney`` into every span. Pure."""

from __future__ import annotations

import re

from tui.suggest.contexts import ROLE_WORD, is_role_word

_AGE = r"[A-Za-z0-9]+-year-old"  # "Fourteen-year-old Zoe": an age before a name, left out like a title
_ROLE_BEFORE_RE = re.compile(rf"(?<![\w-])({ROLE_WORD}|{_AGE})[ \t\u00a0]+\Z")
_ROLE_FIRST_RE = re.compile(rf"({ROLE_WORD}|{_AGE})[ \t\u00a0]+[A-Z][a-z]")
_NAME_FIRST_RE = re.compile(r"[A-Z][a-z]")


def _role(word: str) -> bool:
    return word.endswith("-year-old") or is_role_word(word)


def role_votes(text: str, gold: set[tuple[int, int]]) -> list[int]:
    """[in, out]: the team's actor spans that start with a role or an age before a name (in) or
    start at a name right after one (out)."""
    votes = [0, 0]
    for s, e in gold:
        first = _ROLE_FIRST_RE.match(text, s, e)
        if first and _role(first.group(1)):
            votes[0] += 1
            continue
        before = _ROLE_BEFORE_RE.search(text, max(0, s - 40), s)
        if before and _role(before.group(1)) and _NAME_FIRST_RE.match(text, s, e):
            votes[1] += 1
    return votes

"""A name after ``of`` or ``from`` that is the agent of the noun before it, as surely as
after ``by``: the one who asks (``at the request of Prime Minister Boris Johnson``, ``on
the orders of X``) and the one who sends or grants (``a take-down notice from the
Recording Industry Association of America``, ``a letter from X``, ``a franchise therefor
from the Congress``) and the one who reports (``a 1989 report from the National
Transportation Safety Board``) or gives data or a study (``According to data from the Gun Violence
Archive``, ``a study from Ralph Adolphs``). Not a member's body (``a member of X``, ``scientists from X``), nor a
thing's place (``launched from the Kennedy Space Center``). Pure (no Textual).

    agent_of_noun(before, prev)   # True: the name after ``prev`` ("of"/"from") is the agent
"""

from __future__ import annotations

import re

_GAP = r"[ \t\u00a0]+"
#: "at the request of", "on the orders of", "at his invitation of"...: a request's maker
_ASKED_BY_RE = re.compile(
    rf"\b(?:at|on|upon|by){_GAP}(?:the|his|her|its|their){_GAP}"
    r"(?:request|behest|invitation|urging|direction|instructions?|orders?|initiative|suggestion|recommendation"
    rf"|insistence|advice|bidding){_GAP}\Z", re.I)
#: "a notice from", "letters from", "a franchise therefor from": what a sender sends or a body grants
_SENT_BY_RE = re.compile(
    r"\b(?:notices?|letters?|messages?|statements?|warnings?|requests?|complaints?|demands?|e-?mails?|memos?"
    r"|repl(?:y|ies)|responses?|invitations?|permission|approvals?|licen[cs]es?|permits?|franchises?|grants?"
    r"|subpoenas?|threats?|ultimatums?|directives?|orders?|instructions|tweets?|testimony|apolog(?:y|ies)"
    r"|reports?"  # "another report from the Mexican government said": the one who reports
    r"|data|figures|statistics|estimates|stud(?:y|ies))"  # "data from the Gun Violence Archive": its source
    rf"(?:{_GAP}(?:therefor|therefrom|directly|personally|again|also)|,)?{_GAP}\Z", re.I)


def agent_of_noun(before: str, prev: str) -> bool:
    """Is the name after the word ``prev`` (lower case), with ``before`` the text before
    that word, the agent of the noun ``prev`` follows: a request's maker after ``of``, a
    sender or grantor after ``from``?"""
    if prev == "of":
        return _ASKED_BY_RE.search(before) is not None
    if prev == "from":
        return _SENT_BY_RE.search(before) is not None
    return False


_WORD_BEFORE_RE = re.compile(r"(\w+)[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")


def agent_before(text: str, start: int) -> bool:
    """``agent_of_noun`` for the name at ``start``, read off the text (the word before, past
    a ``the``): ``at the request of Justin Trudeau`` is a person though ``of`` is mostly a
    place's preposition."""
    before = text[max(0, start - 80):start]
    m = _WORD_BEFORE_RE.search(before)
    return m is not None and agent_of_noun(before[:m.start(1)], m.group(1).lower())

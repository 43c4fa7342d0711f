"""An actor mention the rules found (``Mention``: its span under each convention) and the
resolution of overlapping candidates into mentions. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DET_BEFORE_RE = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hese|[Tt]hose)[ \t\u00a0]+\Z")
_POSS_AFTER_RE = re.compile(r"['’]s?(?!\w)")


_SENTENCE_END_RE = re.compile(r"(?:\A|[.!?:;\n\"“”‘’'(\[]|[.!?][\"”’'])[ \t\u00a0]*\Z")


def title_the(text: str, at: int) -> bool:
    """Is the "The" at ``at`` (before a capitalised name) a capitalised article inside a
    sentence, so part of the title it starts (``according to The Verge``, ``told The New York
    Times``), not a sentence's first word?"""
    return text.startswith("The", at) and _SENTENCE_END_RE.search(text, max(0, at - 4), at) is None


#: the last word of a newspaper's title, whose "The" is the title's even where a sentence starts with it
_PRESS_HEADS = frozenset({"Guardian", "Telegraph", "Times", "Post", "Herald", "Independent", "Observer", "Economist",
                          "Tribune", "Chronicle", "Gazette", "Inquirer", "Verge", "Atlantic"})


def _press_title(text: str, at: int, end: int) -> bool:
    """Is the "The" at ``at`` the first word of a newspaper's title ending at ``end`` (``The Daily
    Telegraph, citing``, ``The Guardian drew``): GUIDELINES keep a title's capitalised ``The``."""
    return text.startswith("The", at) and text[at:end].rsplit(None, 1)[-1] in _PRESS_HEADS


@dataclass(frozen=True)
class Mention:
    """An actor found in the text: ``text[start:end]`` (the span under the default
    conventions) with its ``type``, and where its optional edges are (None: absent)."""

    start: int
    end: int
    type: str
    det: int | None = None  # start of a determiner right before it: "the"
    title_end: int | None = None  # where the name starts after a leading title
    poss_end: int | None = None  # end of a possessive "’s" right after it
    mods: int | None = None  # start of a group noun's further modifiers: "armed police", "private property owners"
    name_end: int | None = None  # where the name ends before letters after it ("Durham Hall" of "... Hall QC")

    def span(self, c) -> tuple[int, int]:
        """(start, end) under conventions ``c`` (actor_determiner, actor_title,
        actor_possessive, actor_group_modifiers, each True for "in")."""
        s = self.start
        if self.mods is not None and c.actor_group_modifiers:
            s = self.mods
        elif self.title_end is not None and not c.actor_title:
            s = self.title_end
        elif self.det is not None and c.actor_determiner:
            s = self.det
        e = self.poss_end if self.poss_end is not None and c.actor_possessive else self.end
        e = self.name_end if self.name_end is not None else e
        return s, e


def resolve(text: str, cands: list[tuple[int, int, str]], titled: dict, modified: dict,
            lettered: dict | None = None) -> list[Mention]:
    """Non-overlapping mentions, preferring the longer of two that overlap; of two types
    for the same words, the one found last (a phrase rule's group noun over a name's guess),
    never the order of a set (it varied with the hash seed)."""
    out: list[tuple[int, int, str]] = []
    latest_first = list(dict.fromkeys(reversed(cands)))
    for c in sorted(latest_first, key=lambda c: (c[0], -(c[1] - c[0]))):
        if out and c[0] < out[-1][1]:
            if c[1] - c[0] > out[-1][1] - out[-1][0]:
                out[-1] = c
            continue
        out.append(c)
    mentions = []
    for s, e, t in out:
        det = _DET_BEFORE_RE.search(text, max(0, s - 8), s)
        found = (s, e)
        if det and text[s:s + 1].isupper() and (title_the(text, det.start()) or _press_title(text, det.start(), e)):
            s, det = det.start(), None  # "according to The Verge", "The Guardian drew": the title's own "The"
        poss = _POSS_AFTER_RE.match(text, e)
        mentions.append(Mention(s, e, t, det.start() if det else None, titled.get(found),
                                poss.end() if poss and (poss.end() > e + 1 or text[e - 1:e] == "s") else None,
                                modified.get(found), (lettered or {}).get(found)))
    return mentions

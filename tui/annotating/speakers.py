"""Who said it: the candidates ``r`` lists for a relation, the speaker the sentence's
reporting structure names first. Pure (no Textual).

A claim's speaker is the actor a reporting verb takes as its subject: "X said", "X told
reporters", "X, a spokesperson, said", "said X", "according to X". The addressee ("told
Reuters") and actors the structure does not name come after it, nearest first. Other
relations (an actor's claims) are listed nearest first.
"""

from __future__ import annotations

import re

from tui.model import Span

VERBS = (r"said|says|say|told|tells|tell|added|adds|stated|states|explained|explains|noted|notes|wrote|writes|"
         r"claimed|claims|argued|argues|insisted|insists|warned|warns|announced|announces|declared|declares|"
         r"confirmed|confirms|denied|denies|estimated|estimates|reported|reports|asserted|asserts|alleged|alleges|"
         r"tweeted|posted|recalled|recalls|acknowledged|acknowledges|admitted|admits|urged|urges|"
         r"would say|has said|have said|had said|was quoted as saying|is quoted as saying")
_SUBJECT = re.compile(rf"^(?:’s|'s)?\s*(?:,[^,.;“”\"]{{1,80}},\s*)?(?:also\s+|later\s+|then\s+)?(?:{VERBS})\b", re.I)
_AFTER_VERB = re.compile(rf"\b(?:{VERBS}|according to|said by|quoted)\s*(?:the\s+)?$", re.I)
_ADDRESSEE = re.compile(r"\b(?:told|tells|tell|(?<!according )to|for)\s*(?:the\s+)?$", re.I)  # "according to X" speaks
_SENTENCE_END = re.compile(r"[.!?…][”’\"]?\s+(?=[“\"‘A-Z0-9])")
REACH = 400  # characters around the claim that its reporting structure may use


def speaker_score(text: str, actor: Span) -> int:
    """2: a reporting verb names ``actor`` as its speaker; -1: as its addressee; else 0."""
    before = text[max(0, actor.start - 40):actor.start]
    if _ADDRESSEE.search(before):
        return -1
    if _SUBJECT.match(text[actor.end:actor.end + 100]) or _AFTER_VERB.search(before):
        return 2
    return 0


def _sentence_reach(text: str, span: Span) -> tuple[int, int]:
    """The sentence(s) around ``span``, up to ``REACH`` characters each side: where its
    reporting structure is."""
    lo, hi = max(0, span.start - REACH), min(len(text), span.end + REACH)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, lo, span.start)]
    start = ends_before[-1] if ends_before else lo
    after = _SENTENCE_END.search(text, span.end, hi)
    if after is not None and text[span.end:after.start()].strip() == "" and span.end < hi:
        after = _SENTENCE_END.search(text, after.end(), hi)  # the claim ends its sentence: the next one may attribute it
    return start, after.end() if after is not None else hi


def relate_candidates(text: str, span: Span, others: list[Span]) -> list[Span]:
    """``others`` in the order ``r`` lists them for ``span``."""
    def distance(sp: Span) -> int:
        return abs(sp.start - span.start)

    cands = [sp for sp in others if sp.id != span.id]
    if span.label != "CLAIM":
        return sorted(cands, key=distance)
    lo, hi = _sentence_reach(text, span)

    def rank(sp: Span) -> tuple[int, int]:
        near = lo <= sp.start < hi and not (span.start <= sp.start and sp.end <= span.end)
        return (-speaker_score(text, sp) if near else 1, distance(sp))

    return sorted(cands, key=rank)

"""The words after an actor candidate: does a verb follow (the name acts: ``X said``,
``X has announced``) or a noun (the name modifies it: ``an AU summit``)? Shared by the
readings of ``tui.suggest.contexts`` (``After``: read once per candidate, however many
readings ask). Pure (no Textual)."""

from __future__ import annotations

import re

from tui.suggest.rules.actor_words import MODALS, PAST_IRREGULAR, PARTICIPLES, PRESENT_S, heading_present
from tui.suggest.rules.lexicon import load_lexicon

#: (an auxiliary, an adverb or a reflexive before the verb: "X then explained", "X himself entered")
_VERB_AFTER_RE = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:(?:has|have|had|will|would|could|also|then|first|later|again|never|still"
                            r"|already|once|himself|herself|themselves|itself|\w+ly)[ \t\u00a0]+)*([a-z]+)")
#: a verb phrase no lexicon lists: a progressive ("are breaking", "has been funding") or an -s verb with "to" ("needs to bring")
_VERB_FORM_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:(?:is|are|was|were|(?:has|have|had)[ \t\u00a0]+been)[ \t\u00a0]+(?:\w+ly[ \t\u00a0]+)?[a-z]+ing"
                                 r"|[a-z]+[^s\W]s[ \t\u00a0]+to[ \t\u00a0]+[a-z]+)\b")
#: a perfect with an irregular participle ("has taken"), a modal with a bare verb ("will continue", "can seek",
#: "did not attend")
_PERFECT_OR_MODAL_AFTER_RE = re.compile(rf"[ \t\u00a0]+(?:(?:has|have|had)(?:[ \t\u00a0]+(?:also|not|never|\w+ly))*"
                                        rf"[ \t\u00a0]+(?:{'|'.join(sorted(PARTICIPLES))})"
                                        rf"|(?:{'|'.join(MODALS)}|did|does|do)(?:[ \t\u00a0]+(?:also|not|never|\w+ly))*"
                                        r"[ \t\u00a0]+(?!be\b|have\b|\w+ly\b)[a-z]{2,})\b")
_PRESENT_AFTER_RE = re.compile(PRESENT_S)
_PRONOUN_CONJUNCT_RE = re.compile(r"[ \t\u00a0]+(?:and|or)[ \t\u00a0]+(?:I|we|he|she|they)\b")  # "X and I disagreed"
#: -ing words that are prepositions, not verbs acting on the name after them
ING_PREPOSITIONS = frozenset({"including", "according", "regarding", "concerning", "during", "following",
                              "excluding", "notwithstanding", "involving", "considering", "pending"})
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([a-z][a-z-]*)\b")
#: words that follow a verb, never a noun: the word before them is not a noun the name modifies
OBJECTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "him", "them",
                     "it", "us", "me", "themselves", "himself", "herself", "itself", "ourselves"})
FUNCTION_WORDS = frozenset({
    "and", "or", "but", "nor", "of", "in", "to", "for", "with", "on", "at", "by", "from", "as", "that", "who",
    "whom", "whose", "which", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "must", "should", "shall", "does", "did", "do", "be", "been", "being", "not", "also", "then",
    "now", "there", "here", "itself", "themselves", "himself", "herself", "alone", "too", "so", "if", "when",
    "where", "while", "after", "before", "into", "over", "under", "about", "than", "since", "until", "via"})
#: adverbs without -ly that open a verb phrase ("X often had", "X never said")
ADVERBS = frozenset({"often", "always", "never", "still", "already", "just", "again", "even", "sometimes",
                     "usually", "soon", "later", "once", "first", "further", "previously"})


def verb_after(text: str, end: int, verbs: frozenset) -> bool:
    """Does a verb (a reporting verb, an -ed or -ing form, a progressive, "needs to") follow,
    maybe after an auxiliary or adverb?"""
    v = _VERB_AFTER_RE.match(text, end)
    return bool(v and (v.group(1) in verbs or v.group(1) in PAST_IRREGULAR or v.group(1).endswith(("ed", "ing")))
                and v.group(1) not in ING_PREPOSITIONS) \
        or bool(_VERB_FORM_AFTER_RE.match(text, end)) or bool(_PERFECT_OR_MODAL_AFTER_RE.match(text, end)) \
        or present_after(text, end)


def present_after(text: str, end: int) -> bool:
    """Does a present tense in -s follow, before what a verb takes (``YouTube implements DRM``,
    ``NASA pays for``), not a plural group noun (``NASA officials that``)?"""
    p = _PRESENT_AFTER_RE.match(text, end)
    return p is not None and p.group(1) not in load_lexicon().groups


def subject_after(text: str, end: int, verbs: frozenset) -> bool:
    """Is the name a subject: a verb follows, or "and I" / "and we" (``X and I disagreed``)?"""
    return verb_after(text, end, verbs) or bool(_PRONOUN_CONJUNCT_RE.match(text, end))


def modifies(text: str, end: int, verbs: frozenset) -> bool:
    """Does the name modify the noun after it (``the Hungarian bid won``, ``FSB sources have``)?
    A word in -s after it is a noun only when a verb follows (``Mahan flies fighters``: a verb)."""
    n = _NEXT_WORD_RE.match(text, end)
    if not n or n.group(1) in FUNCTION_WORDS or n.group(1) in ADVERBS or n.group(1).endswith("ly"):
        return False
    if n.group(1).endswith("s") and not n.group(1).endswith("ss"):
        after = _NEXT_WORD_RE.match(text, n.end())
        return bool(after and after.group(1) in FUNCTION_WORDS) or verb_after(text, n.end(), verbs)
    return True


def after(text: str, end: int, verbs: frozenset) -> str | None:
    """"acts" or "modifier" by the words after a candidate ending at ``end``, else None."""
    if subject_after(text, end, verbs):
        return "acts"
    n = _NEXT_WORD_RE.match(text, end)
    if n and (n.group(1) in ADVERBS or heading_present(text, end, n.group(1), verbs)):
        return "acts"  # "Bolton often had disagreements": an adverb starts the verb phrase, it is no noun
    if n and n.group(1) not in FUNCTION_WORDS and n.group(1) not in ING_PREPOSITIONS and not n.group(1).endswith("ly"):
        second = _NEXT_WORD_RE.match(text, n.end())
        if second and (second.group(1) in verbs or second.group(1) in OBJECTS):
            return "acts"  # "Znak.com further reported" (an adverb), "Sea-Eye credit themselves" (a verb)
        return "modifier"
    return None


_S = r"[ \t\u00a0]"
#: what may stand between a name and its verb: a bracket (``(WHO)``), the body the name is of
#: (``of the army's Western Mindanao Command``, ``from NASA``), an apposition or a relative clause
#: between commas (``, a spokesperson for the fire service,``, ``, who is 23 years old,``)
_BRACKET_AFTER_RE = re.compile(rf"{_S}*\([^()\n]{{1,80}}\)")
_BODY_AFTER_RE = re.compile(rf"{_S}+(?:of|from|at){_S}+(?:the{_S}+)?(?:[A-Z][\w.&'’-]*['’]s{_S}+)?[A-Z][\w.&'’-]*"
                            rf"(?:{_S}+(?:(?:of|and|for){_S}+(?:the{_S}+)?)?[A-Z][\w.&'’-]*){{0,5}}")
_BETWEEN_COMMAS_RE = re.compile(r",[^,.;:!?()\"“”\n]{1,90}(?=,)")


def past_modifiers(text: str, end: int, verbs: frozenset) -> int:
    """Where the clause of the name ending at ``end`` goes on, past what stands between it and its
    verb: up to four brackets, bodies it is of and appositions between commas (``Doug Miller of
    Milltech Marine, a firm specialising in AIS, told``, ``Warholm, who is 23 years old, won``);
    ``end`` itself when nothing stands there."""
    at = end
    for _ in range(4):
        m = _BRACKET_AFTER_RE.match(text, at) or _BODY_AFTER_RE.match(text, at)
        if m is None and (m := _BETWEEN_COMMAS_RE.match(text, at)) is not None:
            while (more := _BETWEEN_COMMAS_RE.match(text, m.end())) is not None \
                    and not verb_after(text, m.end() + 1, verbs) and not _BE_RE.match(text, m.end() + 1):
                m = more  # ", the mayor of Seoul, South Korea,": the apposition's own commas
            at = m.end() + 1  # past the closing comma
            continue
        if m is None:
            break
        at = m.end()
    return at


_BE_RE = re.compile(rf"{_S}+(?:is|are|was|were)(?:{_S}+(?:not|also|still|now|already|currently|then|later|once|never"
                    rf"|twice|again|first|\w+ly))*(?={_S}+([a-z][a-z-]*))")
_TO_AFTER_RE = re.compile(rf"{_S}+to{_S}+[a-z]")
#: what "to be" takes before an infinitive that makes its subject act (or be asked, allowed, required to)
_BEFORE_TO = frozenset({"able", "unable", "set", "due", "about", "going", "expected", "scheduled", "slated", "poised",
                        "yet", "likely", "unlikely", "willing", "ready", "eager", "reluctant", "supposed", "determined",
                        "prepared", "ordered", "allowed", "asked", "required", "forced", "permitted", "invited", "urged",
                        "encouraged", "authorized", "authorised", "told", "instructed", "obliged"})
#: the name acts in the rest of its clause: "was born in 1920 ... and studied law", "was on hand and did a
#: reading", "was on hand offering DVDs" (a participle right after a short predicate)
_ACTS_IN_REST_RE = re.compile(rf"[^.;:\n]{{0,100}}?{_S}and{_S}+(?:also{_S}+)?(?:[a-z]+ed|did|{'|'.join(sorted(PAST_IRREGULAR))})\b"
                              rf"|(?:{_S}+[a-z]+){{0,3}}{_S}+[a-z]{{2,}}ing\b")
#: participles that do not end in -ed (a passive: "was held", "is known", "were found")
_PARTICIPLES_TOO = frozenset({"held", "found", "born", "made", "sent", "kept", "left", "put", "paid", "hit", "shot",
                              "built", "brought", "caught", "told", "sold", "led", "heard", "bought", "taught",
                              "struck", "stolen", "beaten", "hidden", "torn", "worn", "sworn", "slain"})


def clause_after(text: str, end: int, verbs: frozenset) -> str | None:
    """How the clause of the name ending at ``end`` goes on, past what stands between the name
    and its verb (``past_modifiers``), where the words right after it decided nothing: "acts"
    when a verb follows what it passed (``Doug Miller of Milltech Marine, a firm specialising in
    AIS, told``) or an infinitive follows "to be" (``is to be``, ``were able to``, ``was ordered to
    remove``: one required to act acts); "copula" for what the name is (``Bolton was also much
    more of a critic``, ``X is already in prison``); else None: no verb, a passive (``Jong was
    arrested``: the golds tag those as often as not, and setting them aside lost on fresh text),
    or a name acting in the rest of its clause (``was born in 1920 and studied law``, ``was on hand
    offering DVDs``)."""
    at = past_modifiers(text, end, verbs)
    if at > end and verb_after(text, at, verbs):
        return "acts"
    m = _BE_RE.match(text, at)
    if m is None or m.group(1).endswith("ing"):
        return None  # a progressive acts: ``after`` reads it
    word = m.group(1)
    if word == "to" or (word in _BEFORE_TO and _TO_AFTER_RE.match(text, m.end(1))):
        return "acts"  # not "is married to a lawyer"
    if _ACTS_IN_REST_RE.match(text, m.end()) or word.endswith("ed") or word in PARTICIPLES or word in _PARTICIPLES_TOO:
        return None
    return "copula"


class After:
    """``after`` of one candidate, read on the first ask: a context asks up to three times
    for one name (by the word before, past a descriptor, by its place)."""

    __slots__ = ("text", "end", "verbs", "_read", "_reading")

    def __init__(self, text: str, end: int, verbs: frozenset):
        self.text, self.end, self.verbs = text, end, verbs
        self._read = False
        self._reading: str | None = None

    def __call__(self) -> str | None:
        if not self._read:
            self._read, self._reading = True, after(self.text, self.end, self.verbs)
        return self._reading


def heading_verb_after(text: str, end: int) -> bool:
    """Is the word after ``end`` a heading's present-tense verb (``as Turkey invades``)?"""
    n = _NEXT_WORD_RE.match(text, end)
    return n is not None and heading_present(text, end, n.group(1))


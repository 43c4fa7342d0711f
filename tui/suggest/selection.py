"""Which of the rules' actor candidates a team tags, learned from its annotations. Pure
(no Textual).

The rules find every name that may act; a team marks only some of them: not the news
agency that is only told something, not the name that owns something (``Trump's
declaration``), not the victim named after a preposition. ``learn`` sets each actor
candidate of the annotated documents beside the team's spans (tagged: a team's ACTOR span
overlaps it) and counts, per **context** of the candidate (the words around it, below) and
per **name**, how often the team tagged it. ``Selection.keeps`` then drops a candidate
whose name the team never tagged and passed over at least ``MIN_EXAMPLES`` times, else one
whose context the team mostly left untagged (a context it has not shown yet follows the
others of its family, ``FAMILIES``); everything else stays ("other" and a family never
shown keep the rules' choice). Only finished documents teach it (``of_examples``).

    sel = learn(triples)                 # (text, team's ACTOR spans, rule candidates, conventions)
    sel.keeps(text, start, end, "person")  # False: the team does not tag such a candidate
    sel.explain()                        # one line per context, for ``margin suggest --explain``
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tui.suggest.rules.actor_words import PAST_IRREGULAR, heading_verb

MIN_EXAMPLES = 2  # a name the team never tagged is left out once it passed it over this often

_DET = r"(?:the|a|an|The|A|An)[ \t\u00a0]+"
_CAP = r"[A-Z][\w-]*(?:\.[\w-]+)*"  # a capitalised word, never across a sentence end ("Wednesday. X")
_OWNER = rf"(?:(?:{_CAP}[ \t\u00a0]+)*{_CAP}|(?<=[Tt]he )[a-z][\w-]*)['’]s[ \t\u00a0]+"  # "the UK's", "the army's"
_PREV_WORD_RE = re.compile(rf"(\w[\w-]*)[ \t\u00a0]+(?:{_DET})?(?:{_OWNER})?[\"“‘']?\Z")
_SENTENCE_START_RE = re.compile(r"(?:\A|\n|[.!?][\"”’']?[ \t\u00a0]+)[\"“‘']?\Z")
_TOLD_RE = re.compile(r"\b(?:e-?mail|interview|statement|letter|speaking|spoke|talking|talked)s?[ \t]+(?:to|with)"
                      rf"[ \t\u00a0]+(?:{_DET})?\Z", re.I)
_POSS_RE = re.compile(r"[\u200b-\u200d\u2060]*['’]s?(?!\w)")  # invisible joiners of real text: "Xtra\u200d's"
_VERB_AFTER_RE = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:(?:has|have|had|will|would|could|also|\w+ly)[ \t\u00a0]+)*([a-z]+)")
#: a verb phrase no lexicon lists: a progressive ("are breaking") or an -s verb with "to" ("needs to bring")
_VERB_FORM_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:(?:is|are|was|were)[ \t\u00a0]+(?:\w+ly[ \t\u00a0]+)?[a-z]+ing"
                                 r"|[a-z]+[^s\W]s[ \t\u00a0]+to[ \t\u00a0]+[a-z]+)\b")
_PRONOUN_CONJUNCT_RE = re.compile(r"[ \t\u00a0]+(?:and|or)[ \t\u00a0]+(?:I|we|he|she|they)\b")  # "X and I disagreed"
#: -ing words that are prepositions, not verbs acting on the name after them
ING_PREPOSITIONS = frozenset({"including", "according", "regarding", "concerning", "during", "following",
                              "excluding", "notwithstanding", "involving", "considering", "pending"})
_QUOTES = "\"“”"
_OPENING_QUOTES = "\"“‘"
_NAME_RE = re.compile(r"[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,5}\Z")  # a capitalised name, up to six words
_COUNT_BEFORE_RE = re.compile(r"(?:\d(?:[\d,.]*\d)?|\b(?i:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands"
                              r"|millions|dozen|hundred|thousand|million))[ \t\u00a0]+"
                              r"(?:[A-Z][\w-]*[ \t\u00a0]+){0,3}\Z")  # "five Armed Forces personnel"
TOLD = frozenset({"told", "tell", "tells", "telling", "informed", "asked"})
OF = frozenset({"of", "from", "for"})
PREPOSITIONS = frozenset({"in", "at", "to", "with", "on", "after", "against", "into", "about", "over", "like",
                          "as", "under", "before", "between", "among", "near", "behind", "toward", "towards",
                          "upon", "within", "without", "through", "than", "via"})
#: words that follow a verb, never a noun: the word before them is not a noun the name modifies
OBJECTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "him", "them",
                     "it", "us", "me", "themselves", "himself", "herself", "itself", "ourselves"})
_CONJUNCT_BEFORE_RE = re.compile(rf"(?<![\w-])({_CAP}(?:[ \t\u00a0]+{_CAP})*)[ \t\u00a0]+(?:and|or|nor)[ \t\u00a0]+(?:{_DET})?\Z")
_ABSOLUTE_RE = re.compile(r"[ \t\u00a0]+(?!including\b|regarding\b|concerning\b)[a-z]+ing\b")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([a-z][a-z-]*)\b")
FUNCTION_WORDS = frozenset({
    "and", "or", "but", "nor", "of", "in", "to", "for", "with", "on", "at", "by", "from", "as", "that", "who",
    "whom", "whose", "which", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "must", "should", "shall", "does", "did", "do", "be", "been", "being", "not", "also", "then",
    "now", "there", "here", "itself", "themselves", "himself", "herself", "alone", "too", "so", "if", "when",
    "where", "while", "after", "before", "into", "over", "under", "about", "than", "since", "until", "via"})
#: prepositions that also open a clause: a name after them followed by a verb is its subject
CLAUSE_OPENERS = frozenset({"after", "before", "as", "until", "since"})
#: adverbs without -ly that open a verb phrase ("X often had", "X never said")
ADVERBS = frozenset({"often", "always", "never", "still", "already", "just", "again", "even", "sometimes",
                     "usually", "soon", "later", "once", "first", "further", "previously"})
CONTEXTS = ("possessor", "told", "counted", "by", "according", "of", "object", "preposition", "bracketed",
            "quoted", "acts", "modifier", "sentence", "other")
#: contexts where a candidate is not the one acting ("passive") or is ("agent"): a context
#: the team has not shown yet follows what the team did in the others of its family
FAMILIES = {c: "passive" for c in ("possessor", "told", "counted", "of", "object", "preposition", "bracketed",
                                   "quoted", "modifier")}
FAMILIES.update({c: "agent" for c in ("by", "according", "acts", "sentence")})
DESCRIBE = {
    "possessor": "a name owning something (Trump's declaration)",
    "told": "told something (told TASS, in an e-mail to)",
    "counted": "what a number counts (Over 1,000 rescuers, 94 Chinese nationals)",
    "by": "after by (identified by a spokesperson)",
    "according": "after according to",
    "of": "after of / from / for (a member of the Coast Guard)",
    "object": "after a verb that acts on it (visited Svay Rieng, hiring X, to assist authorities)",
    "preposition": "after another preposition (filed in the Superior Court, offered to X)",
    "bracketed": "in brackets after a name (Federal Security Service (FSB))",
    "quoted": "inside a quotation, not starting it (a quotation's first words read as a sentence's)",
    "acts": "before or after a verb (X said, X has announced, said X)",
    "modifier": "modifying the noun after it (an AU summit, Coast Guard units)",
    "sentence": "starting a sentence",
    "other": "anywhere else (never decides: the rules' choice)",
}


def context(text: str, start: int, end: int, verbs: frozenset = frozenset()) -> str:
    """The context of an actor candidate ``text[start:end]`` (one of ``CONTEXTS``); a
    possessive the team keeps in its spans (``Amnesty’s``) still makes a possessor. A
    second conjunct that ends its phrase with no verb of its own reads as the first (``from
    the Coast Guard and the National Police.``: both "of")."""
    own = _own_context(text, start, end, verbs)
    if own in ("sentence", "other") and text[end:end + 1] in ".,;:)\n":
        first = _CONJUNCT_BEFORE_RE.search(text, max(0, start - 80), start)
        if first:
            return context(text, first.start(1), first.end(1), verbs)
    return own


def _own_context(text: str, start: int, end: int, verbs: frozenset) -> str:
    if end - start > 2 and text[end - 2:end] in ("'s", "’s"):
        end -= 2
    if _POSS_RE.match(text, end) and (text[end:end + 2] not in ("'", "’") or text[end - 1:end] == "s"):
        return "possessor"
    before = text[max(0, start - 40):start]
    title = _titles_before().search(before)  # "a spokesperson for President X": the title is the name's
    if title:
        before = before[:title.start()]
    m = _PREV_WORD_RE.search(before)
    if m and text[start:start + 1].islower() and m.group(1).endswith("ed") and before[m.end(1):].strip() == "":
        before = before[:m.start(1)]  # "saw armed police": a participle before a noun is its adjective
        m = _PREV_WORD_RE.search(before)
    prev = m.group(1).lower() if m else ""
    if _TOLD_RE.search(before) or (prev in TOLD and not _COUNT_BEFORE_RE.search(before)):
        return "told"
    if _COUNT_BEFORE_RE.search(before):
        return "counted"
    if prev in verbs and prev.endswith(("s", "d")) and before.rstrip()[-1:] not in "\"“‘'":
        return "acts"  # said X, claims X
    if prev == "by":
        return "by"
    if prev == "to" and before.rstrip().lower().endswith(("according to", "according to the")):
        return "according"
    if prev in OF:
        return "of"
    if prev.endswith("ed") and "-" not in prev and prev not in verbs and not _SENTENCE_START_RE.search(before[:m.start(1)] if m else ""):
        return "object"  # visited Svay Rieng, arrested X
    if _acts_on(before, m, prev, verbs) and _after(text, end, verbs) != "modifier":
        return "object"  # hiring X, to assist authorities (not "directing Coast Guard units")
    if m is not None and heading_verb(text, start, m.group(1)):
        return "object"  # "Trump ousts national security advisor Bolton"
    if prev in PREPOSITIONS:
        if prev == "with" and _ABSOLUTE_RE.match(text, end):
            return "acts"  # "with Zinichev describing the threat": the name does what the -ing says
        if prev in CLAUSE_OPENERS and _verb_after(text, end, verbs):
            return "acts"  # "after Ford voluntarily disclosed": a clause's subject, not an object
        return "preposition"
    if before.endswith("(") and text[end:end + 1] == ")":
        return "bracketed"
    if _inside_quote(text, start) and before[-1:] not in _OPENING_QUOTES \
            and not (text[end:end + 1] == " " and _subject_after(text, end, verbs)):  # its subject: read on
        return "quoted"
    return _after(text, end, verbs) or ("sentence" if _SENTENCE_START_RE.search(before) else "other")


def _acts_on(before: str, m: re.Match | None, prev: str, verbs: frozenset) -> bool:
    """Is the word before a name a verb acting on it: an -ing form not starting its sentence
    (``hiring X``; not ``including``), or a verb after "to" (``to assist X``)?"""
    if m is None or prev in verbs or prev in FUNCTION_WORDS or not prev.isalpha() or not prev.islower():
        return False
    if prev.endswith("ing") and prev not in ING_PREPOSITIONS:
        return not _SENTENCE_START_RE.search(before[:m.start(1)])
    return before[:m.start(1)].endswith(("to ", "to\u00a0"))


def _verb_after(text: str, end: int, verbs: frozenset) -> bool:
    """Does a verb (a reporting verb, an -ed or -ing form, a progressive, "needs to") follow,
    maybe after an auxiliary or adverb?"""
    v = _VERB_AFTER_RE.match(text, end)
    return bool(v and (v.group(1) in verbs or v.group(1) in PAST_IRREGULAR or v.group(1).endswith(("ed", "ing")))
                and v.group(1) not in ING_PREPOSITIONS) \
        or bool(_VERB_FORM_AFTER_RE.match(text, end))


def _subject_after(text: str, end: int, verbs: frozenset) -> bool:
    """Is the name a subject: a verb follows, or "and I" / "and we" (``X and I disagreed``)?"""
    return _verb_after(text, end, verbs) or bool(_PRONOUN_CONJUNCT_RE.match(text, end))


def _after(text: str, end: int, verbs: frozenset) -> str | None:
    """"acts" or "modifier" by the words after a candidate, else None."""
    if _subject_after(text, end, verbs):
        return "acts"
    n = _NEXT_WORD_RE.match(text, end)
    if n and (n.group(1) in ADVERBS or heading_verb(text, end, n.group(1))):
        return "acts"  # "Bolton often had disagreements": an adverb starts the verb phrase, it is no noun
    if n and n.group(1) not in FUNCTION_WORDS and not n.group(1).endswith("ly"):
        after = _NEXT_WORD_RE.match(text, n.end())
        if after and (after.group(1) in verbs or after.group(1) in OBJECTS):
            return "acts"  # "Znak.com further reported" (an adverb), "Sea-Eye credit themselves" (a verb)
        return "modifier"
    return None


@lru_cache(maxsize=1)
def _titles_before() -> re.Pattern:
    """The titles of the lexicon right before a name (``President``, ``Defence Secretary``)."""
    from tui.suggest.rules.lexicon import alternation, load_lexicon

    lex = load_lexicon()
    titles = alternation(set(lex.titles) | {t.lower() for t in lex.titles})  # "under former president X" too
    return re.compile(rf"(?<![\w-])(?:(?:former|acting|late)[ \t\u00a0]+)?(?:(?:{titles})[ \t\u00a0]+)+\Z")


def _inside_quote(text: str, pos: int) -> bool:
    """Is ``pos`` inside a double quotation of its paragraph (an odd count of marks before)?"""
    para = text.rfind("\n", 0, pos) + 1
    return sum(text.count(q, para, pos) for q in _QUOTES) % 2 == 1


@dataclass
class Selection:
    contexts: dict[str, list[int]] = field(default_factory=dict)  # context -> [tagged, untagged]
    names: dict[str, list[int]] = field(default_factory=dict)  # lower-case candidate text -> [tagged, untagged]
    verbs: frozenset = frozenset()
    tagged: dict[str, str] = field(default_factory=dict)  # capitalised names the team tagged that no rule found

    def extra_actors(self, extra: dict | None) -> dict:
        """``extra`` (margin.yaml's actors) with the names the team tagged that the rules
        did not find: the corpus's own actor gazetteer (its types come from the habits)."""
        return {**self.tagged, **(extra or {})} if self.tagged else dict(extra or {})

    def keeps(self, text: str, start: int, end: int) -> bool:
        """Does the team tag the candidate ``text[start:end]``?"""
        seen = self.names.get(text[start:end].lower(), (0, 0))
        if seen[0] == 0 and seen[1] >= MIN_EXAMPLES:
            return False  # a name the team has passed over again and again (a place, a ship)
        decided = self.decides(context(text, start, end, self.verbs))
        return True if decided is None else decided

    def decides(self, where: str) -> bool | None:
        """Does the team tag candidates in context ``where`` (None: it has not shown it)?
        The context's own examples once there are enough, else its family's."""
        tagged, untagged = self.contexts.get(where, (0, 0))
        if tagged + untagged == 0 and where in FAMILIES:
            pool = [v for c, v in self.contexts.items() if FAMILIES.get(c) == FAMILIES[where]]
            tagged, untagged = sum(v[0] for v in pool), sum(v[1] for v in pool)
        if where == "other" or tagged == untagged:
            return None
        return tagged > untagged

    def explain(self) -> list[str]:
        """For ``--explain``: per context what the team does and from how many candidates."""
        seen = sum(t + u for t, u in self.contexts.values())
        if not seen:
            return ["actor candidates: no finished document shows which the team tags; the rules' choice"]
        lines = [f"actor candidates the team tags, by context (from {seen} in finished documents):"]
        for c in CONTEXTS:
            t, u = self.contexts.get(c, (0, 0))
            if t + u or c in FAMILIES:
                way = {True: "tagged", False: "left out", None: "rules"}[self.decides(c)]
                seen_here = f"{t} tagged, {u} not" if t + u else f"no example: as the other {FAMILIES[c]} contexts"
                lines.append(f"  {c:<12} {way:<9} {seen_here}: {DESCRIBE[c]}")
        return lines

    def to_json(self) -> dict:
        return {"contexts": self.contexts, "names": self.names, "tagged": self.tagged}

    @classmethod
    def from_json(cls, d: dict, verbs: frozenset = frozenset()) -> "Selection":
        ctx = {str(k): [int(v[0]), int(v[1])] for k, v in d["contexts"].items()}
        names = {str(k): [int(v[0]), int(v[1])] for k, v in d["names"].items()}
        tagged = {str(k): str(v) for k, v in d.get("tagged", {}).items()}
        return cls(ctx, names, verbs, tagged)


def reporting_verbs() -> frozenset:
    from tui.suggest.rules.actors import load_lexicon

    lex = load_lexicon()
    return frozenset(lex.reporting_verbs) | frozenset(lex.action_verbs)


def learn(triples: Iterable[tuple[str, list[tuple[int, int]], list[tuple[int, int]], int]]) -> Selection:
    """A Selection from (text, the team's ACTOR spans, the rules' ACTOR candidates as
    (start, end), offset up to which the text is annotated)."""
    sel = Selection(verbs=reporting_verbs())
    for text, team, cands, upto in triples:
        team = sorted(team)
        for s, e in cands:
            if s >= upto:
                continue
            tagged = any(ts < e and s < te for ts, te in team)
            c = sel.contexts.setdefault(context(text, s, e, sel.verbs), [0, 0])
            c[0 if tagged else 1] += 1
            n = sel.names.setdefault(text[s:e].lower(), [0, 0])
            n[0 if tagged else 1] += 1
        for ts, te in team:
            name = text[ts:te]
            if ts < upto and _NAME_RE.match(name) and not any(s < te and ts < e for s, e in cands):
                sel.tagged.setdefault(name, "organisation")
    return sel


def of_examples(examples, conventions, extra_actors=None) -> Selection:
    """The Selection of annotated ``tui.suggest.model.crf.Example``s: their ACTOR spans
    beside the rules' candidates cut to ``conventions``. Only finished documents teach it:
    a candidate left untagged says "not an actor" only once the annotator is done (one
    who tags claims first and actors later has not decided yet)."""
    return learn((ex.text, [(s, e) for s, e, lab in ex.spans if lab == "ACTOR"],
                  [sp for m in ex.found(extra_actors).get("ACTOR", ()) if (sp := m.span(conventions))[0] >= ex.since],
                  len(ex.text))
                 for ex in examples if ex.upto is None and any(lab == "ACTOR" for _, _, lab in ex.spans))


def from_saved(saved) -> Selection | None:
    """The Selection saved in a model.json (``Selection.to_json``), or None when it is
    missing or malformed (an older or hand-edited file: learn afresh)."""
    if not isinstance(saved, dict):
        return None
    try:
        return Selection.from_json(saved, reporting_verbs())
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def selected(text: str, raw: list, selection) -> list:
    """``raw`` without the rules' actor candidates the team does not tag, nor the model's
    suggestion of the same words (it saw every candidate as a feature and may propose it
    again; a span it cut differently inside one is its own)."""
    dropped = {(r[0], r[1]) for r in raw if r[2] == "ACTOR" and r[4] == "rules" and not selection.keeps(text, r[0], r[1])}
    return [r for r in raw if r[2] != "ACTOR" or (r[0], r[1]) not in dropped]

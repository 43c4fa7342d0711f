"""Actor rules for a person or role group the lexicon lacks, read as an open class: a
lower-case noun of an agent noun's shape (``driver``, ``organizer``, ``interviewee``,
``legislators``, ``forecasters``) or a short list of person nouns (``judge``, ``official``,
``jury``), with its modifiers, as the subject of a reporting or deciding verb right after it:
``the bus driver told``, ``a federal judge dismissed``, ``An organizer said``, also past a
post-modifier of up to five words (``The owner of the Make Crate subscription service stated``,
``An Al Jazeera reporter in Kenya noted``: the role alone). GUIDELINES: a role without a name is
itself the actor, with its modifiers and no determiner, without its post-modifier.

A singular role is marked only where the text introduces it: after ``a``/``an``/``another``/
``one``, or after ``the`` where the noun is not used earlier in the text (``the commissioner``
that refers back to a named one is an anaphoric nominal, not marked). A plural role group is
marked after any determiner (``the researchers`` stays a role group). Pure."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.suggest.rules.actor_words import in_heading, is_initial, modifiers_start, words_before
from tui.suggest.rules.figures import lower_same_offsets
from tui.suggest.rules.lexicon import Lexicon, alternation

if TYPE_CHECKING:
    from tui.suggest.rules.actors import _Finder

_GAP = r"[ \t\u00a0]+"
#: person nouns without an agent suffix; their type when singular (a jury decides as a court's body)
_PERSON_NOUNS = {"judge": "person", "official": "person", "jury": "government", "eyewitness": "person",
                 "witness": "person", "neighbour": "person", "neighbor": "person", "candidate": "person",
                 "secretary": "person", "minister": "person", "chief": "person"}
#: words of an agent noun's shape that name no person ("the letter said", "the other said")
_NOT_PERSONS = frozenset({
    "letter", "paper", "newspaper", "order", "number", "chapter", "poster", "register", "computer", "monitor", "sector",
    "factor", "error", "border", "center", "water", "power", "cancer", "character", "matter", "manner", "corner",
    "quarter", "headquarter", "trailer", "teaser", "flyer", "server", "browser", "thriller", "meter", "filter",
    "counter", "folder", "cluster", "container", "other", "another", "either", "neither", "whether", "together",
    "however", "rather", "further", "never", "ever", "over", "after", "under", "later", "earlier", "former", "latter",
    "proper", "super", "sooner", "better", "rumor", "rumour", "tumor", "humor", "humour", "mirror", "indicator",
    "committee", "degree", "guarantee", "median", "exist", "insist", "assist", "resist", "list", "twist", "twitter",
    "disaster", "theater", "theatre", "semester", "trimester", "parameter", "identifier", "calculator", "river",
    "tower", "shelter", "reactor", "vector", "motor", "operator", "generator", "transistor", "detector", "sensor",
    "tractor", "elevator", "corridor", "interior", "exterior", "floor", "door", "color", "colour", "labor",
    "labour", "honor", "honour", "favor", "favour", "vapor", "vapour", "flavor", "behavior", "behaviour",
    "mentor", "tenor", "error", "manor", "minor", "major", "senior", "junior", "superior", "inferior", "prior",
    "liquor", "splendor", "harbor", "harbour", "ancestor", "event", "incident", "accident", "percent", "content",
    "component", "plant", "grant", "warrant", "restaurant", "variant", "elephant", "talent", "current", "recent",
    "urgent", "different", "ancient", "present", "frequent", "silent", "patent", "extent", "intent", "consent",
    "descent", "advent", "parent", "constituent", "ingredient", "gradient", "coefficient", "equivalent",
    "continent", "segment"})
_SHAPE = r"[a-z][a-z-]{2,}(?:er|or|ist|ian|ee|(?<!m)(?:ant|ent))"
#: deciding verbs besides the reporting ones ("a federal judge dismissed", "the jury decided")
_DECIDING = ("decided", "ruled", "dismissed", "convicted", "acquitted", "agreed", "ordered", "rejected", "approved",
             "sentenced", "voted", "found", "blocked", "granted", "upheld", "concluded", "urged")
#: past forms that are mostly adjectives or reduced passives right after a noun: a verb only after an
#: auxiliary ("His associates have alleged", not "the accused", "a species described")
_ADJECTIVAL = frozenset({"accused", "alleged", "described", "found", "convicted", "sentenced", "ordered", "approved"})
_OBJECT_RE = re.compile(rf"{_GAP}(?:him|her|them|the|his|their|its|[A-Z])")
#: how far back a person named makes ``the`` + role refer back to him
_BACK = 300
#: determiners that introduce a singular role ("the" only at the noun's first use)
_INTRODUCING = frozenset({"a", "an", "another", "one"})
#: a reduced passive or a verb with a report's object after it: no act of the noun's ("a man sentenced to",
#: "a driver found dead", "a source said to be")
_PASSIVE_AFTER_RE = re.compile(rf"{_GAP}(?:to|by|dead|guilty|of|with)\b")
_WORD_RE = re.compile(r"([\w-]+)[ \t\u00a0]*")
_COUNTS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                     "thousands", "millions", "both", "several"})


#: words that open a clause of their own inside a post-modifier: the verb after them is not the role's
_CLAUSE_WORDS = ("he|she|they|it|we|i|you|who|whom|which|that|and|or|but|when|as|if|whose|where|while"
                 "|of|in|from|at|for|on|with|by|to")  # one preposition only: "patients in Zhuhai in China's … reported"


@lru_cache(maxsize=4)
def _role_re(lex: Lexicon) -> re.Pattern:
    """A lower-case role noun (singular or plural) and its verb after it."""
    verbs = set(lex.reporting_verbs) | set(_DECIDING)
    nouns = rf"{_SHAPE}|{alternation(_PERSON_NOUNS)}"
    stop = rf"(?!(?:{_CLAUSE_WORDS}|{alternation(verbs)})\b)"
    post = rf"(?:{_GAP}(?:of|in|from|at|for){_GAP}(?:{stop}[\w'’.&-]+{_GAP}){{0,4}}{stop}[\w'’.&-]+)?"
    return re.compile(rf"(?<![\w'’-])(?P<noun>(?P<one>{nouns})(?P<plural>s)?){post}"
                      rf"(?P<aux>(?:{_GAP}(?:has|have|had|also|later|then|further|\w+ly))*)"
                      rf"{_GAP}(?P<verb>{alternation(verbs)})(?![\w-])")


def roles(f: _Finder) -> None:
    """Add each role noun the lexicon lacks that is its verb's subject to ``f.cands``."""
    text, lex = f.text, f.lex
    for m in _role_re(lex).finditer(lower_same_offsets(text)):
        one, plural = m.group("one"), bool(m.group("plural"))
        if not (text[m.start()].islower() or is_initial(text, m.start())) \
                or (m.group("verb") in _ADJECTIVAL and not (m.group("aux").strip() or _OBJECT_RE.match(text, m.end()))) \
                or one in _NOT_PERSONS or m.group("noun") in lex.groups or one in lex.groups or one in lex.bodies \
                or _PASSIVE_AFTER_RE.match(text, m.end()) or in_heading(text, m.start()):
            continue
        start = _start(text, m.start(), lex)
        if start is None or not _introduced(f, start, one, plural):
            continue
        typ = "group" if plural else _PERSON_NOUNS.get(one, "person")
        _add(f, start, m.end("noun"), typ)


def _start(text: str, noun: int, lex: Lexicon) -> int | None:
    """Where the role's modifiers start (``United States federal judge``), past a ``one``
    that stands for ``a`` (``One interviewee said``); None when a count opens them (the
    counted noun of a figure is no actor: ``two judges``) or a participle governs the noun
    (``Doctors treating patients reported``: the patients report nothing)."""
    start = modifiers_start(text, noun, lex)
    if any(pos >= start and w.endswith("ing") for pos, w in words_before(text, noun, 3)):
        return None
    first = _WORD_RE.match(text, start)
    if first and start < noun and first.group(1).lower() == "one":
        return first.end()
    if first and start < noun and first.group(1).lower() in _COUNTS:
        return None
    return start


def _introduced(f: _Finder, start: int, one: str, plural: bool) -> bool:
    """Is the role introduced here: a plural anywhere but after ``of`` (``a conspiracy of
    publishers``); a singular after ``a``/``an``/``another``/``one``, or after ``the`` when
    the text has not used the noun before and names no person in the ``_BACK`` characters
    before it (``Foreign Secretary Marcelo Ebrard said …. The foreign minister said`` refers back)?"""
    text = f.text
    before = words_before(text, start, 1)
    det = before[0][1].lower() if before else ""
    if plural:
        return det != "of"
    if det in _INTRODUCING:
        return True
    return det == "the" and re.search(rf"(?<![\w-]){re.escape(one)}(?![\w-])", text[:start], re.I) is None \
        and not any(typ == "person" and start - _BACK <= end <= start for _, end, typ in f.cands)


def _add(f: _Finder, start: int, end: int, typ: str) -> None:
    """Add the role, replacing the candidates it holds (``government`` of ``a government
    official said``); none when a candidate crosses or holds it."""
    inside = [c for c in f.cands if start <= c[0] and c[1] <= end]
    if any(c[0] < end and start < c[1] and c not in inside for c in f.cands):
        return
    for c in inside:
        f.cands.remove(c)
    f.cands.append((start, end, typ))

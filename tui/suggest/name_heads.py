"""Capitalised names that are no actor by their head noun: events (``World War II``, ``TNT
Championship``, ``Election Day``); or by the noun before them: titles of works and names of
ships (``the film Black Panther``, ``the ship Namse Bangdzod``); or by filling a quotation
alone (``"Build Back Better" calls for``, his nickname ``"Spike"``); or by standing in a photo
caption before its credit (``Elizabeth Warren Image: U.S. Senate.``). Pure (no Textual).

    names_no_actor(text, start, end, verbs)   # all of them, and a place's name (contexts.names_place)

GUIDELINES: "An event is no actor, even as a subject". Applied in ``Selection.keeps`` when
suggesting, after learning, like ``contexts.names_place``: the team's votes still see the
candidate, so what a team learned does not move."""

from __future__ import annotations

import re

from tui.suggest.contexts import names_place
from tui.suggest.rules.actor_patterns import patterns
from tui.suggest.rules.lexicon import load_lexicon
from tui.suggest.words_after import subject_after

#: the head nouns of events, contests and their prizes: a name ending in one never acts
EVENT_HEADS = frozenset({"War", "Championship", "Championships", "Olympiad", "Olympics", "Cup", "Festival",
                         "Tournament", "Marathon", "Expo", "Award", "Awards", "Prize", "Medal", "Trophy",
                         "Gala", "Parade", "Pageant", "Jubilee"})
#: heads of a day or a season that are also surnames (``Doris Day``): an event only after a word the
#: text also writes in lower case (``Election Day``, ``Independence Day``) or after ``of the``
#: (``Person of the Year``)
DATED_HEADS = frozenset({"Day", "Week", "Year"})
#: what may follow the head in the name: a roman numeral or a year (``World War II``, ``Expo 2020``)
_AFTER_HEAD_RE = re.compile(r"(?:[IVX]+|\d{4})\Z")


def names_event(text: str, start: int, end: int) -> bool:
    """Does the candidate ``text[start:end]`` name an event, a contest or its prize by its
    head noun (``Iran–Iraq War``, ``World War II``, ``Asian Junior Championships``, ``Baku
    Olympiad``, ``Election Day``)?"""
    words = text[start:end].split()
    if len(words) > 1 and _AFTER_HEAD_RE.match(words[-1]):
        words = words[:-1]
    if not words:
        return False
    if words[-1] in EVENT_HEADS:
        return True
    if words[-1] not in DATED_HEADS or len(words) < 2:
        return False
    before = words[-2]
    return words[-3:-1] == ["of", "the"] or re.search(rf"\b{re.escape(before.lower())}\b", text) is not None


#: nouns whose name follows them: a work's title or a vessel's name ("the 2018 film Black Panther",
#: "Bob Dylan's 2009 release Together Through Life", "the journal Nature Astronomy")
_WORK_BEFORE_RE = re.compile(r"\b(?:film|movie|comedy|drama|thriller|documentary|book|novel|memoir|album|song|"
                             r"release|sitcom|series|musical|opera|poem|ship|vessel|yacht|journal|website)"
                             r"[ \t]+[\"“‘']?\Z")


def names_work(text: str, start: int, end: int) -> bool:
    """Does the candidate ``text[start:end]`` follow a noun that it names as a work or a vessel
    (``the romantic comedy Pillow Talk``, ``the superhero film Black Panther``, ``the ship Namse
    Bangdzod``)? Not when a verb follows it: a publication that reports acts (``the website X
    reported``), and so does one who made the work (``the book Obama wrote``)."""
    return _WORK_BEFORE_RE.search(text, max(0, start - 16), start) is not None \
        and not patterns(load_lexicon()).verb_phrase.match(text, end)


_OPEN_QUOTES = "\"“‘"
_CLOSE_QUOTES = "\"”’"


def names_quoted(text: str, start: int, end: int) -> bool:
    """Does the candidate ``text[start:end]`` fill a quotation alone (``"Build Back Better" is``,
    ``guests of honour "Don't Hug Cacti."``, ``the title "International Master"``, his nickname
    ``"Spike"``)? Such a name is a title, a slogan, a nickname or a term being named, no mention of
    one who acts; a speaker's words around a name (``"Huber was respected"``) are not this."""
    if start == 0 or text[start - 1] not in _OPEN_QUOTES:
        return False
    after = end + 1 if text[end:end + 1] in (".", ",", "!", "?") else end
    return text[after:after + 1] in _CLOSE_QUOTES and text[after:after + 1] != "" \
        and (text[start - 1] != '"' or text[after] == '"')


#: the credit of a photo caption after the words naming what is pictured, in the same line:
#: ``Elizabeth Warren Image: U.S. Senate.``, ``Sirhan in 1969 (Image: CDCR)``, ``Jo JorgensenImage:``
_CAPTION_AFTER_RE = re.compile(r"[^\n]{0,100}?Image:")
_CAPTION_FIRST_RE = re.compile(r"[ \t\u00a0]+([a-z]+)\b")  # "X performs": a present tense right after the name
_CAPTION_BRACKET_RE = re.compile(r"[ \t\u00a0]*\([^()\n]*\)")
_CAPTION_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]+\b")  # a caption's lower-case words: a verb among them acts


def names_pictured(text: str, start: int, end: int, verbs: frozenset) -> bool:
    """Is the candidate ``text[start:end]`` what a photo caption shows, before its credit
    (``Image: X``) in the same line, with no verb of its own (GUIDELINES: a caption that only
    names who is pictured marks no actor; ``Violinist Brigit O'Regan performs. Image: X``
    acts)? Decided when suggesting, like ``names_place``."""
    if text.startswith(":", end) and text[start:end].endswith("Image"):
        return True  # the credit's label read into a name: "Elizabeth Warren Image", "Image" alone
    m = _CAPTION_AFTER_RE.match(text, end)
    if m is None or "Image:" in text[text.rfind("\n", 0, start) + 1:start]:
        return False  # no caption, or the credit itself (GUIDELINES are silent on credits)
    between = _CAPTION_BRACKET_RE.sub(" ", text[end:m.end()])  # "President X (center) stands with": its verb
    words = _CAPTION_WORD_RE.findall(between)
    return not (subject_after(text, end, verbs) or any(w in verbs or w.endswith("ed") for w in words)
                or ((first := _CAPTION_FIRST_RE.match(between)) is not None
                    and first.group(1).endswith("s") and not first.group(1).endswith("ss")))


def names_no_actor(text: str, start: int, end: int, verbs: frozenset) -> bool:
    """Does the candidate ``text[start:end]`` name no one who acts, whatever its context: a
    place, an event, a work, a quoted title or what a photo caption shows? Asked when
    suggesting (``Selection.keeps``), after learning."""
    return names_place(text, start, end) or names_pictured(text, start, end, verbs) \
        or names_event(text, start, end) or names_work(text, start, end) or names_quoted(text, start, end)

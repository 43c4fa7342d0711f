"""The counted noun after a figure's number: up to three modifiers and a plural head
("1,440 Indonesian nationals", "videos and images"), a currency word ("dollars") or a
unit of measure ("km"), and which of the figure's parts it fills."""

from __future__ import annotations

import re

from tui.suggest.rules.actor_words import is_initial
from tui.suggest.rules.figwords import (CURRENCY_WORDS, IRREGULAR_PLURALS, MEASURES, NOT_MODIFIERS, ONE_PERSON_NOUNS,
                                       UNITS, VAGUE)

_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w’'-]*)(/[^\W\d_]\w*)?")
_US_DOLLARS_RE = re.compile(r"[ \t\u00a0]+(?:US|U\.S\.)[ \t\u00a0]+dollars?\b")
_THE_RE = re.compile(r"(?:the|those|these|their)[ \t\u00a0]+(?=\w)", re.IGNORECASE)
_OF_RE = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0])")
_COORD_RE = re.compile(r"[ \t\u00a0]+(and|or)[ \t\u00a0]+([a-z][\w-]*)")
_CURRENCY_CODES = frozenset(CURRENCY_WORDS.values())
#: a part of a whole counted again: "five of the territory's six delegates", "39 of the state's 40"
_OF_WHOLE_RE = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?:(?:the|its|their|his|her|our)[ \t\u00a0]+)?"
                          r"(?:[\w-]+(?:'s|’s)[ \t\u00a0]+)?(?:\d[\d,]*(?![\w.,]\d)|(?i:"
                          + "|".join(sorted(UNITS, key=len, reverse=True)) + r"))\b(?!-)")
#: an acronym that modifies the counted noun ("11 US troops", "five ISIS fighters"), with
#: the expansion a text may give in brackets after it ("ISIS (Islamic State ...) fighters")
_ACRONYM_RE = re.compile(r"[ \t\u00a0]+(?!(?:AM|PM|GMT|UTC)\b)([A-Z]{2,6}|(?:[A-Z]\.){2,4}(?!\w))"
                         r"(?:[ \t\u00a0]*\([^()\n]{1,80}\))?(?=[ \t\u00a0])")
#: an acronym in the plural is a counted noun ("two NGOs", "three UAVs")
_PLURAL_ACRONYM_RE = re.compile(r"[A-Z]{2,6}s")
#: a capitalised compound modifier: "Turkish-backed fighters", "US-led forces"
_COMPOUND_RE = re.compile(r"[^\W\d_][\w’']*-[a-z]+")
#: "-ly" words that are adjectives, not adverbs: "2.9 billion monthly users"
#: capitalised words (a name) before people counted in the plural: "Armed Forces personnel"
_NAME_RUN_RE = re.compile(r"(?:[ \t\u00a0]+[A-Z][\w’'-]*){1,3}(?=[ \t\u00a0]+[a-z])")
_LOWER_WORD_RE = re.compile(r"[ \t\u00a0]+([a-z][\w-]*)\b")
_LY_ADJECTIVES = frozenset("daily weekly monthly yearly hourly nightly quarterly elderly".split())


#: units of measure read after a space, beyond MEASURES (the model's features, unchanged): "75 m (250
#: ft) ship", "about ten lbs", "8 m/s", "60 km/s" (the unit as written, GUIDELINES)
_MEASURES = MEASURES | frozenset("m ft lb lbs mi kph kmh mg ml m/s km/s".split())

#: singular nouns in "-men" ("gunmen", "policemen", "militiamen" are plurals)
_MEN_SINGULARS = frozenset("specimen abdomen regimen acumen stamen hymen semen omen amen bitumen albumen lumen".split())


def is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PLURALS or w in _MEASURES or (len(w) > 4 and w.endswith("men") and w not in _MEN_SINGULARS):
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def counted_noun(text: str, pos: int, allow_of: bool, demonyms) -> tuple[int, str | None]:
    """(end, unit) of the counted noun phrase after ``pos``: up to three modifiers and a
    plural head ("Indonesian nationals", "scam compounds", "videos and images"), a currency
    word ("dollars" -> USD), or (pos, None)."""
    p = pos
    us = _US_DOLLARS_RE.match(text, p)
    if us:
        return us.end(), "USD"
    if allow_of and _OF_WHOLE_RE.match(text, p):  # the noun is the whole's, the whole a figure of its own
        return pos, whole_unit(text, p, demonyms)
    if allow_of:
        m = _OF_RE.match(text, p)
        if m:
            p = m.end()
            the = _THE_RE.match(text, p + 1)
            p = the.end() - 1 if the else p
    for _ in range(4):
        a = _ACRONYM_RE.match(text, p)
        if a and a.group(1).lower() not in MEASURES:
            p = a.end()
            continue
        m = _NEXT_WORD_RE.match(text, p)
        if not m:
            break
        word, end = m.group(1), m.end(1)
        if m.group(2) and (word + m.group(2)).lower() in _MEASURES:  # a unit with a slash: "km/h"
            word, end = word + m.group(2), m.end()
        lw = word.lower()
        if lw == "pounds" and _weighed(text, pos, end):
            return end, lw
        if lw in CURRENCY_WORDS:
            return end, CURRENCY_WORDS[lw]
        if _PLURAL_ACRONYM_RE.fullmatch(word):
            return end, word
        if not _modifies(word, demonyms):
            named = _named_head(text, p) if word[0].isupper() else None
            if named:
                return named
            if _member_plural(text, word, p, end):
                return end, word
            break
        p = end
        if is_plural(word) and not _collective_modifier(text, lw, p):
            c = _COORD_RE.match(text, p)
            if c and is_plural(c.group(2)) and c.group(2) not in NOT_MODIFIERS \
                    and c.group(2) not in VAGUE:
                return c.end(), f"{lw} {c.group(1)} {c.group(2)}"
            return p, lw
    return pos, None


#: a collective noun that modifies a plural head: "two police officers", "staff members", "media outlets"
_COLLECTIVES = frozenset("police staff media cattle livestock fish sheep".split())


def _collective_modifier(text: str, word: str, end: int) -> bool:
    """Whether the collective ``word`` ending at ``end`` modifies the plural noun after it."""
    if word not in _COLLECTIVES:
        return False
    n = _NEXT_WORD_RE.match(text, end)
    return bool(n and n.group(1)[0].islower() and n.group(1) not in NOT_MODIFIERS and is_plural(n.group(1)))


#: pounds of weight, not money: "weighed 82 pounds", "82 pounds (37 kg)", "82 pounds of cocaine"
_WEIGH_BEFORE_RE = re.compile(r"(?i:weigh\w*)[^.;\n]{0,24}\Z")
_WEIGHT_AFTER_RE = re.compile(r"[ \t\u00a0]*\([ \t\u00a0]*[\d.,]+[ \t\u00a0]*(?:kg|kilo)|[ \t\u00a0]+of[ \t\u00a0]+[a-z]")


def _weighed(text: str, pos: int, end: int) -> bool:
    """Whether "pounds" ending at ``end`` after a number ending at ``pos`` weighs rather than pays."""
    return bool(_WEIGH_BEFORE_RE.search(text, max(0, pos - 40), pos) or _WEIGHT_AFTER_RE.match(text, end))


_NAMES_ONE_RE = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*[A-Z]|[ \t\u00a0]+(?:said|says|told|tells|added|claimed|explained"
                           r"|described|wrote|stated|reported|recalled|confirmed|noted|warned)\b")


#: ... or after a word that stresses a count: "recorded only one studio album"
_PREPOSITION_BEFORE_RE = re.compile(r"(?<![\w-])(?:in|at|from|on|into|inside|near|to|with|by|(?i:only|just))[ \t\u00a0]+$")
_ONE_THING_RE = re.compile(r"[ \t\u00a0]+([a-z][a-z-]+)\b(?![ \t\u00a0]*(?:,[ \t\u00a0]*[A-Z]|of\b))")
#: a second word of the thing ("studio album"), unless a verb in the past ("one independent supported")
_ONE_HEAD_RE = re.compile(r"[ \t\u00a0]+([a-z][a-z-]+)\b(?<!ed)(?![ \t\u00a0]*,[ \t\u00a0]*[A-Z])")
#: a verb in -ing with its object after "one": "the only one running it", "one lever delivering the food"
_ING_VERB_RE = re.compile(r"[ \t\u00a0]+(?!(?:build|meet|paint|hear|wedd|even|morn|ceil|r|th|k|spr|str|w|sibl|offspr|end"
                          r"|record|fil|sett|open|land|cross|dwell|bomb|shoot|stabb|kill)ing\b)[a-z]+ing[ \t\u00a0]+(?:it|them|him|her|me|us|you|the|a|an|such|this|that|these"
                          r"|those|his|their|our|its|my|your)\b")
#: "one" + a singular noun that is an idiom, not a count: "at one point", "on one hand"
_NOT_HEADS = frozenset("yesterday today tonight tomorrow ago now here there again alone against among between "
                       "during without within after before behind since until upon "
                       "where when which who whom whose while what that".split())
_ONE_IDIOMS = frozenset("point time way hand side go another piece thing day".split())


def one_after_preposition(text: str, start: int, end: int) -> tuple[int, str | None]:
    """(end, unit) of "one" + a singular noun after a preposition ("35 bodies in one
    hospital", "a notebook from one victim") or after "only" ("only one studio album"), or
    (end, None) ("at one point")."""
    if not _PREPOSITION_BEFORE_RE.search(text, max(0, start - 8), start):
        return end, None
    return _one_thing(text, end)


#: a count of things before "one" in the same list: "215 votes in favour, ten abstentions, and one
#: vote against", "eight wins and one loss", "two Democrats opposed, and one independent supported"
_LIST_COUNT_RE = re.compile(r"(?i:\b(?:\d[\d,]*|" + "|".join(sorted((w for w in UNITS if w not in ("zero", "one")),
                                                                  key=len, reverse=True))
                            + r")[ \t\u00a0]+(?:[a-z][\w-]*[ \t\u00a0]+)?[a-z][\w-]*s\b)")
_LIST_AND_RE = re.compile(r"(?:,|[ \t\u00a0]and)[ \t\u00a0]+\Z")
_CLAUSE_BREAKS = ".;:!?\n()[]\"“”"


def clause_start(text: str, start: int, reach: int) -> int:
    """Where the clause ``start`` is in begins: after the last break (".", ";", a bracket, a
    quote, a new line) in the ``reach`` characters before it."""
    lo = max(0, start - reach)
    return max(lo, max(text.rfind(c, lo, start) for c in _CLAUSE_BREAKS) + 1)


#: verbs after "one" that make it a pronoun for one of the things counted: "and one said he would stay"
_ONE_VERBS = frozenset("said says told tells added stated wrote stayed remained went came got won left took "
                       "made gave saw ran did".split())


def one_in_list(text: str, start: int, end: int) -> tuple[int, str | None]:
    """(end, unit) of "one" + a singular noun that ends a list of counts ("ten abstentions, and
    one vote against"), or (end, None): "three books, one with his wife" stands for one of them."""
    if not _LIST_AND_RE.search(text, max(0, start - 8), start) \
            or not _LIST_COUNT_RE.search(text, clause_start(text, start, 120), start):
        return end, None
    got = _one_thing(text, end)
    return (end, None) if got[1] in _ONE_VERBS or (got[1] or "").endswith("ed") else got


def _one_thing(text: str, end: int) -> tuple[int, str | None]:
    """(end, unit) of the singular noun after "one" ending at ``end`` ("one studio album"), or (end, None)."""
    m = _ONE_THING_RE.match(text, end)
    if not m or _ING_VERB_RE.match(text, end):
        return end, None
    word = m.group(1)
    if word in NOT_MODIFIERS or word in _ONE_IDIOMS or word in CURRENCY_WORDS or is_plural(word) or word.endswith("ly"):
        return end, None
    head = _ONE_HEAD_RE.match(text, m.end(1))
    if head and head.group(1) not in NOT_MODIFIERS | _NOT_HEADS and not is_plural(head.group(1)) \
            and not head.group(1).endswith("ly") and not _ING_VERB_RE.match(text, m.end(1)):
        return head.end(1), head.group(1)
    return m.end(1), word


def one_counted(text: str, pos: int, demonyms) -> tuple[int, str | None]:
    """(end, unit) of the one person "one" counts after ``pos`` ("one victim", "one US
    soldier", "One child was"), or (pos, None); not when the phrase introduces a speaker
    or a name ("One activist, Nur Khan Liton,", "one resident said")."""
    p = pos
    for _ in range(3):
        a = _ACRONYM_RE.match(text, p)
        if a and a.group(1).lower() in ONE_PERSON_NOUNS:  # "one MP of the People's Party"
            return (pos, None) if _NAMES_ONE_RE.match(text, a.end()) else (a.end(), a.group(1))
        if a:
            p = a.end()
            continue
        m = _NEXT_WORD_RE.match(text, p)
        if not m or m.group(2) or not _modifies(m.group(1), demonyms):
            break
        p = m.end(1)
        if m.group(1).lower() in ONE_PERSON_NOUNS:
            return (pos, None) if _NAMES_ONE_RE.match(text, p) else (p, m.group(1).lower())
    return pos, None


#: members of a party, a faith or a movement, or holders of an office, capitalised: "fifteen Democrats",
#: "199 Republicans", "two Presidents", "three Senators"
_MEMBER_PLURAL_RE = re.compile(r"[A-Z][a-z]+(?:ans|ats|ists|ives|ics|ites|als|ers|ents|ors)")
_CAPITAL_NEXT_RE = re.compile(r"[ \t\u00a0]+[A-Z]")
_WORD_END_RE = re.compile(r"[A-Za-z][A-Za-z-]*\Z")


def _member_plural(text: str, word: str, pos: int, end: int) -> bool:
    """A capitalised plural of a member noun counts people ("fifteen Democrats defected",
    "235 Republicans"), unless it is inside a name: a capitalised word follows ("Five Things
    You Need") or the word before it is capitalised inside a sentence ("the Seven Sisters")."""
    if not _MEMBER_PLURAL_RE.fullmatch(word) or _CAPITAL_NEXT_RE.match(text, end):
        return False
    w = _WORD_END_RE.search(text, max(0, pos - 24), pos)
    if w is None or not w.group(0)[0].isupper():
        return True  # digits or a lower-case number word
    return is_initial(text, w.start())  # "Fifteen Democrats defected." opens a sentence


def _named_head(text: str, pos: int) -> tuple[int, str] | None:
    """(end, head) when a name of up to three capitalised words modifies a plural common
    noun after ``pos`` ("five Armed Forces personnel", "two Boeing jets", "17 Katyusha
    rockets"); None for a name that is no modifier ("the Three Gorges Dam")."""
    run = _NAME_RUN_RE.match(text, pos)
    p = run.end() if run else pos
    for _ in range(3 if run else 0):
        m = _LOWER_WORD_RE.match(text, p)
        if not m or m.group(1) in NOT_MODIFIERS or m.group(1).endswith("ly"):
            return None
        p = m.end()
        if is_plural(m.group(1)) and not _collective_modifier(text, m.group(1), p):
            return p, m.group(1)
    return None


def _modifies(word: str, demonyms) -> bool:
    """Whether ``word`` can be a modifier or the head of a counted noun phrase: not a
    function word, an adverb or a name ("Boeing 737 jets" stops at "Boeing")."""
    lw = word.lower()
    if lw in NOT_MODIFIERS or (lw.endswith("ly") and lw not in _LY_ADJECTIVES):
        return False
    return not word[0].isupper() or word in demonyms or bool(_COMPOUND_RE.fullmatch(word))


def whole_unit(text: str, pos: int, demonyms) -> str | None:
    """The noun counted after the whole in "five of the territory's six delegates" (a part before ``pos``)."""
    whole = _OF_WHOLE_RE.match(text, pos)
    return counted_noun(text, whole.end(), False, demonyms)[1] if whole else None


def record_after(end: int, unit: str | None, parts: dict) -> None:
    """Record what the counted-noun reader found after the number: a currency word, a
    unit of measure or a counted noun."""
    if unit is None:
        return
    if unit in _CURRENCY_CODES:
        parts["money_end"] = end
    elif unit in _MEASURES or unit == "pounds":  # "pounds" read as money is GBP
        parts["measure_end"] = end
    else:
        parts["noun_end"] = end

"""What makes a number a label, a date, a year, a name or an age rather than a quantity
(the figure rules skip these)."""

from __future__ import annotations

import re
from decimal import Decimal

from tui.suggest.rules.figwords import LABEL_WORDS, MONTHS, YEAR_CONTEXT

_MONTH_BEFORE_RE = re.compile(r"(?i:\b(?:" + "|".join(MONTHS) + r")\.?)\s+$")
_MONTH_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?\s+(?i:(?:" + "|".join(MONTHS) + r")\b)")
_TIME_AFTER_RE = re.compile(r"\s?(?:am|pm|a\.m\.|p\.m\.|GMT|UTC)(?!\w)")
_WORD_BEFORE_RE = re.compile(r"([\w.§#]+)\s*$")
#: a house number: "10 Downing Street", "1600 Pennsylvania Avenue"
#: a legal citation's title number: "17 U.S. Code § 1201", "42 U.S.C. 1983", "40 CFR 60"
_CODE_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:U\.?S\.?C\.?|U\.S\.[ \t\u00a0]+Code|C\.?F\.?R\.?)(?![\w])")
_STREET_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:[A-Z][\w'’-]*[ \t\u00a0]+){1,3}"
                              r"(?:Street|Avenue|Road|Lane|Boulevard|Square|Drive|Place|Terrace)\b")
#: a word that makes a following "one" a pronoun: "some one of us", "no one", "every one"
_PRONOUN_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:some|any|every|each|no|this|that|the|which|another|such)"
                                r"[ \t\u00a0]+$")
#: a time zone's offset: "(UTC+0900)", "UTC+9", "GMT -5"
_ZONE_BEFORE_RE = re.compile(r"(?<![\w])(?:UTC|GMT)[ \t\u00a0]?[+±−–-][ \t\u00a0]?\Z")
#: an emergency phone number, called or named by its call: "phoned 911", "a 999 call"
_EMERGENCY = frozenset({"911", "999", "112", "000", "111"})
_CALLING_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:phon|call|dial|ring|rang|rung)\w{0,5}[ \t\u00a0]+\Z")
_CALL_AFTER_RE = re.compile(r"[ \t\u00a0]+(?i:calls?|callers?|operators?|dispatch\w*|lines?|services?)\b")
_PLURAL_AFTER_RE = re.compile(r"[ \t\u00a0]+[a-z]+s\b")
AGE_AFTER_RE = re.compile(r"(?:[ \t\u00a0]*(?:or|to|-|–)[ \t\u00a0]*\d{1,3})?"  # "12 or 11 years old": a range of ages
                          r"(?:[\s-]+years?[\s-]+old\b|-year-old|\s+years?\s+of\s+age\b)")


def is_label_or_date(text: str, m: re.Match) -> bool:
    """Page/section numbers, dates, times, time zones' offsets, a numeral quoted alone, house
    numbers, a legal code's title number, an emergency phone number and a footnote's or a list
    item's number at a line's start ("1. Unofficial results")."""
    start, end = m.span()
    if (start == 0 or text[start - 1] == "\n") and text.startswith(". ", end) and m.group("num") \
            and m.group("num").isdigit() and not (m.group("cur") or m.group("scale") or m.group("pct")):
        return True
    if start and text[start - 1] in "\"“" and text[end:end + 1] in ("\"", "”"):
        return True  # a numeral quoted alone is named: "19" in `"D" is for "disease," and "19"`
    before = text[max(0, start - 12):start]
    w = _WORD_BEFORE_RE.search(before)
    if w and w.group(1).lower().rstrip(".") in LABEL_WORDS or before.rstrip().endswith(("#", "§")) \
            or _ZONE_BEFORE_RE.search(before):
        return True
    if not m.group("cur") and (_MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(text, end)):
        return True
    return bool(_TIME_AFTER_RE.match(text, end) or _STREET_AFTER_RE.match(text, end) or _CODE_AFTER_RE.match(text, end)
                or _emergency_number(text, m))


def _emergency_number(text: str, m: re.Match) -> bool:
    """An emergency phone number after a calling verb or before its call ("phoned 911",
    "a 999 call"): no quantity ("called 40 witnesses", "called 911 witnesses" still count)."""
    if m.group("num") not in _EMERGENCY or m.group("cur") or m.group("scale") or m.group("pct") or m.group("glued"):
        return False
    if _CALL_AFTER_RE.match(text, m.end()):
        return True
    return bool(_CALLING_BEFORE_RE.search(text, max(0, m.start() - 16), m.start())) \
        and not _PLURAL_AFTER_RE.match(text, m.end())


def is_year(text: str, m: re.Match, value: Decimal, unit: str | None) -> bool:
    """1500-2100 written as four bare digits, with no unit, after "in", "the", "since"... or
    after a name ("Directive 2000")."""
    num = m.group("num")
    if m.group("cur") or m.group("scale") or m.group("pct") or m.group("glued") or not num.isdigit() or len(num) != 4 \
            or not 1500 <= value <= 2100:
        return False
    w = _WORD_BEFORE_RE.search(text[max(0, m.start() - 12):m.start()])
    # after a name, the year is part of it: "the E-Commerce Directive 2000 provides", "Vision 2030"
    return unit is None or (w is not None and w.group(1).lower() in YEAR_CONTEXT) or after_name(text, m.start())


def after_name(text: str, start: int) -> bool:
    """A bare number right after a capitalised word mid-sentence: a name (Boeing 737, Route 66)."""
    w = _WORD_BEFORE_RE.search(text[max(0, start - 20):start])
    if not w or not w.group(1)[:1].isupper():
        return False
    before = text[max(0, start - 20):start][: w.start(1)].rstrip()
    return bool(before) and before[-1] not in ".!?“\"\n"


def is_age(text: str, start: int, end: int, value) -> bool:
    """"36 years old", "40-year-old": an age, not a count. ("Whitcombe, 61," is a figure
    under the rules' own guideline: a team that disagrees teaches the model.)"""
    return bool(AGE_AFTER_RE.match(text, end))


def is_pronoun_one(text: str, start: int, end: int) -> bool:
    """"one" after a determiner or quantifier: a pronoun, not a count ("some one of us
    departs", "no one", "every one of them", "the one who"). "some" is also a qualifier
    cue ("some 300"), which made "some one" read as "about 1"."""
    return text[start:end].lower() == "one" and bool(_PRONOUN_BEFORE_RE.search(text, max(0, start - 10), start))

"""What the words around a number say it is, when that is no quantity of anything: an age,
the second day of a date, a year that names something, the distance that names a race.
Read after a figure's number, cue and counted noun are known (``figures._figure``), for every
kind of number (digits and words, alone or as a range's end).

- **No figure under any guideline**: an age after ``age``/``aged`` (``at age 10``, ``aged above
  60``, ``range in age from 21 to 78``); a day after a month's day (``from July 13 to 17``); a
  bare year before a capitalised word (``wins 2020 US Republican delegates``), after a sentence's
  first capitalised word (``Canada 2019 general election``) or after a statute's name (``the
  Wildlife Protection Act, 1972 lists``); a race's distance (``the 400 m hurdles``, ``400
  metres hurdles final``); a number before a singular unit describing a noun (``the seven hour
  drive``, ``a 47 month prison term``: adjectival); an earthquake's magnitude (``a 6.3 magnitude
  earthquake``, ``the magnitude was 5.5``, ``the 5.0 earthquake``); the ``M`` of a rate (``per
  100,000 people``); a number naming a stage with nothing counted after it (``in round 3``,
  ``freedom 3 is``, ``chaired region six``); a version after a name (``Democracy 2.0``); the
  ``1`` that defines a unit (``[1 cm = about 0.39 inch]``).
- **An age the team decides** (``Figure.age``): a bare number set off after a name or a person
  (``Andrew Kinsman, 49, was``, ``the princess, 67, announced``, ``He was 79.``). The rules'
  own guideline counts it (docs/suggest.md: ``Whitcombe, 61,``); the convention
  ``figure_ages`` (``tui.suggest.conventions``) drops it for a team whose annotations leave
  such ages untagged. The ages said in words the rules never count (``aged 36``, ``36 years
  old``, ``a 36-year-old``, ``Fourteen-year-old``: ``age_phrases``) teach it too: a team's
  figure on one says "in", none says "out".
"""

from __future__ import annotations

import itertools
import re

from tui.suggest.rules.actor_words import is_initial
from tui.suggest.rules.figwords import MONTHS, NOT_MODIFIERS, QUALIFIER_CUES, UNITS

_NONE, AGE = "none", "age"
_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))  # one to ninety
#: an age in the words that say it is one: "aged 36", "at age 10", "ages 5 to 12", "36 years old",
#: "a 36-year-old", "Fourteen-year-old", "twenty-five-year-old" (group "n": the number)
_AGE_PHRASE_RE = re.compile(
    r"(?<![\w'’-])(?i:aged?|ages)[ \t\u00a0]+(?:(?:from|between|above|over|under|below|about|around|of)[ \t\u00a0]+)?"
    r"(?P<n>\d{1,3})(?![\d.,]\d)"
    r"|(?<![\w'’.,-])(?P<m>\d{1,3}|(?i:(?:" + _UNIT_WORDS + r")(?:-(?:" + _UNIT_WORDS + r"))?))"
    r"(?:[ \t\u00a0]+years?[ \t\u00a0]+old|-years?-old)(?![\w-])")

#: "aged above 60", "at age 10", "range in age from 21 to 78", "ages 5 to 12"
_AGE_WORD_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?i:aged?|ages)[ \t\u00a0]+(?:(?:from|between|above|over|under|below|about|around|of)[ \t\u00a0]+)?"
    r"(?:(?:\d{1,3}|(?i:" + _UNIT_WORDS + r"))[ \t\u00a0]*(?:to|and|or|-|–|—)[ \t\u00a0]*)?\Z")
#: "July 13 to 17", "on 3–5 March" is read by the month after: here the month before the first day
_DAY_RANGE_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?i:(?:" + "|".join(MONTHS) + r")\.?)[ \t\u00a0]+\d{1,2}(?:st|nd|rd|th)?[ \t\u00a0]*"
    r"(?:to|through|until|till|and|-|–|—)[ \t\u00a0]*\Z")
#: "the Wildlife Protection Act, 1972": a statute's year
_STATUTE_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:Act|Code|Rules|Regulations|Ordinance|Order|Law)[ \t\u00a0]*,[ \t\u00a0]*\Z")
#: a sentence's (or a headline's) first word, capitalised, right before the number: "Canada 2019"
_CAPITAL_WORD_BEFORE_RE = re.compile(r"(?<![\w'’.-])(?P<word>[A-Z][\w'’.-]*)[ \t\u00a0]+\Z")
_CAPITAL_AFTER_RE = re.compile(r"[ \t\u00a0]+[A-Z]")
#: the distance that names a race: "400 m hurdles", "100 metres freestyle", "10,000 m final"
_RACE_AFTER_RE = re.compile(
    r"[ \t\u00a0-]*(?:m|metres?|meters?|km|kilometres?|kilometers?|miles?|yards?)[ \t\u00a0-]+"
    r"(?:hurdles|freestyle|backstroke|breaststroke|butterfly|individual[ \t\u00a0]+medley|medley|relay"
    r"|sprint|dash|steeplechase|race[ \t\u00a0]+walk)\b", re.IGNORECASE)
#: a number before a singular unit that describes the noun after it: "the seven hour drive", "a 47
#: month prison term", "The 1000 megawatt underwater cable" (adjectival, like "ten-storey")
_ADJECTIVAL_UNIT_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(?:second|minute|hour|day|week|month|year|decade|mile|foot|yard|inch|metre|meter|kilometre"
    r"|kilometer|acre|megawatt|kilowatt|gigawatt)[ \t\u00a0]+(?!(?:of|ago|and|or|later|earlier|before|after|long"
    r"|old|away|in|on|at|to|for|from|by|with|the|a|an|per|into|than|more|less)\b)[a-z]")
#: an earthquake's magnitude, a label (GUIDELINES): "a 6.3 magnitude earthquake", "of 7.0 magnitude",
#: "6.1 on the Richter scale", "the magnitude of the earthquake was 6.6", "a magnitude of 4.0"; a
#: decimal before the quake it rates: "the 5.0 earthquake", "with 5.2 quake" ("over 400 magnitude 2+
#: earthquakes" counts them)
_MAGNITUDE_AFTER_RE = re.compile(r"[ \t\u00a0-]+(?i:magnitude\b(?![ \t\u00a0]*\d)|on[ \t\u00a0]+the[ \t\u00a0]+Richter\b)")
_QUAKE_AFTER_RE = re.compile(r"[ \t\u00a0-]+(?i:(?:earth)?quake|tremor|aftershock|temblor)\b")
_MAGNITUDE_BEFORE_RE = re.compile(
    r"(?i:magnitude)(?:[ \t\u00a0]+of[ \t\u00a0]+the[ \t\u00a0]+[\w-]+)?[ \t\u00a0]+(?:was|is|of|at|reached|measured)"
    r"[ \t\u00a0]+(?:(?:about|around|roughly|approximately|nearly)[ \t\u00a0]+)?\Z")
#: a number that names a stage of something, with nothing counted after it: "in round 3", "freedom 3 is",
#: "she chaired region six" (labels, GUIDELINES; "round 3 teams" counts)
_LABEL_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:round|stage|region|freedom|level|game|match|heat|leg|group|lap|hole"
                              r"|district|ward|zone)[ \t\u00a0]+\Z")
#: a version after a name, a decimal with nothing counted: "Democracy 2.0", "Qur'an 2.0", "[Version] [5.3]"
_VERSION_BEFORE_RE = re.compile(r"(?<![\w'’.-])(?P<word>[A-Z][\w'’-]*)(?<!'s)(?<!’s)\]?[ \t\u00a0]+\[?\Z")
_DECIMAL_RE = re.compile(r"\d+\.\d+")
#: words before a number that are no name: "It's 40 days", "Every 40 days", "The 176 people"
_NOT_NAME_WORDS = frozenset("the a an every each it's it’s that's maybe with all any no this these those".split())
#: "1" that defines a unit, an editor's note: "[1 cm = about 0.39 inch]", "1 Solar mass = mass of the Sun"
_DEFINES_UNIT_RE = re.compile(r"[ \t\u00a0]*(?:[A-Za-z]+[ \t\u00a0]?){1,3}[ \t\u00a0]*=")
#: the M of a rate "N per M" is no figure of its own (GUIDELINES): "per 100,000 people", "per thousand"
_PER_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:per)[ \t\u00a0]+\Z")
#: a bare number set off after a word: "Kinsman, 49, was", "the princess, 67, announced", "Smith (49)"
_APPOSED_BEFORE_RE = re.compile(r"(?<![\w'’-])(?P<word>[A-Za-z][\w'’.-]*)(?:,[ \t\u00a0]+|[ \t\u00a0]+\()\Z")
_APPOSED_AFTER_RE = re.compile(r"[ \t\u00a0]*[,)]")
#: "the greatest number of women, 102, and": the number set off after it is the count, no age
_COUNT_OF_RE = re.compile(r"(?<![\w'’-])(?i:number|total|count|tally)[ \t\u00a0]+of[ \t\u00a0]+(?:[\w'’-]+[ \t\u00a0]+){0,2}\Z")
#: an age said of a person: "He was 79.", "I am 26 now", "He would have been 80 on", "Grateful Dead
#: was 78.", "Hagan, the state's first female Senator, was 66." (a capitalised word as subject: "the
#: toll was 12", "The R0 is about 12–18", "GDP was 3." count), "I was about 18, 19"
_PREDICATE_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?:(?:(?:[Hh]e|[Ss]he|I)[ \t\u00a0]+(?:was|is|am|would[ \t\u00a0]+have[ \t\u00a0]+been)|I[’']m)"
    r"|[A-Z][a-z][A-Za-z'’.-]*,?[ \t\u00a0]+(?:was|is))"
    r"[ \t\u00a0]+(?:(?:about|around|only|just|nearly|almost|barely)[ \t\u00a0]+)?\Z")
_PREDICATE_AFTER_RE = re.compile(r"[ \t\u00a0]*(?:[.;!?,]|[ \t\u00a0]+\[?(?:and|but|when|on|now|at|in|until|turning)\b)")
_AGE_RANGE_RE = re.compile(r"\d{1,3}(?:[-–]\d{1,3})?")  # "I was 18-19 when"
#: an age at death, in a headline too: "Doris Day dies at 97", "died on Monday at 103"
_DIED_AT_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:dies|died|passed[ \t\u00a0]+away)(?:[ \t\u00a0]+[\w'’-]+){0,3}?"
                                r"[ \t\u00a0]+at[ \t\u00a0]+\Z")
#: a sentence that opens on an age: "At 77, Biden became the oldest"
_AT_AGE_BEFORE_RE = re.compile(r"(?<![\w'’-])At[ \t\u00a0]+\Z")
#: a sentence's first word that counts what follows rather than naming it: "Some 1999 rockets"
_CUE_WORDS = NOT_MODIFIERS | {w for cues in QUALIFIER_CUES.values() for c in cues for w in c.split()} | {
    "all", "only", "just", "another", "nearly", "almost", "exactly", "precisely"}
_NOT_APPOSED = frozenset("and or to than of from by between about around over under nearly almost some "
                         "only just at least most more".split())


def reading(text: str, num_start: int, num_end: int, end: int, value, unit: str | None) -> str | None:
    """``"none"`` when the number at ``text[num_start:num_end]`` (its figure ending at
    ``end``, with ``unit``) is no quantity here, ``"age"`` for an age the team's convention
    decides, else None (a figure)."""
    before = text[max(0, num_start - 48):num_start]
    if _AGE_WORD_BEFORE_RE.search(before) or _DAY_RANGE_BEFORE_RE.search(before) and value <= 31 \
            or _PER_BEFORE_RE.search(before):
        return _NONE
    if _RACE_AFTER_RE.match(text, num_end) or value != 1 and _ADJECTIVAL_UNIT_AFTER_RE.match(text, num_end) \
            or value == 1 and _DEFINES_UNIT_RE.match(text, num_end):
        return _NONE
    bare = text[num_start:num_end]
    if _is_magnitude(text, before, bare, num_end):
        return _NONE
    if bare.isdigit() and len(bare) == 4 and 1900 <= value <= 2100 and (
            _STATUTE_BEFORE_RE.search(before) or _named_by_first_word(text, num_start)
            or _CAPITAL_AFTER_RE.match(text, num_end)):
        return _NONE
    if unit is None and end == num_end and (_LABEL_BEFORE_RE.search(before) or _is_version(before, bare)):
        return _NONE
    if unit != "percent" and bare.isdigit() and _is_named_number(text, before, bare):
        return _NONE
    if unit is None and _AGE_RANGE_RE.fullmatch(bare) and 1 <= value <= 120 and end == num_end and _is_age(text, before, num_start, num_end):
        return AGE
    return None


def age_phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) of the number of each age ``text`` says in words that make it one
    (``aged 36``, ``36 years old``, ``a 36-year-old``): never a figure for the rules, but a
    team's figure on one says how it treats ages (``conventions.figure_ages``)."""
    return [m.span("n") if m.group("n") else m.span("m") for m in _AGE_PHRASE_RE.finditer(text)]


def _is_version(before: str, bare: str) -> bool:
    """A decimal right after a capitalised word that is no cue ("About 2.5"): a version that
    names something ("Democracy 2.0", "LGPL 2.1"), no quantity."""
    v = _VERSION_BEFORE_RE.search(before) if _DECIMAL_RE.fullmatch(bare) else None
    return v is not None and v.group("word").lower() not in _CUE_WORDS


def _is_named_number(text: str, before: str, bare: str) -> bool:
    """An integer right after a capitalised word that is no cue, the pair said again in the
    text: part of a name ("HR 6819 contains", "CentOS 8 reaches", "The Lost 52 Project";
    GUIDELINES: numbers in names). "placed Humberto 75 miles" once counts."""
    v = _VERSION_BEFORE_RE.search(before)
    if v is None:
        return False
    word = v.group("word")
    if word.lower() in _CUE_WORDS or word.lower() in _NOT_NAME_WORDS or word.lower().rstrip(".") in MONTHS:
        return False
    pair = re.compile(rf"(?<![\w'’.-]){re.escape(word)}\]?[ \t\u00a0]+\[?{bare}(?![\d.,]\d|\d)")
    return sum(1 for _ in itertools.islice(pair.finditer(text), 2)) >= 2


def _is_magnitude(text: str, before: str, bare: str, num_end: int) -> bool:
    """An earthquake's magnitude: before ``magnitude``, after ``magnitude was``, or a decimal
    before the quake it rates ("the 5.0 earthquake"; "3 quakes" counts them)."""
    if _MAGNITUDE_AFTER_RE.match(text, num_end) or _MAGNITUDE_BEFORE_RE.search(before):
        return True
    return "." in bare and bare.replace(".", "").isdigit() and bool(_QUAKE_AFTER_RE.match(text, num_end))


def _named_by_first_word(text: str, num_start: int) -> bool:
    """A sentence's capitalised first word right before a year names it ("Canada 2019
    general election"), unless it is a cue or function word ("Some 1999 rockets")."""
    f = _CAPITAL_WORD_BEFORE_RE.search(text, max(0, num_start - 40), num_start)
    return f is not None and is_initial(text, f.start()) and f.group("word").lower() not in _CUE_WORDS


def _is_age(text: str, before: str, num_start: int, num_end: int) -> bool:
    """A bare number set off after a word (not a number, not a list's connective), said of
    a person (``he/she was``, ``Hagan was``, ``I am``), at death (``dies at``) or opening a
    sentence (``At 77,``): an age."""
    a = _APPOSED_BEFORE_RE.search(before)
    if a and a.group("word").lower() not in _NOT_APPOSED and not a.group("word").lower().rstrip(".") in MONTHS \
            and _APPOSED_AFTER_RE.match(text, num_end) and not _COUNT_OF_RE.search(before, 0, a.start()):
        return True
    if _DIED_AT_BEFORE_RE.search(before):
        return True
    at = _AT_AGE_BEFORE_RE.search(text, max(0, num_start - 4), num_start)
    if at and is_initial(text, at.start()) and text.startswith(",", num_end):
        return True
    return bool(_PREDICATE_BEFORE_RE.search(before) and _PREDICATE_AFTER_RE.match(text, num_end))

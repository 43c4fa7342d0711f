"""One reader per kind of number a figure can start with: digits ("12", "$5m", "40%"),
vague plurals ("dozens", "tens of thousands of"), fractions ("half a million", "a third
of"), "a couple of", ratios ("one in three") and number words ("twenty-five people"). Each
reads the value, unit, qualifier and end of the figure and records where its parts are in
``parts`` (``tui.suggest.rules.figures.Figure``'s offsets), or says it is no figure (None)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeAlias

from tui.suggest.rules.counted import (clause_start, counted_noun, one_after_preposition, one_counted, one_in_list,
                                      record_after)
from tui.suggest.rules.fignumber import cue, number, word_range_cut, word_value
from tui.suggest.rules.figwords import CURRENCY_SIGNS, FRACTIONS, SCALES, UNITS, VAGUE
from tui.suggest.rules.notfigures import (AGE_AFTER_RE, after_name, is_age, is_label_or_date, is_pronoun_one,
                                          is_year)

_SCALE_AFTER_RE = re.compile(r"\s+(?:of\s+)?(?:a\s+)?(million|billion|thousand|trillion)\b")  # "a quarter of a million"
_ALONE_AFTER_RE = re.compile(r"\s+(?:(?:of|from)\s+(?:the|those|them|these|whom|which)|were|are|died|dead|more|others"
                             r"|each|killed|injured|wounded|remain"
                             # what befalls people, in a headline's passive: "Four stabbed to death", "Two arrested"
                             r"|stabbed|shot|hurt|arrested|detained|missing|rescued|drowned|trapped|charged|jailed"
                             r"|sentenced|hospitali[sz]ed|evacuated|(?:feared|confirmed)\s+dead)\b", re.IGNORECASE)
_ALONE_BEFORE_RE = re.compile(r"(?i:\b(?:kill(?:s|ed|ing)?|injur(?:es|ed|ing)|wound(?:s|ed|ing)"
                              r"|rescu(?:es|ed|ing)|all\s+but"
                              # a total reaching or staying at a number: "the toll rose to nine", "remain at nine"
                              r"|(?:r(?:ose|isen|ises?|ising)|climb(?:s|ed|ing)?|increas(?:es|ed|ing)"
                              r"|f(?:ell|alls?|allen|alling)|dropp?(?:s|ed|ing)?)\s+to"
                              r"|(?:stand(?:s|ing)?|stood|remain(?:s|ed|ing)?)\s+at|reach(?:es|ed|ing)?|totall?(?:s|ed|ing))\s+)$")
#: people counted before, counted again with no noun: "None of the twelve had", "these three had",
#: also after a word of order: "with the other three being taken", "after the first two", "their last two"
_ORDER = r"(?:other|first|last|remaining|inner|outer|final|top|latter|former)"
_THE_BEFORE_RE = re.compile(rf"(?<![\w'’-])(?i:(?:the|these|those)(?:[ \t\u00a0]+{_ORDER})?"
                            rf"|(?:their|its|his|her|our)[ \t\u00a0]+{_ORDER})[ \t\u00a0]+\Z")
#: ... unless an adjective ("the two-party vote"), a name ("the Three Gorges", "the seven Sisters") or
#: the pair named as speakers ("The two said nothing": the rules' own guideline)
_NOT_AGAIN_AFTER_RE = re.compile(r"-|[ \t\u00a0]+(?:[A-Z]|(?:said|says|say|told|tell|added|stated|announced"
                                 r"|claimed|denied|wrote|explained)\b)")
#: the share a vote must reach: "a two-thirds majority"
_NUMBER_WORDS = "|".join(sorted((w for w in UNITS if w not in ("zero", "one")), key=len, reverse=True))
#: a count earlier in the same sentence, whose noun a bare number word leaves out: "33 were reported
#: hospitalised with five seriously injured", "Of the territory's six delegates, Sanders secured four"
_COUNT_EARLIER_RE = re.compile(rf"(?<![\w.,:/-])(?!(?:19|20)\d\d\b)\d[\d,]*(?![\w.,:/-])|\b(?i:{_NUMBER_WORDS})\b(?!-)")
#: ... unless the number is said of someone, an age or a time: "when I was six", "turned eight", "at nine",
#: "were aged nine, ten, thirteen"
_BE_BEFORE_RE = re.compile(r"(?i:\b(?:(?:was|is|am|were|are|be|been|turned|turns|turning|aged?|at)[ \t\u00a0]+\Z"
                           r"|ages?d?\b[^.;:!?\n]*\Z))")
#: ... or a fraction or a position named with an ordinal: "an 18 year old five eighth" (rugby)
_ORDINAL_AFTER_RE = re.compile(r"[ \t\u00a0-]+(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                               r"|twelfth|quarter|half)s?\b")
#: the whole a part is counted from: "five of the nine CentOS Governing Board", "three of its twelve"
_PART_BEFORE_RE = re.compile(rf"(?i:\b(?:\d[\d,]*|one|{_NUMBER_WORDS})[ \t\u00a0]+of[ \t\u00a0]+"
                             r"(?:(?:the|its|their|his|her|our)[ \t\u00a0]+)?(?:[\w-]+['’]s[ \t\u00a0]+)?)\Z")
_MAJORITY_AFTER_RE = re.compile(r"[ \t\u00a0]+(?:super)?majority\b", re.IGNORECASE)
_AS_MUCH_RE = re.compile(r"\s+as\s+(?:much|many|large|big|high|long)\b", re.IGNORECASE)
_OR_MORE_RE = re.compile(r"\s+or\s+(more|so)\b")

Read: TypeAlias = "tuple[Decimal, str | None, str, int] | None"  # (value, unit, qualifier, end) or none


def digits(text: str, m: re.Match, demonyms, parts: dict) -> Read:
    """12, 1,440, $5m, 10-15, 40%, 300 or more people."""
    start, end = m.span()
    if is_label_or_date(text, m) or AGE_AFTER_RE.match(text, end):
        return None
    qualifier, unit = "exact", None
    value = number(m.group("num"))
    if m.group("num2"):
        qualifier = "at least"  # a range "10-15": its lower bound
    scale = (m.group("scale") or "").strip()
    if scale in ("m", "k") and not m.group("cur"):
        return None  # 5m, 10k without a currency: metres? leave it
    if scale:
        value *= SCALES[scale]
    parts["core"] = (m.start("num"), max(m.end("num"), m.end("num2"), m.end("scale"), m.end("glued")))
    if m.group("glued"):  # "139km": one word, the unit inside whatever a team does with units
        unit = m.group("glued").lower()
    if m.group("cur"):
        unit = CURRENCY_SIGNS[m.group("cur").strip()]
        parts["sign"] = start
    if m.group("pct"):
        unit = "percentage points" if "point" in m.group("pct") else "percent"
        parts["percent_end"] = m.end("pct")
    end, qualifier = _or_more(text, end, qualifier, parts)
    if unit is None:
        end, unit = counted_noun(text, end, False, demonyms)
        record_after(end, unit, parts)
    if is_year(text, m, value, unit):
        return None
    if unit is None and (after_name(text, start) or is_age(text, start, end, value)):
        return None
    return value, unit, qualifier, end


def vague(text: str, m: re.Match, demonyms, parts: dict) -> Read:
    """several dozen, a few hundred, thousands of, tens of thousands of: at least that many."""
    words = m.group("vague").lower().split()
    if words[0] in ("several", "a"):  # several dozen, a few hundred
        value = Decimal(SCALES.get(words[-1], 12))
    elif "of" in words:
        value = Decimal(10 if words[-3] == "tens" else 100) * VAGUE[words[-1]]
    else:
        value = Decimal(VAGUE[words[-1]])
    end, unit = counted_noun(text, m.end(), True, demonyms)
    record_after(end, unit, parts)
    return value, unit, "at least", end


def fraction(text: str, m: re.Match, demonyms, parts: dict) -> Read:
    """half a million (a count), or a third of, half the (a percentage)."""
    start, end = m.span()
    share = Decimal(str(FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())]))
    sc = _SCALE_AFTER_RE.match(text, end)
    if sc:  # "half a million"
        parts["core"] = (start, sc.end())
        end, unit = counted_noun(text, sc.end(), True, demonyms)
        record_after(end, unit, parts)
        return share / 100 * SCALES[sc.group(1)], unit, "exact", max(end, sc.end())
    if _AS_MUCH_RE.match(text, end):
        return None  # "a quarter as much money": a comparison, no quantity stated
    shared = text.startswith((" of ", " the "), end) or _MAJORITY_AFTER_RE.match(text, end)
    if not (shared or cue(text, start)) or re.search(
            r"(?i:first|second|last|final|other)\s+$", text[max(0, start - 8):start]):
        return None
    return share, "percent", "exact", end


def couple(text: str, m: re.Match, demonyms, parts: dict) -> Read:
    """a couple of tries: about 2 of the plural counted after "of"; none without one."""
    end, unit = counted_noun(text, m.end(), True, demonyms)
    if unit is None:
        return None
    record_after(end, unit, parts)
    return Decimal(2), unit, "about", end


def ratio(m: re.Match) -> Read:
    """one in three, 2 out of 5: a percentage."""
    n1, n2 = (int(g) if g.isdigit() else UNITS[g.lower()] for g in (m.group("r1"), m.group("r2")))
    return None if n1 >= n2 else (Decimal(n1 * 100) / Decimal(n2), "percent", "exact", m.end())


def words(text: str, m: re.Match, demonyms, parts: dict, lenient: bool) -> Read:
    """twenty-five people, forty percent, two dozen, two or more."""
    start, end = m.span()
    said = m.group("words")[: m.start("wpct") - start if m.group("wpct") else None]
    n = word_value(said)
    if n is None or (not lenient and is_pronoun_one(text, start, end)) or AGE_AFTER_RE.match(text, end):
        return None  # "was seventy years old": an age, as "70 years old" is
    if m.group("wpct"):
        parts["core"] = (start, m.start("wpct"))
        parts["percent_end"] = end
        return Decimal(n), "percent", "exact", end
    end, qualifier = _or_more(text, end, "exact", parts)
    ranged = word_range_cut(re.split(r"[\s-]+", said.lower())) is not None
    if ranged:
        qualifier = "at least"  # "five-six months": a range, its lower end
    end, unit = counted_noun(text, end, True, demonyms)
    counted_one = unit is None and n == 1 and "more_end" not in parts
    if counted_one:
        end, unit = one_counted(text, end, demonyms)
        if unit is None:
            end, unit = one_after_preposition(text, start, end)
        if unit is None:
            end, unit = one_in_list(text, start, end)
        counted_one = unit is not None
    record_after(end, unit, parts)
    scaled = any(w in SCALES or w == "dozen" for w in re.split(r"[\s-]+", said.lower()))
    if ((unit is None and not scaled) or (n == 1 and not scaled and not counted_one and not ranged)) and not (
            lenient or "more_end" in parts or counts_alone(text, start, end, n)):
        return None  # "no one knows", "the two-party vote": not a quantity
    return Decimal(n), unit, qualifier, end


def _or_more(text: str, end: int, qualifier: str, parts: dict) -> tuple[int, str]:
    """(end, qualifier) past "or more" (at least) / "or so" (about) after a number, if there."""
    o = _OR_MORE_RE.match(text, end)
    if not o:
        return end, qualifier
    parts["more_end"] = o.end()
    return o.end(), "at least" if o.group(1) == "more" else "about"


def counts_alone(text: str, start: int, end: int, n: int) -> bool:
    """A number word with no counted noun that still counts: "killed nine", "Six of the
    murders", "seventeen were injured", "all but one", "at least seventeen", "None of the
    twelve had" (people counted before, counted again), "33 were hospitalised with five
    seriously injured" (after a count in the same sentence), "five of the nine CentOS"."""
    before = _ALONE_BEFORE_RE.search(text, max(0, start - 16), start)
    if n == 1:
        return bool(before and "but" in before.group().lower()) or cue(text, start) is not None
    ranged = text[max(0, start - 5):start].lower() == "from " and text.startswith(" to ", end)
    plain = text[start:end].islower() and not _NOT_AGAIN_AFTER_RE.match(text, end)
    again = plain and _THE_BEFORE_RE.search(text, max(0, start - 20), start)
    elliptic = plain and text[start - 1:start] != "-" and _COUNT_EARLIER_RE.search(text, clause_start(text, start, 100), start - 1) \
        and not _BE_BEFORE_RE.search(text, max(0, start - 40), start) and not _ORDINAL_AFTER_RE.match(text, end)
    whole = _PART_BEFORE_RE.search(text, max(0, start - 40), start)
    return bool(before or ranged or again or elliptic or whole) or cue(text, start) is not None \
        or bool(_ALONE_AFTER_RE.match(text, end))

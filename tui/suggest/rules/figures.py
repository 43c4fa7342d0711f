"""Figure rules: numbers in digits and words, vague quantities, fractions and percentages,
with the qualifier cue before them and the currency or counted noun after them.

By default a figure span covers: qualifier cue + number + (currency / scale / percent) + the
counted noun phrase (modifiers and head noun, e.g. "1,440 Indonesian nationals"). Each
``Figure`` also keeps where its parts are, so ``Figure.span(conventions)`` gives the span
under another team's guidelines (without the counted noun, the currency, ...). Dates,
years, times, ordinals and numbers that label things (page 12, Section 230, COVID-19) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeAlias

from tui.suggest.rules.figwords import (  # noqa: F401 (re-exported)
    QUALIFIER_CUES, HEADING_CUES, _CUE_QUALIFIER, _CUE_BEFORE_RE, UNITS, SCALES,
    VAGUE, FRACTIONS, CURRENCY_SIGNS, CURRENCY_WORDS, IRREGULAR_PLURALS,
    MEASURES, NOT_MODIFIERS, LABEL_WORDS, MONTHS, YEAR_CONTEXT,
)
from tui.suggest.rules.notfigures import AGE_AFTER_RE, after_name, is_age, is_label_or_date, is_year

_WORDNUM = "|".join(sorted([*UNITS, "hundred", "thousand", "million", "billion", "trillion"],
                           key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_RE = re.compile(
    r"(?P<digits>(?:(?<!\w)(?P<cur>US\$|A\$|C\$|HK\$|S\$|NZ\$|\$|£|€|¥|₿|(?:USD|EUR|GBP)\s?)"
    r"|(?<![\w.,/:#§$£€¥₿-]))"
    rf"(?P<num>{_DIGITS})(?:\s?[-–]\s?(?P<num2>{_DIGITS}))?"
    r"(?P<scale>\s?(?:bn|mn|tn)\b|(?<=\d)(?:m|k)\b|\s(?:hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent|percentage points?)\b)?"
    r"(?![\w/:]|[.,]\d|-\w))"
    r"|(?P<vague>(?i:in\s+the\s+)?(?:(?i:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions)\b"
    r"|(?i:several|a\s+few)\s+(?:hundred|thousand|million)\b)"
    r"|(?P<frac>\b(?i:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter"
    r"|three[- ]quarters|a fifth|one-fifth|a tenth)\b)"
    r"|(?P<ratio>\b(?P<r1>(?i:one|two|three|four)|\d)\s+in\s+(?P<r2>two|three|four|five|six|seven"
    r"|eight|nine|ten|\d{1,3})\b)"
    r"|(?P<words>\b(?i:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?i:{_WORDNUM}|dozen)(?:(?:\s+|-)(?:and\s+)?(?:{_WORDNUM}|dozen))*\b"
    r"(?P<wpct>\s(?:per\s?cent|percent)\b)?)"
)
# where a figure can start, searched in the lower-cased text: matching _NUMBER_RE only at
# these places is several times faster than running it over the whole text
_TRIGGER_RE = re.compile(
    r"(?:us|a|c|hk|s|nz)\$|[\d$£€¥₿]|(?:usd|eur|gbp)(?=\s?\d)|\b(?:"
    + "|".join(sorted({*UNITS, "hundred", "thousand", "million", "billion", "trillion", *VAGUE,
                       "dozen", "tens", "several", "half", "two-thirds", "three-quarters"},
                      key=len, reverse=True))
    + r"|a (?:few|dozen|hundred|thousand|million|billion|third|quarter|fifth|tenth)"
    + r"|in the (?:tens|hundreds|thousands|millions|billions))\b"
)
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w’'-]*)")
_US_DOLLARS_RE = re.compile(r"[ \t\u00a0]+(?:US|U\.S\.)[ \t\u00a0]+dollars\b")
_THE_RE = re.compile(r"(?:the|those|these|their)[ \t\u00a0]+(?=\w)", re.IGNORECASE)
_RANGE_RE = re.compile(r"\s+(?P<conn>to|and)\s+")
_SCALE_AFTER_RE = re.compile(r"\s+(?:a\s+)?(million|billion|thousand|trillion)\b")
_ALONE_AFTER_RE = re.compile(r"\s+(?:of\s+(?:the|those|them|these|whom|which)|were|are|died|dead|more|others"
                             r"|each|killed|injured|wounded|remain)\b", re.IGNORECASE)
_ALONE_BEFORE_RE = re.compile(r"(?i:\b(?:kill(?:s|ed|ing)?|injur(?:es|ed|ing)|wound(?:s|ed|ing)"
                              r"|rescu(?:es|ed|ing)|all\s+but)\s+)$")
_OF_RE = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0])")
_OR_MORE_RE = re.compile(r"\s+or\s+(more|so)\b")
_COORD_RE = re.compile(r"[ \t\u00a0]+(and|or)[ \t\u00a0]+([a-z][\w-]*)")


@dataclass(frozen=True)
class Figure:
    """A figure; ``start``/``end`` is its span under the default conventions, the other
    offsets say where its optional parts are (None: absent)."""

    start: int
    end: int
    value: int | float
    unit: str | None
    qualifier: str
    core: tuple[int, int] = (0, 0)  # the number with its range and scale: "12.5 billion"
    cue: int | None = None  # start of a qualifier cue before it: "more than"
    sign: int | None = None  # start of a currency sign before the number: "$"
    more_end: int | None = None  # end of "or more" / "or so" after it
    measure_end: int | None = None  # end of a unit of measure: "km"
    percent_end: int | None = None  # end of a percent: "%", "per cent"
    noun_end: int | None = None  # end of the counted noun phrase: "Indonesian nationals"
    money_end: int | None = None  # end of a currency word: "dollars"

    def span(self, c) -> tuple[int, int]:
        """(start, end) under conventions ``c`` (a ``Conventions``: figure_counted_noun,
        figure_unit, figure_currency, figure_qualifier, each True for "in")."""
        s, e = self.core
        if self.sign is not None and c.figure_currency:
            s = self.sign
        if self.cue is not None and c.figure_qualifier:
            s = self.cue
        if self.measure_end is not None and c.figure_unit:
            e = max(e, self.measure_end)
        if self.percent_end is not None and c.figure_percent:
            e = max(e, self.percent_end)
        if self.more_end is not None and c.figure_qualifier:
            e = max(e, self.more_end)
        if self.noun_end is not None and c.figure_counted_noun:
            e = max(e, self.noun_end)
        if self.money_end is not None and c.figure_currency:
            e = max(e, self.money_end)
        return s, e


def _number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _tidy(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(round(v, 4))


def _word_value(words: str) -> int | None:
    """Value of "two hundred and fifty", "three million", "a dozen", "twenty-five"."""
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", "a"):
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PLURALS or w in MEASURES:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _counted_noun(text: str, pos: int, allow_of: bool, demonyms) -> tuple[int, str | None]:
    """(end, unit) of the counted noun phrase after ``pos``: up to three modifiers and a
    plural head ("Indonesian nationals", "scam compounds", "videos and images"), a currency
    word ("dollars" -> USD), or (pos, None)."""
    p = pos
    us = _US_DOLLARS_RE.match(text, p)
    if us:
        return us.end(), "USD"
    if allow_of:
        m = _OF_RE.match(text, p)
        if m:
            p = m.end()
            the = _THE_RE.match(text, p + 1)
            p = the.end() - 1 if the else p
    for _ in range(4):
        m = _NEXT_WORD_RE.match(text, p)
        if not m:
            break
        word = m.group(1)
        lw = word.lower()
        if lw in CURRENCY_WORDS:
            return m.end(), CURRENCY_WORDS[lw]
        if lw in NOT_MODIFIERS or lw.endswith("ly") or (word[0].isupper() and word not in demonyms):
            break
        p = m.end()
        if _is_plural(word):
            c = _COORD_RE.match(text, p)
            if c and _is_plural(c.group(2)) and c.group(2) not in NOT_MODIFIERS \
                    and c.group(2) not in VAGUE:
                return c.end(), f"{lw} {c.group(1)} {c.group(2)}"
            return p, lw
    return pos, None


def lower_same_offsets(text: str) -> str:
    """``text.lower()`` when that keeps every offset (it does unless a character such as
    "İ" lower-cases to two), else ``text`` (the scans then miss capitalised words)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def find_figures(text: str, demonyms=frozenset()) -> list[Figure]:
    """Figures in ``text``, in order, not overlapping. ``demonyms`` may start a counted
    noun phrase ("1,440 Indonesian nationals")."""
    out: list[Figure] = []
    done = 0
    match = _NUMBER_RE.match
    for t in _TRIGGER_RE.finditer(lower_same_offsets(text)):
        if t.start() < done:
            continue
        m = match(text, t.start())
        if not m:
            continue
        fig = _range(text, m, demonyms) or _figure(text, m, demonyms)
        done = max(m.end(), fig.end if fig else 0)
        if fig and (not out or fig.start >= out[-1].end):
            out.append(fig)
    return out


_CURRENCY_CODES = frozenset(CURRENCY_WORDS.values())


def _after(end: int, unit: str | None, parts: dict) -> None:
    """Record what the counted-noun reader found after the number: a currency word, a
    unit of measure or a counted noun."""
    if unit is None:
        return
    if unit in _CURRENCY_CODES:
        parts["money_end"] = end
    elif unit in MEASURES:
        parts["measure_end"] = end
    else:
        parts["noun_end"] = end


def _range(text: str, m: re.Match, demonyms) -> Figure | None:
    """One figure for "between 36 and 40", "five to six million US dollars" (its lower
    bound, with the scale and unit of the upper one), or None ("from fourteen to 31" is two)."""
    r = _RANGE_RE.match(text, m.end())
    if r is None or not (m.group("digits") or m.group("words")):
        return None
    m2 = _NUMBER_RE.match(text, r.end())
    if m2 is None or not (m2.group("digits") or m2.group("words")):
        return None
    before = text[max(0, m.start() - 9):m.start()].lower()
    between = before.endswith("between ")
    if r.group("conn") == "and" and not between or before.rstrip().endswith("from"):
        return None
    first, second = _figure(text, m, demonyms, True), _figure(text, m2, demonyms, True)
    if first is None or second is None or first.end > r.start():
        return None
    value = first.value
    scale = (m2.group("scale") or "").strip() or next(
        (w for w in re.split(r"[\s-]+", (m2.group("words") or "").lower()) if w in SCALES), "")
    if scale and not (m.group("scale") or scale in (m.group("words") or "").lower()):
        value = _tidy(Decimal(str(value)) * SCALES[scale])
    cue = m.start() - 8 if between else first.cue
    return replace(second, start=first.start if cue is None else cue, value=value,
                   qualifier=first.qualifier if first.cue is not None else "at least",
                   core=(first.core[0], second.core[1]), cue=cue,
                   sign=first.sign if first.sign is not None else second.sign)


def _figure(text: str, m: re.Match, demonyms, lenient: bool = False) -> Figure | None:
    """The figure ``m`` starts; ``lenient``: a number word alone is one too ("Two")."""
    parts: dict = {"core": m.span()}
    if m.group("digits"):
        got = _digits(text, m, demonyms, parts)
    elif m.group("vague"):
        got = _vague(text, m, demonyms, parts)
    elif m.group("frac"):
        got = _fraction(text, m, demonyms, parts)
    elif m.group("ratio"):
        got = _ratio(m)
    else:
        got = _words(text, m, demonyms, parts, lenient)
    if got is None:
        return None
    value, unit, qualifier, end = got
    start = m.start()
    cue = _cue(text, start)
    if cue:
        if text[cue[0]:start].strip().lower() not in HEADING_CUES:  # "within two miles": the reader's only
            start = parts["cue"] = cue[0]
        if qualifier == "exact" or m.group("num2"):
            qualifier = cue[1]
    return Figure(start, end, _tidy(value), unit, qualifier, **parts)


_Read: TypeAlias = "tuple[Decimal, str | None, str, int] | None"  # (value, unit, qualifier, end) or none


def _digits(text: str, m: re.Match, demonyms, parts: dict) -> _Read:
    """12, 1,440, $5m, 10-15, 40%, 300 or more people."""
    start, end = m.span()
    if is_label_or_date(text, m) or AGE_AFTER_RE.match(text, end):
        return None
    qualifier, unit = "exact", None
    value = _number(m.group("num"))
    if m.group("num2"):
        qualifier = "at least"  # a range "10-15": its lower bound
    scale = (m.group("scale") or "").strip()
    if scale in ("m", "k") and not m.group("cur"):
        return None  # 5m, 10k without a currency: metres? leave it
    if scale:
        value *= SCALES[scale]
    parts["core"] = (m.start("num"), max(m.end("num"), m.end("num2"), m.end("scale")))
    if m.group("cur"):
        unit = CURRENCY_SIGNS[m.group("cur").strip()]
        parts["sign"] = start
    if m.group("pct"):
        unit = "percentage points" if "point" in m.group("pct") else "percent"
        parts["percent_end"] = m.end("pct")
    o = _OR_MORE_RE.match(text, end)
    if o:
        qualifier = "at least" if o.group(1) == "more" else "about"
        end = parts["more_end"] = o.end()
    if unit is None:
        end, unit = _counted_noun(text, end, False, demonyms)
        _after(end, unit, parts)
    if is_year(text, m, value, unit):
        return None
    if unit is None and (after_name(text, start) or is_age(text, start, end, value)):
        return None
    return value, unit, qualifier, end


def _vague(text: str, m: re.Match, demonyms, parts: dict) -> _Read:
    """several hundred, thousands of, tens of thousands of: at least that many."""
    words = m.group("vague").lower().split()
    if words[0] in ("several", "a"):
        value = Decimal(SCALES[words[-1]])
    elif "of" in words:
        value = Decimal(10 if words[-3] == "tens" else 100) * VAGUE[words[-1]]
    else:
        value = Decimal(VAGUE[words[-1]])
    end, unit = _counted_noun(text, m.end(), True, demonyms)
    _after(end, unit, parts)
    return value, unit, "at least", end


def _fraction(text: str, m: re.Match, demonyms, parts: dict) -> _Read:
    """half a million (a count), or a third of, half the (a percentage)."""
    start, end = m.span()
    share = Decimal(str(FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())]))
    sc = _SCALE_AFTER_RE.match(text, end)
    if sc:  # "half a million"
        parts["core"] = (start, sc.end())
        end, unit = _counted_noun(text, sc.end(), True, demonyms)
        _after(end, unit, parts)
        return share / 100 * SCALES[sc.group(1)], unit, "exact", max(end, sc.end())
    if not (text.startswith((" of ", " the "), end) or _cue(text, start)) or re.search(
            r"(?i:first|second|last|final|other)\s+$", text[max(0, start - 8):start]):
        return None
    return share, "percent", "exact", end


def _ratio(m: re.Match) -> _Read:
    """one in three, 2 out of 5: a percentage."""
    n1, n2 = (int(g) if g.isdigit() else UNITS[g.lower()] for g in (m.group("r1"), m.group("r2")))
    return None if n1 >= n2 else (Decimal(n1 * 100) / Decimal(n2), "percent", "exact", m.end())


def _words(text: str, m: re.Match, demonyms, parts: dict, lenient: bool) -> _Read:
    """twenty-five people, forty percent, two dozen."""
    start, end = m.span()
    words = m.group("words")[: m.start("wpct") - start if m.group("wpct") else None]
    n = _word_value(words)
    if n is None:
        return None
    if m.group("wpct"):
        parts["core"] = (start, m.start("wpct"))
        parts["percent_end"] = end
        return Decimal(n), "percent", "exact", end
    end, unit = _counted_noun(text, end, True, demonyms)
    _after(end, unit, parts)
    scaled = any(w in SCALES or w == "dozen" for w in re.split(r"[\s-]+", words.lower()))
    if ((unit is None and not scaled) or (n == 1 and not scaled)) and not (
            lenient or _counts_alone(text, start, end, n)):
        return None  # "the two said", "no one knows": not a quantity
    return Decimal(n), unit, "exact", end


def _counts_alone(text: str, start: int, end: int, n: int) -> bool:
    """A number word with no counted noun that still counts: "killed nine", "Six of the
    murders", "seventeen were injured", "all but one", "at least seventeen"."""
    before = _ALONE_BEFORE_RE.search(text, max(0, start - 16), start)
    if n == 1:
        return bool(before and "but" in before.group().lower()) or _cue(text, start) is not None
    ranged = text[max(0, start - 5):start].lower() == "from " and text.startswith(" to ", end)
    return bool(before) or ranged or _cue(text, start) is not None or bool(_ALONE_AFTER_RE.match(text, end))


def _cue(text: str, start: int) -> tuple[int, str] | None:
    if start and text[start - 1] == "~":
        return start - 1, "about"
    m = _CUE_BEFORE_RE.search(text, max(0, start - 24), start)
    if not m:
        return None
    return m.start("cue"), _CUE_QUALIFIER[re.sub(r"\s+", " ", m.group("cue").lower())]


def figure_at(text: str, pos: int, end: int | None = None, demonyms=frozenset()) -> Figure | None:
    """The figure whose number starts at the first trigger in ``text[pos:end]``, read
    leniently (a number word alone counts: "Two", "at least one"), with its cue before it
    and its counted noun after it even when those lie outside [pos, end)."""
    low = lower_same_offsets(text)
    for t in _TRIGGER_RE.finditer(low, pos, len(text) if end is None else end):
        m = _NUMBER_RE.match(text, t.start())
        if m:
            return _range(text, m, demonyms) or _figure(text, m, demonyms, True)
    return None

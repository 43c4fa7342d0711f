"""Where a number is in a text and what it is worth: the pattern of figures in digits,
words, vague plurals, fractions and ratios, the cheap trigger that says where one may
start, number words' values, and the qualifier cue before a number."""

from __future__ import annotations

import re
from decimal import Decimal

from tui.suggest.rules.figwords import _CUE_BEFORE_RE, _CUE_QUALIFIER, CURRENCY_SIGNS, MEASURES, SCALES, UNITS, VAGUE

_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore")
_WORDNUM = "|".join(sorted([*UNITS, *_SCALE_WORDS], key=len, reverse=True))
# 1,440 / 1,00,000 (Indian grouping) / 12.5
_DIGITS = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: units of measure written glued to the number ("139km", "100mph"); "m" is left to the
#: scale ("$5m"), "g" to names ("5G")
_GLUED = "|".join(re.escape(u) for u in sorted(MEASURES | {"kph", "kmh", "lb", "lbs", "ft", "mg", "ml", "kw", "mi"},
                                                 key=len, reverse=True) if u[0].isalpha())
_SIGNS = "".join(s for s in CURRENCY_SIGNS if len(s) == 1)
# signs and codes before a number: "US$", "R$", "€", "Rs. ", "USD "
_CUR = "|".join(re.escape(s) for s in sorted((s for s in CURRENCY_SIGNS if not s.isalpha() and s != "Rs."),
                                              key=len, reverse=True)) + r"|Rs\.?|USD|EUR|GBP"
NUMBER_RE = re.compile(
    r"(?P<clock>(?<![\w.,/:])\d{1,2}:[0-5]\d:[0-5]\d(?:\.\d+)?(?![\w:]|\s?(?i:am|pm|a\.m\.|p\.m\.|gmt|utc)\b))|"  # 2:14:04
    rf"(?P<digits>(?:(?<!\w)(?P<cur>(?:{_CUR})[ \u00a0]?)"
    rf"|(?<![\w.,/:#§{_SIGNS}-]))"
    rf"(?P<num>{_DIGITS})(?:(?:\s?[-–]\s?|-to-)(?P<num2>{_DIGITS}))?"
    rf"(?P<glued>(?i:{_GLUED})(?![\w/]))?"  # a unit glued to the number: "139km", "5kg"
    r"(?P<scale>\s?(?:bn|mn|tn)\b|(?<=\d)(?:m|k)\b|\s(?:hundred|thousand|million|billion|trillion|lakh|crore)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent|percentage points?)\b)?"
    r"(?![\w/:]|[.,]\d|-\w))"
    r"|(?P<vague>(?i:in\s+the\s+)?(?:(?i:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions)\b"
    r"|(?i:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b)"
    r"|(?P<frac>\b(?i:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter"
    r"|three[- ]quarters|a fifth|one-fifth|a tenth)\b)"
    r"|(?P<couple>(?<![\w'’-])(?i:a\s+)?(?i:couple)(?=\s+of\s))"  # "a couple of tries": about 2
    # "once" counting occurrences: after a comparison or "at least", or before a period ("once a year"),
    # or after a word that stresses the count: "Only once before has", "never once told me"
    r"|(?P<once>(?:(?<=than )|(?<=least )|(?<=(?i:only) )|(?<=(?i:just) )|(?<=(?i:never) )|(?<=(?i:not) )"
    r"|(?<=(?i:exactly) ))(?i:once)\b|\b(?i:once)(?=[ \t\u00a0]+(?:a|an|per|every|each)[ \t\u00a0]+"
    r"(?:day|night|week|fortnight|month|year|decade|season|hour|minute)\b))"
    r"|(?P<twice>\b(?i:twice)\b(?![ \t]+(?:as|the)\b))"  # a count of occurrences: 2
    r"|(?P<ratio>\b(?P<r1>(?i:one|two|three|four)|\d)\s+in\s+(?P<r2>two|three|four|five|six|seven"
    r"|eight|nine|ten|\d{1,3})\b)"
    r"|(?P<words>\b(?i:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?i:{_WORDNUM}|dozen)(?:(?:\s+|-)(?:and\s+)?(?:{_WORDNUM}|dozen))*\b"
    r"(?P<wpct>\s(?:per\s?cent|percent)\b)?)"
)
# where a figure can start, searched in the lower-cased text: matching NUMBER_RE only at
# these places is several times faster than running it over the whole text
TRIGGER_RE = re.compile(
    rf"(?:us|a|c|hk|s|nz|r)\$|[\d{_SIGNS}]|(?:usd|eur|gbp|rs\.?)(?=\s?\d)|\b(?:"
    + "|".join(sorted({*UNITS, *_SCALE_WORDS, *VAGUE,
                       "dozen", "tens", "several", "half", "two-thirds", "three-quarters", "twice", "once", "couple"},
                      key=len, reverse=True))
    + r"|a (?:few|dozen|hundred|thousand|million|billion|third|quarter|fifth|tenth|couple)"
    + r"|in the (?:tens|hundreds|thousands|millions|billions))\b"
)


def number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def tidy(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(round(v, 4))


def word_range_cut(parts: list[str]) -> int | None:
    """Where a second number starts in number words said as a range with no "to" ("five-six",
    "two three", "one and five million": not one compound, as "twenty-five" is), or None."""
    small = 0  # the tens and units said since the last hundred or scale
    for i, w in enumerate(parts):
        if w in UNITS:
            if small and (small % 10 or UNITS[w] >= 10):
                return i - 1 if parts[i - 1] == "and" else i
            small += UNITS[w]
        elif w in SCALES or w in ("hundred", "dozen"):
            small = 0
    return None


def word_value(words: str) -> int | None:
    """Value of "two hundred and fifty", "three million", "a dozen", "twenty-five"; of a range
    said without "to" its lower end, with the upper end's scale ("one and five million": 1000000)."""
    parts = re.split(r"[\s-]+", words.lower())
    cut = word_range_cut(parts)
    if cut is not None:
        low = _compound_value(parts[:cut])
        scaled = parts[-1] in SCALES and not any(w in SCALES for w in parts[:cut])
        return low * SCALES[parts[-1]] if low is not None and scaled else low
    return _compound_value(parts)


def _compound_value(parts: list[str]) -> int | None:
    total = current = 0
    seen = False
    for w in parts:
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


def cue(text: str, start: int) -> tuple[int, str] | None:
    """(start, qualifier) of the qualifier cue right before ``start`` ("more than", "~"), or None."""
    if start and text[start - 1] == "~":
        return start - 1, "about"
    m = _CUE_BEFORE_RE.search(text, max(0, start - 24), start)
    if not m:
        return None
    return m.start("cue"), _CUE_QUALIFIER[re.sub(r"\s+", " ", m.group("cue").lower())]

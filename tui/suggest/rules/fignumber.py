"""Where a number is in a text and what it is worth: the pattern of figures in digits,
words, vague plurals, fractions and ratios, the cheap trigger that says where one may
start, number words' values, and the qualifier cue before a number."""

from __future__ import annotations

import re
from decimal import Decimal

from tui.suggest.rules.figwords import _CUE_BEFORE_RE, _CUE_QUALIFIER, SCALES, UNITS, VAGUE

_WORDNUM = "|".join(sorted([*UNITS, "hundred", "thousand", "million", "billion", "trillion"],
                           key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER_RE = re.compile(
    r"(?P<digits>(?:(?<!\w)(?P<cur>US\$|A\$|C\$|HK\$|S\$|NZ\$|\$|£|€|¥|₿|(?:USD|EUR|GBP)\s?)"
    r"|(?<![\w.,/:#§$£€¥₿-]))"
    rf"(?P<num>{_DIGITS})(?:\s?[-–]\s?(?P<num2>{_DIGITS}))?"
    r"(?P<scale>\s?(?:bn|mn|tn)\b|(?<=\d)(?:m|k)\b|\s(?:hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent|percentage points?)\b)?"
    r"(?![\w/:]|[.,]\d|-\w))"
    r"|(?P<vague>(?i:in\s+the\s+)?(?:(?i:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions)\b"
    r"|(?i:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b)"
    r"|(?P<frac>\b(?i:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter"
    r"|three[- ]quarters|a fifth|one-fifth|a tenth)\b)"
    r"|(?P<ratio>\b(?P<r1>(?i:one|two|three|four)|\d)\s+in\s+(?P<r2>two|three|four|five|six|seven"
    r"|eight|nine|ten|\d{1,3})\b)"
    r"|(?P<words>\b(?i:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?i:{_WORDNUM}|dozen)(?:(?:\s+|-)(?:and\s+)?(?:{_WORDNUM}|dozen))*\b"
    r"(?P<wpct>\s(?:per\s?cent|percent)\b)?)"
)
# where a figure can start, searched in the lower-cased text: matching NUMBER_RE only at
# these places is several times faster than running it over the whole text
TRIGGER_RE = re.compile(
    r"(?:us|a|c|hk|s|nz)\$|[\d$£€¥₿]|(?:usd|eur|gbp)(?=\s?\d)|\b(?:"
    + "|".join(sorted({*UNITS, "hundred", "thousand", "million", "billion", "trillion", *VAGUE,
                       "dozen", "tens", "several", "half", "two-thirds", "three-quarters"},
                      key=len, reverse=True))
    + r"|a (?:few|dozen|hundred|thousand|million|billion|third|quarter|fifth|tenth)"
    + r"|in the (?:tens|hundreds|thousands|millions|billions))\b"
)


def number(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def tidy(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(round(v, 4))


def word_value(words: str) -> int | None:
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


def cue(text: str, start: int) -> tuple[int, str] | None:
    """(start, qualifier) of the qualifier cue right before ``start`` ("more than", "~"), or None."""
    if start and text[start - 1] == "~":
        return start - 1, "about"
    m = _CUE_BEFORE_RE.search(text, max(0, start - 24), start)
    if not m:
        return None
    return m.start("cue"), _CUE_QUALIFIER[re.sub(r"\s+", " ", m.group("cue").lower())]

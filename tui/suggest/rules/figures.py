"""Figure rules: numbers in digits and words, vague quantities, fractions and percentages,
with the qualifier cue before them and the currency or counted noun after them.

By default a figure span covers: qualifier cue + number + (currency / scale / percent) + the
counted noun phrase (modifiers and head noun, e.g. "1,440 Indonesian nationals"). Each
``Figure`` also keeps where its parts are, so ``Figure.span(conventions)`` gives the span
under another team's guidelines (without the counted noun, the currency, ...). Dates,
years, times, ordinals and numbers that label things (page 12, Section 230, COVID-19) are
skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# cues before the number ("10 or more", "10 or so" after it are read by _OR_MORE_RE)
QUALIFIER_CUES = {
    "about": ("about", "around", "roughly", "approximately", "approx.", "some", "nearly",
              "almost", "close to", "an estimated", "estimated", "circa"),
    "at least": ("at least", "a minimum of", "no fewer than", "no less than", "not less than"),
    "at most": ("at most", "a maximum of", "no more than", "not more than"),
    "more than": ("more than", "over", "upwards of", "in excess of", "above", "just over",
                  "well over"),
    "less than": ("less than", "fewer than", "under", "below", "just under"),
    "up to": ("up to", "as many as", "as much as"),
}
_CUE_QUALIFIER = {cue: q for q, cues in QUALIFIER_CUES.items() for cue in cues}
_CUE_BEFORE_RE = re.compile(
    r"(?<!\w)(?P<cue>" + "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(_CUE_QUALIFIER, key=len, reverse=True)
    ) + r")\s+$",
    re.IGNORECASE,
)

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "bn": 10**9, "m": 10**6, "mn": 10**6, "k": 1000, "tn": 10**12}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}
FRACTIONS = {"half": 50, "a third": 33.33, "one third": 33.33, "one-third": 33.33,
             "two-thirds": 66.67, "two thirds": 66.67, "a quarter": 25, "one quarter": 25,
             "one-quarter": 25, "three-quarters": 75, "three quarters": 75, "a fifth": 20,
             "one-fifth": 20, "a tenth": 10}
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "S$": "SGD",
                  "NZ$": "NZD", "£": "GBP", "€": "EUR", "¥": "JPY", "USD": "USD", "EUR": "EUR",
                  "GBP": "GBP"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "yuan": "CNY",
                  "yen": "JPY", "riel": "KHR", "rupiah": "IDR", "rupees": "INR", "baht": "THB",
                  "pesos": "MXN"}
IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel cattle sheep fish livestock feet teeth "
    "mice geese data media yuan yen riel rupiah baht".split())
MEASURES = frozenset("km kg mph mm cm ha mw gw kwh °c °f".split())
NOT_MODIFIERS = frozenset(
    "a an the of in on at to for from by with and or but nor as than then that this these those "
    "who whom whose which what it its they them their he she his her we our you your is are "
    "was were be been being am has have had do does did will would can could may might must "
    "shall should per each every more most less fewer such no not only also so very just over "
    "under about around into onto out up down off than".split())
LABEL_WORDS = frozenset(
    "page pages p pp section sections chapter article articles paragraph para clause part "
    "volume vol no number item fig table rule route highway flight room line verse "
    "step version level phase episode season grade class resolution amendment "
    "channel platform gate row seat apartment unit".split())
MONTHS = ("january february march april may june july august september october november "
          "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
YEAR_CONTEXT = frozenset("in since by for from until till of the to before after during between "
                         "and early late mid end start spring summer autumn fall winter".split())

_WORDNUM = "|".join(sorted([*UNITS, "hundred", "thousand", "million", "billion", "trillion"],
                           key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_RE = re.compile(
    r"(?P<digits>(?:(?<!\w)(?P<cur>US\$|A\$|C\$|HK\$|S\$|NZ\$|\$|£|€|¥|(?:USD|EUR|GBP)\s?)"
    r"|(?<![\w.,/:#§$£€¥-]))"
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
    r"(?:us|a|c|hk|s|nz)\$|[\d$£€¥]|(?:usd|eur|gbp)(?=\s?\d)|\b(?:"
    + "|".join(sorted({*UNITS, "hundred", "thousand", "million", "billion", "trillion", *VAGUE,
                       "dozen", "tens", "several", "half", "two-thirds", "three-quarters"},
                      key=len, reverse=True))
    + r"|a (?:few|dozen|hundred|thousand|million|billion|third|quarter|fifth|tenth)"
    + r"|in the (?:tens|hundreds|thousands|millions|billions))\b"
)
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_][\w’'-]*)")
_OF_RE = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0])")
_OR_MORE_RE = re.compile(r"\s+or\s+(more|so)\b")
_COORD_RE = re.compile(r"[ \t\u00a0]+(and|or)[ \t\u00a0]+([a-z][\w-]*)")
_MONTH_BEFORE_RE = re.compile(r"(?i:\b(?:" + "|".join(MONTHS) + r")\.?)\s+$")
_MONTH_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?\s+(?i:(?:" + "|".join(MONTHS) + r")\b)")
_TIME_AFTER_RE = re.compile(r"\s?(?:am|pm|a\.m\.|p\.m\.|GMT|UTC)(?!\w)")
_WORD_BEFORE_RE = re.compile(r"([\w.§#]+)\s*$")


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
    measure_end: int | None = None  # end of a percent or a unit of measure: "%", "km"
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
    if allow_of:
        m = _OF_RE.match(text, p)
        if m:
            p = m.end()
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
        done = m.end()
        fig = _figure(text, m, demonyms)
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


def _figure(text: str, m: re.Match, demonyms) -> Figure | None:
    start, end = m.span()
    qualifier = "exact"
    unit = None
    parts: dict = {"core": (start, end)}
    if m.group("digits"):
        if _is_label_or_date(text, m):
            return None
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
            parts["measure_end"] = m.end("pct")
        o = _OR_MORE_RE.match(text, end)
        if o:
            qualifier = "at least" if o.group(1) == "more" else "about"
            end = parts["more_end"] = o.end()
        if unit is None:
            end, unit = _counted_noun(text, end, False, demonyms)
            _after(end, unit, parts)
        if _is_year(text, m, value, unit):
            return None
        if unit is None and _after_name(text, start):
            return None
    elif m.group("vague"):
        words = m.group("vague").lower().split()
        qualifier = "at least"
        if words[0] in ("several", "a"):
            value = Decimal(SCALES[words[-1]])
        elif "of" in words:
            value = Decimal(10 if words[-3] == "tens" else 100) * VAGUE[words[-1]]
        else:
            value = Decimal(VAGUE[words[-1]])
        end, unit = _counted_noun(text, end, True, demonyms)
        _after(end, unit, parts)
    elif m.group("frac"):
        if not (text.startswith((" of ", " the "), end) or _cue(text, start)):
            return None
        if re.search(r"(?i:first|second|last|final|other)\s+$", text[max(0, start - 8):start]):
            return None
        value = Decimal(str(FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())]))
        unit = "percent"
    elif m.group("ratio"):
        n1, n2 = (int(g) if g.isdigit() else UNITS[g.lower()] for g in (m.group("r1"), m.group("r2")))
        if n1 >= n2:
            return None
        value = Decimal(n1 * 100) / Decimal(n2)
        unit = "percent"
    else:
        words = m.group("words")[: m.start("wpct") - start if m.group("wpct") else None]
        n = _word_value(words)
        if n is None:
            return None
        value = Decimal(n)
        if m.group("wpct"):
            unit = "percent"
            parts["core"] = (start, m.start("wpct"))
            parts["measure_end"] = end
        else:
            end, unit = _counted_noun(text, end, True, demonyms)
            _after(end, unit, parts)
            scaled = any(w in SCALES or w == "dozen" for w in re.split(r"[\s-]+", words.lower()))
            if (unit is None and not scaled) or (n == 1 and not scaled):
                return None  # "the two said", "no one knows": not a quantity
    cue = _cue(text, start)
    if cue:
        start = parts["cue"] = cue[0]
        if qualifier == "exact" or m.group("num2"):
            qualifier = cue[1]
    return Figure(start, end, _tidy(value), unit, qualifier, **parts)


def _cue(text: str, start: int) -> tuple[int, str] | None:
    m = _CUE_BEFORE_RE.search(text, max(0, start - 24), start)
    if not m:
        return None
    return m.start("cue"), _CUE_QUALIFIER[re.sub(r"\s+", " ", m.group("cue").lower())]


def _is_label_or_date(text: str, m: re.Match) -> bool:
    """Page/section numbers, dates and times."""
    start, end = m.span()
    before = text[max(0, start - 12):start]
    w = _WORD_BEFORE_RE.search(before)
    if w and w.group(1).lower().rstrip(".") in LABEL_WORDS or before.rstrip().endswith(("#", "§")):
        return True
    if not m.group("cur") and (_MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(text, end)):
        return True
    return bool(_TIME_AFTER_RE.match(text, end))


def _is_year(text: str, m: re.Match, value: Decimal, unit: str | None) -> bool:
    """1500-2100 written as four bare digits, with no unit or after "in", "the", "since"..."""
    num = m.group("num")
    if m.group("cur") or m.group("scale") or m.group("pct") or not num.isdigit() or len(num) != 4 \
            or not 1500 <= value <= 2100:
        return False
    w = _WORD_BEFORE_RE.search(text[max(0, m.start() - 12):m.start()])
    return unit is None or (w is not None and w.group(1).lower() in YEAR_CONTEXT)


def _after_name(text: str, start: int) -> bool:
    """A bare number right after a capitalised word mid-sentence: a name (Boeing 737, Route 66)."""
    w = _WORD_BEFORE_RE.search(text[max(0, start - 20):start])
    if not w or not w.group(1)[:1].isupper():
        return False
    before = text[max(0, start - 20):start][: w.start(1)].rstrip()
    return bool(before) and before[-1] not in ".!?“\"\n"

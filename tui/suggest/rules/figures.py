"""Figure rules: numbers in digits and words, vague quantities, fractions and percentages,
with the qualifier cue before them and the currency or counted noun after them.

By default a figure span covers: qualifier cue + number + (currency / scale / percent) + the
counted noun phrase (modifiers and head noun, e.g. "1,440 Indonesian nationals"). Each
``Figure`` also keeps where its parts are, so ``Figure.span(conventions)`` gives the span
under another team's guidelines (without the counted noun, the currency, ...). Dates,
years, times, ordinals and numbers that label things (page 12, Section 230, COVID-19) are skipped.

This module owns the ``Figure`` and where figures are (``find_figures``, ``figure_at``,
ranges); ``fignumber`` the number pattern, values and cues; ``figkinds`` the reader of
each kind of number; ``counted`` the counted noun; ``notfigures`` what is no figure; ``figcontext`` what
the words around a number make it (an age, a day, a year, a race).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from tui.suggest.rules import figcontext, figkinds
from tui.suggest.rules.fignumber import NUMBER_RE, TRIGGER_RE, cue as _cue, number as _number, tidy as _tidy
from tui.suggest.rules.notfigures import is_label_or_date
from tui.suggest.rules.figwords import (  # noqa: F401 (re-exported)
    QUALIFIER_CUES, HEADING_CUES, _CUE_QUALIFIER, _CUE_BEFORE_RE, UNITS, SCALES,
    VAGUE, FRACTIONS, CURRENCY_SIGNS, CURRENCY_WORDS, IRREGULAR_PLURALS,
    MEASURES, NOT_MODIFIERS, LABEL_WORDS, MONTHS, YEAR_CONTEXT,
)

_RANGE_RE = re.compile(r"\s+(?P<conn>to|and|or)\s+|(?P<dash>[–—])(?=\w)")  # "four–five": words only


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
    age: bool = False  # a bare number set off after a person ("Kinsman, 49,"): conventions.figure_ages

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
    match = NUMBER_RE.match
    for t in TRIGGER_RE.finditer(lower_same_offsets(text)):
        if t.start() < done:
            continue
        m = match(text, t.start())
        if not m:
            continue
        tally = _tally(text, m)
        if tally:
            out.extend(f for f in tally if not out or f.start >= out[-1].end)
            done = m.end()
            continue
        fig = _range(text, m, demonyms) or _figure(text, m, demonyms)
        done = max(m.end(), fig.end if fig else 0)
        if fig and (not out or fig.start >= out[-1].end):
            out.append(fig)
    return out


def _tally(text: str, m: re.Match) -> list[Figure] | None:
    """A score or a vote, "230-to-198", "43–5", "a 6–3 majority": two counts, each a figure with no
    unit; a range runs upward ("16–17 percent"), a tally does not, and "2012–13" is years."""
    if not (m.group("digits") and m.group("num2")) or m.group("cur") or m.group("scale") or m.group("pct") \
            or m.group("glued") or re.fullmatch(r"\d{4}", m.group("num")) or is_label_or_date(text, m):
        return None
    first, second = _number(m.group("num")), _number(m.group("num2"))
    if first < second:
        return None
    return [Figure(s, e, _tidy(v), None, "exact", core=(s, e))
            for v, (s, e) in ((first, m.span("num")), (second, m.span("num2")))]


def _range(text: str, m: re.Match, demonyms) -> Figure | None:
    """One figure for "between 36 and 40", "two or three", "five to six million US dollars"
    (its lower bound, with the scale and unit of the upper one), or None ("from fourteen to
    31" is two, and so are two ends counting different things: "€50m to 87 million users")."""
    r = _RANGE_RE.match(text, m.end())
    if r is None or not (m.group("digits") or m.group("words")) or r.group("dash") and not m.group("words"):
        return None
    m2 = NUMBER_RE.match(text, r.end())
    if m2 is None or not (m2.group("digits") or m2.group("words")):
        return None
    before = text[max(0, m.start() - 9):m.start()].lower()
    between = before.endswith("between ")
    if r.group("conn") == "and" and not between or before.rstrip().endswith("from"):
        return None
    first, second = _figure(text, m, demonyms, True), _figure(text, m2, demonyms, True)
    if first is not None and second is not None and m.group("digits") and m2.group("digits") and r.group("conn") == "to" \
            and first.value >= second.value and first.unit is None:
        return None  # a tally, "won 230 to 198": two figures
    if first is None or second is None or first.end > r.start() or None is not first.unit != second.unit is not None:
        return None  # "paid €50m to 87 million users": two quantities of different things
    value = first.value
    scale = (m2.group("scale") or "").strip() or next(
        (w for w in re.split(r"[\s-]+", (m2.group("words") or "").lower()) if w in SCALES), "")
    if scale and not (m.group("scale") or scale in (m.group("words") or "").lower()):
        value = _tidy(Decimal(str(value)) * SCALES[scale])
    cue = m.start() - 8 if between else first.cue
    return replace(second, start=first.start if cue is None else cue, value=value, unit=second.unit or first.unit,
                   qualifier=first.qualifier if first.cue is not None else "at least",
                   core=(first.core[0], second.core[1]), cue=cue,
                   sign=first.sign if first.sign is not None else second.sign)


def _figure(text: str, m: re.Match, demonyms, lenient: bool = False) -> Figure | None:
    """The figure ``m`` starts; ``lenient``: a number word alone is one too ("Two")."""
    parts: dict = {"core": m.span()}
    if m.group("digits"):
        got = figkinds.digits(text, m, demonyms, parts)
    elif m.group("vague"):
        got = figkinds.vague(text, m, demonyms, parts)
    elif m.group("frac"):
        got = figkinds.fraction(text, m, demonyms, parts)
    elif m.group("ratio"):
        got = figkinds.ratio(m)
    elif m.group("couple"):
        got = figkinds.couple(text, m, demonyms, parts)
    elif m.group("twice") or m.group("once"):  # "re-elected twice", "more than once a year": nothing counted
        got = Decimal(2 if m.group("twice") else 1), None, "exact", m.end()
    elif m.group("clock"):  # a time achieved, "completing the race in 2:14:04": in seconds
        h, mi, sec = m.group("clock").split(":")
        got = Decimal(h) * 3600 + Decimal(mi) * 60 + Decimal(sec), "seconds", "exact", m.end()
    else:
        got = figkinds.words(text, m, demonyms, parts, lenient)
    if got is None:
        return None
    value, unit, qualifier, end = got
    said = figcontext.reading(text, parts["core"][0], parts["core"][1], end, value, unit)
    if said == "none":
        return None
    parts["age"] = said == "age"
    start = m.start()
    cue = _cue(text, start)
    if cue:
        if text[cue[0]:start].strip().lower() not in HEADING_CUES:  # "within two miles": the reader's only
            start = parts["cue"] = cue[0]
        if qualifier == "exact" or m.group("num2"):
            qualifier = cue[1]
    return Figure(start, end, _tidy(value), unit, qualifier, **parts)


def figure_at(text: str, pos: int, end: int | None = None, demonyms=frozenset()) -> Figure | None:
    """The figure whose number starts at the first trigger in ``text[pos:end]``, read
    leniently (a number word alone counts: "Two", "at least one"), with its cue before it
    and its counted noun after it even when those lie outside [pos, end)."""
    low = lower_same_offsets(text)
    for t in TRIGGER_RE.finditer(low, pos, len(text) if end is None else end):
        m = NUMBER_RE.match(text, t.start())
        tally = _tally(text, m) if m else None
        if tally:  # the first count of "230-to-198"
            return tally[0]
        if m:
            return _range(text, m, demonyms) or _figure(text, m, demonyms, True)
    return None

"""Which unit a record's character offsets count, chosen once per record, never guessed.

Each reader says what its tool writes (``Incoming.offsets``): code points (Python tools:
margin, spaCy, Prodigy, brat), UTF-16 code units (doccano's JavaScript editor, INCEpTION's
Java) or ``None`` when files in that shape come in both (Label Studio's editor has written
both; margin's older doccano exports wrote code points). The choice
only matters for a text holding a character above U+FFFF (emoji), before or in a span:

1. ``--offsets utf16|codepoints`` (``Reading.offsets``) decides, for formats whose unit varies;
2. else the record's own evidence: span texts (``SpanIn.quote``) and token texts
   (``Incoming.probes``) must read the same at the offsets; the first unit under which all
   do is the one (the tool's own unit first);
3. else the tool's unit when it has one (an offset inside a character there is refused,
   naming the unit); else the one unit under which every offset is a character boundary
   of the text; else both read the record the same way (nothing follows an emoji), or the
   record is refused with a line naming ``--offsets``. Every record where the unit
   mattered is counted (``Reading.units_used``) for the stderr summary.
"""

from __future__ import annotations

from tui.importers.base import Incoming, Reading
from tui.offsets import UNITS, Units, has_astral

NAMES = {"utf16": "UTF-16 code units", "codepoints": "code points"}

Frags = list[tuple[int, int]]


def _convert(frags: Frags, read) -> Frags | None:
    out = []
    for a, b in frags:
        ca, cb = read(a), read(b)
        if ca is None or cb is None:
            return None
        out.append((ca, cb))
    return out


def _quote_ok(text: str, frags: Frags, quote: str) -> bool:
    return " ".join(text[a:b] for a, b in frags) == quote  # as place._place checks it


def _reads(inc: Incoming, text: str, units: Units, unit: str) -> tuple[bool, bool, list[Frags | None]]:
    """(every offset is a character boundary, every span and token text matches, the spans'
    code-point fragments) when the offsets count ``unit``."""
    read = units.reader(unit)
    spans = [_convert(s.frags, read) for s in inc.spans]
    bounded = all(f is not None for f in spans)
    matches = all(f is None or s.quote is None or _quote_ok(text, f, s.quote) for s, f in zip(inc.spans, spans))
    for a, b, quote in inc.probes:
        ca, cb = read(a), read(b)
        if ca is None or cb is None or text[ca:cb] != quote:
            matches = False
            break
    return bounded, matches, spans


def convert(inc: Incoming, text: str, reading: Reading) -> bool:
    """Turn the spans' offsets of ``inc`` into code points of ``text``; False (with a
    problem) when the unit cannot be told."""
    if inc.tokens is not None or not inc.spans or not has_astral(text):
        return True
    units = Units(text)
    forced = reading.offsets if not inc.exact else None
    if forced:
        order = [forced]
    elif inc.offsets:
        order = [inc.offsets, *(u for u in UNITS if u != inc.offsets)]
    else:
        order = list(UNITS)
    readings = {u: _reads(inc, text, units, u) for u in order}
    evidence = any(s.quote is not None for s in inc.spans) or bool(inc.probes)
    chosen = None
    if forced or inc.exact:
        chosen = order[0]
    elif evidence:
        chosen = next((u for u in order if all(readings[u][:2])), order[0])
    elif inc.offsets:
        chosen = inc.offsets
    else:
        valid = [u for u in order if readings[u][0]]
        if len(valid) == 1:
            chosen = valid[0]
        elif len({repr(readings[u][2]) for u in order}) == 1:
            chosen = order[0]  # both units read every span the same way
        else:
            reading.problem(inc.where, f"the text has characters above U+FFFF (emoji) before or in a span, and "
                                       f"nothing in this {reading.format or 'file'} record says whether its offsets "
                                       "count UTF-16 code units or code points: add --offsets utf16 (doccano's "
                                       "own exports, Label Studio's editor) or --offsets codepoints (files "
                                       "written by Python)")
            return False
    ok = True
    for s, frags in zip(inc.spans, readings[chosen][2]):
        if frags is None:
            reading.problem(s.where, f"offsets {s.frags[0][0]}-{s.frags[-1][1]} are not character boundaries of the "
                                     f"text counted in {NAMES[chosen]}" + ("" if forced else
                                                                           " (--offsets names the unit)"))
            ok = False
        else:
            s.frags = frags
    if ok and units.first_difference() < max(b for s in inc.spans for _, b in s.frags) + 1:
        reading.units_used[chosen] = reading.units_used.get(chosen, 0) + 1
    return ok

"""Read brat standoff: a ``.ann`` file, or every ``*.ann`` under a folder, each with its
``.txt`` beside it when there is one (the document id is the file stem).

``T`` lines become spans (fragments split only by line breaks join into one span; ids
``T<n>`` become ``s<n>``), ``A`` lines attributes (percent-encoded values decoded, typed by
the schema), ``R`` lines relations (``Arg1`` is ``from``, ``Arg2`` is ``to``; ``R<n>`` ->
``r<n>``), ``#`` ``AnnotatorNotes`` the note. Events (``E`` lines, with their trigger ``T`` spans and
the attributes on them), equivalences (``*``) and normalisations (``N``) have no margin
counterpart: they are left out and counted on stderr. Binary attributes are refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from tui.corpus import read_text
from tui.errors import DataError
from tui.model import IdAllocator
from tui.importers.base import Incoming, RelIn, SpanIn, files
from tui.importers.base import read_text as read_input

_ID = re.compile(r"[A-Za-z]+(\d{1,9})\Z")
_UNESC = {"\\\\": "\\", "\\n": "\n", "\\r": "\r", "\\t": "\t"}
_UNESC_RE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")
_KIND = {"E": "an event", "N": "a normalisation", "*": "an equivalence", "M": "a modifier"}


def unescape_note(s: str) -> str:
    """Undo the export's note escapes: ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\uXXXX``."""
    return _UNESC_RE.sub(_unescape, s)


def _unescape(m: re.Match) -> str:
    esc = m.group()
    if esc in _UNESC:
        return _UNESC[esc]
    return chr(int(esc[2:], 16)) if esc[1] == "u" else esc


def _margin_id(brat_id: str, prefix: str) -> str | None:
    m = _ID.match(brat_id)
    return f"{prefix}{int(m.group(1))}" if m else None


def _unique_ids(items, prefix: str) -> None:
    """Give items without a usable id (or with one already taken) the next free one."""
    used: set = set()
    for it in items:
        if it.id in used:
            it.id = None
        used.add(it.id)
    ids = IdAllocator(used - {None}, fill_gaps=True)
    for it in items:
        if it.id is None:
            it.id = ids.new(prefix)


def _value(raw: str, adef):
    """A decoded attribute value, typed by its schema kind (None if it is not a number)."""
    v = unquote(raw)
    if adef is not None and adef.kind == "number":
        try:
            return int(v) if re.fullmatch(r"[-+]?\d+", v) else float(v)
        except ValueError:
            return None
    return v


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.ann",), recursive=True):
        inc = _read_file(f, reading)
        if inc is not None:
            out.append(inc)
    return out


def _read_file(f: Path, reading) -> Incoming | None:
    data = read_input(f, reading)
    if data is None:
        return None
    lines = data.split("\n")
    txt = f.with_suffix(".txt")
    text = None
    if txt.is_file():
        try:
            text = read_text(txt)
        except DataError as e:
            reading.problems.append(str(e))
            return None
    inc = Incoming(f"{f}:1", f.stem, text, str(txt) if text is not None else "", id_hint=f.stem)
    skipped = _skipped(lines)  # events (and their trigger spans), equivalences, normalisations
    spans: dict[str, SpanIn] = {}  # brat id -> span
    attrs: list[tuple] = []
    notes: list[tuple] = []
    unknown: set[str] = set()
    for n, line in enumerate(lines, 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{f}:{n}"
        bid, _, rest = line.partition("\t")
        kind = bid[:1]
        if bid in skipped.ids or kind in SKIPPED or (kind in "AM" and rest.split(" ")[1:2] and
                                                    rest.split(" ")[1] in skipped.ids):
            continue
        if kind == "T":
            _t_line(bid, rest, line, where, spans, unknown, reading)
        elif kind == "R":
            _r_line(bid, rest, line, where, inc, reading)
        elif kind == "A":
            parts = rest.split(" ", 2)
            if len(parts) != 3:
                reading.problem(where, f"binary attribute {rest!r}: margin attributes have values")
                continue
            attrs.append((where, *parts))
        elif kind == "#":
            _note_line(rest, line, where, notes, reading)
        else:
            reading.problem(where, f"{_KIND.get(kind, 'an unknown')} annotation ({bid}): margin has spans, "
                                   "attributes, notes and relations only")
    _attach(spans, unknown, attrs, notes, reading)
    _link(inc, spans, unknown)
    for what, n in skipped.counts.items():
        reading.notes.append(f"{f}: left out {n} {what} (margin has spans, attributes, notes and relations)")
    return inc


def _r_line(bid: str, rest: str, line: str, where: str, inc: Incoming, reading) -> None:
    m = re.fullmatch(r"(\S+) (\S+?):(\S+) (\S+?):(\S+)\s*", rest)
    if not m:
        reading.problem(where, f"expected 'R<n><TAB>RELATION Arg1:T<a> Arg2:T<b>', got {line[:80]!r}")
        return
    label = reading.relation(where, m.group(1))
    args = [(m.group(2), m.group(3)), (m.group(4), m.group(5))]
    if args[0][0] == "Arg2" and args[1][0] == "Arg1":
        args.reverse()  # Arg1 is "from" wherever it is written
    if label is not None:
        inc.relations.append(RelIn(where, _margin_id(bid, "r"), label, args[0][1], args[1][1]))


def _note_line(rest: str, line: str, where: str, notes: list, reading) -> None:
    data, _, note = rest.partition("\t")
    parts = data.split()
    if len(parts) != 2 or parts[0] != "AnnotatorNotes":
        reading.problem(where, f"expected '#<n><TAB>AnnotatorNotes T<n><TAB>NOTE', got {line[:80]!r}")
        return
    notes.append((where, parts[1], unescape_note(note)))


def _link(inc: Incoming, spans: dict[str, SpanIn], unknown: set[str]) -> None:
    """The spans and relations into ``inc`` under margin ids, relations between brat ids
    pointing at the margin ids of their spans (those to unknown spans dropped)."""
    inc.relations = [r for r in inc.relations if r.source not in unknown and r.target not in unknown]
    _unique_ids(list(spans.values()), "s")
    _unique_ids(inc.relations, "r")
    ids: dict[object, str | None] = {bid: s.id for bid, s in spans.items()}
    for r in inc.relations:
        r.source, r.target = ids.get(r.source, r.source), ids.get(r.target, r.target)
    inc.spans = list(spans.values())


def _t_line(bid: str, rest: str, line: str, where: str, spans: dict, unknown: set, reading) -> None:
    """A ``T`` line: a span (its label checked), or a problem."""
    data, _, quote = rest.partition("\t")
    label, _, offsets = data.partition(" ")
    try:
        # a fragment of other than two numbers fails to unpack: ValueError too
        frags = [(int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))]
    except ValueError:
        reading.problem(where, f"expected 'T<n><TAB>LABEL START END<TAB>TEXT', got {line[:80]!r}")
        return
    lab = reading.label(where, label)
    if bid in spans:
        reading.problem(where, f"duplicate id {bid}")
    elif lab is None:
        unknown.add(bid)  # reported once, here; its attributes and relations go with it
    else:
        spans[bid] = SpanIn(where, _margin_id(bid, "s"), lab, frags, quote)


def _attach(spans: dict, unknown: set, attrs: list, notes: list, reading) -> None:
    """``A`` attributes (typed by the schema) and ``#`` notes onto their spans."""
    for where, name, target, raw in attrs:
        s = _target(spans, unknown, target, where, "attribute of", reading)
        if s is None:
            continue
        name = unquote(name)
        if s.label == "":  # dropped by --map
            continue
        adef = reading.schema.labels[s.label].attrs.get(name)
        value = _value(raw, adef)
        if value is None:
            reading.problem(where, f"attribute {name!r} must be a number, got {unquote(raw)!r}")
            continue
        s.attrs.update(reading.attrs(where, s.label, {name: value}))
    for where, target, note in notes:
        s = _target(spans, unknown, target, where, "note on", reading)
        if s is not None:
            s.note = note if s.note is None else f"{s.note}\n{note}"


def _target(spans: dict, unknown: set, target: str, where: str, what: str, reading) -> SpanIn | None:
    """The span an attribute or note is on; None (a problem unless the span was left out)."""
    if target in unknown:
        return None
    s = spans.get(target)
    if s is None:
        reading.problem(where, f"{what} {target!r}, which is not a span of this file")
    return s


SKIPPED = "E*N"  # events, equivalences, normalisations: no margin counterpart, left out with a note


class _Skipped:
    def __init__(self):
        self.ids: set[str] = set()  # events and their trigger T ids: their A/M lines go too
        self.counts: dict[str, int] = {}

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


def _skipped(lines: list[str]) -> _Skipped:
    """What of a .ann file margin leaves out: ``E`` events with their trigger ``T`` spans,
    ``*`` equivalences and ``N`` normalisations (counted for the note)."""
    out = _Skipped()
    for line in lines:
        bid, _, rest = line.removesuffix("\r").partition("\t")
        if bid[:1] == "E":
            out.count("event(s)")
            out.ids.add(bid)
            trigger = rest.split(" ")[0].partition(":")[2]
            if trigger:
                out.ids.add(trigger)
        elif bid[:1] == "*":
            out.count("equivalence(s)")
        elif bid[:1] == "N":
            out.count("normalisation(s)")
    return out

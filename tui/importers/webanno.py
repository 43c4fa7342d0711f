"""Read WebAnno / INCEpTION TSV 3 (``#FORMAT=WebAnno TSV 3.x``; a file, or every ``*.tsv``
in a folder), as INCEpTION's user guide (*WebAnno TSV 3.3 File format*) and its
``Tsv3XDeserializer`` define it.

- The text is rebuilt as INCEpTION does: each sentence's ``#Text=`` lines joined by line
  feeds, then a line feed, padded with spaces up to the next sentence's first token (or
  that line feed dropped when the next sentence starts right there); margin then drops
  the one line feed INCEpTION adds after the last sentence.
- Offsets are UTF-16 code units (Java strings); the token column is the evidence.
- Span layers (``#T_SP``): an annotation is a cell value, or the units (tokens,
  sub-tokens) sharing its disambiguation id ``[N]``; stacked values are ``|``-separated,
  the i-th in each feature column belonging together. Its label is its ``label`` or
  ``value`` feature (else the layer's only or first feature; the layer's short name when
  null ``*``); other features are attributes when the schema has them, else left out and
  counted. A layer none of whose values is a label of the schema is left out, counted.
- Relation layers (``#T_RL``): on the dependent's unit, the governor's unit in the last
  column (``S-T``, with ``[src_tgt]`` disambiguation ids): from governor to dependent.
- Chain layers (``#T_CH``) and slot features (``ROLE_``) have no margin counterpart: left
  out and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.importers.base import Incoming, RelIn, SpanIn, files, read_text

_TEXT_ESC = {"\\t": "\t", "\\n": "\n", "\\f": "\f", "\\r": "\r", "\\b": "\b", "\\\\": "\\"}
_TEXT_RE = re.compile(r"\\[\x00-\x07\x0e-\x1f]|\\[tnfrb\\]")
_VALUE_ESC = {"\\\\": "\\", "\\[": "[", "\\]": "]", "\\|": "|", "\\_": "_", "\\->": "->", "\\;": ";", "\\t": "\t",
              "\\n": "\n", "\\*": "*"}
_VALUE_RE = re.compile(r"\\->|\\[\\\[\]|_;tn*]")
_STACK = re.compile(r"(?<!\\)(?:\\\\)*\|")
_ID = re.compile(r"(.*?)\[(\d+)\]\Z", re.S)
_REF = re.compile(r"(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?\Z")
LABEL_FEATURES = ("label", "value")


def unescape_text(s: str) -> str:
    return _TEXT_RE.sub(lambda m: _TEXT_ESC.get(m.group(), m.group()[1:]), s)


def unescape_value(s: str) -> str:
    return _VALUE_RE.sub(lambda m: _VALUE_ESC[m.group()], s)


def split_stack(cell: str) -> list[str]:
    """The ``|``-separated values of a cell (an escaped ``\\|`` is part of a value)."""
    out, pos = [], 0
    for m in _STACK.finditer(cell):
        out.append(cell[pos:m.end() - 1])
        pos = m.end()
    return [*out, cell[pos:]]


@dataclass
class Layer:
    kind: str  # SP, RL, CH
    name: str
    features: list[str]  # one per column ("" for a layer without features), ROLE_/target pairs as two
    first: int = 0  # its first column (after the three of the token)
    base: str = ""  # relation layers: the span layer their ends are

    @property
    def short(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def label_column(self) -> int:
        plain = [i for i, f in enumerate(self.features) if f and not f.startswith("ROLE_") and f != "*target"]
        named = [i for i in plain if self.features[i] in LABEL_FEATURES]
        return (named or plain or [0])[0]


@dataclass
class Unit:
    id: str
    begin: int
    end: int
    cells: list[str]
    where: str


@dataclass
class Parsed:
    layers: list[Layer] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    text: str = ""
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (begin, end, text), UTF-16


def _header(line: str, layers: list[Layer]) -> None:
    kind, _, rest = line[3:].partition("=")
    name, *fields = rest.split("|")
    if kind == "RL":
        base = fields[-1][3:] if fields and fields[-1].startswith("BT_") else ""
        rl = fields[:-1] if base else fields
        layers.append(Layer("RL", name, [*(rl or [""]), "*base"], base=base))
        return
    feats: list[str] = []
    k = 0
    while k < len(fields):
        feats.append(fields[k])
        if fields[k].startswith("ROLE_"):  # a slot feature: its role, then its target's column
            feats.append("*target")
            k += 1
        k += 1
    layers.append(Layer(kind, name, feats or [""]))


def parse(f: Path, text: str, reading) -> Parsed | None:
    lines = text.split("\n")
    if not lines or not lines[0].startswith("#FORMAT=WebAnno TSV 3"):
        reading.problem(f"{f}:1", "expected '#FORMAT=WebAnno TSV 3.3' (INCEpTION's TSV export) on the first line")
        return None
    out = Parsed()
    n = 1
    while n < len(lines) and lines[n].startswith(("#T_SP=", "#T_RL=", "#T_CH=")):
        _header(lines[n].rstrip("\r"), out.layers)
        n += 1
    col = 0
    for layer in out.layers:
        layer.first, col = col, col + len(layer.features)
    buf: list[str] = []  # the text, in UTF-16-counted pieces
    length = 0  # its length in UTF-16 code units
    sentence: list[str] | None = None
    for k in range(n, len(lines)):
        line = lines[k].removesuffix("\r")
        where = f"{f}:{k + 1}"
        if line.startswith("#Text="):
            sentence = [*(sentence or []), unescape_text(line[6:])]
            continue
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        m = re.fullmatch(r"(\d+)-(\d+)", cells[1]) if len(cells) >= 3 else None
        if m is None or not re.fullmatch(r"\d+-\d+(\.\d+)?", cells[0]):
            reading.problem(where, f"expected 'SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN...', got {line[:60]!r}")
            return None
        begin, end = int(m.group(1)), int(m.group(2))
        if sentence is not None:  # the first token of a sentence: its text goes in at `begin`
            if length == begin + 1 and buf and buf[-1].endswith("\n"):  # no space between the sentences
                buf[-1] = buf[-1][:-1]
                length -= 1
            if length < begin:
                buf.append(" " * (begin - length))
                length = begin
            joined = "\n".join(sentence) + "\n"
            buf.append(joined)
            length += len(joined.encode("utf-16-le")) // 2
            sentence = None
        if len(cells) < 3 + col:
            reading.problem(where, f"expected {3 + col} columns (the header declares {col} after the token), "
                                   f"got {len(cells)}")
            return None
        out.units.append(Unit(cells[0], begin, end, cells[3:3 + col], where))
        if "." not in cells[0]:
            out.tokens.append((begin, end, unescape_text(cells[2])))
    out.text = "".join(buf).removesuffix("\n")
    return out


class _Skips:
    def __init__(self, f: Path, reading):
        self.f, self.reading = f, reading
        self.counts: dict[str, int] = {}

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def report(self) -> None:
        for what, n in self.counts.items():
            self.reading.notes.append(f"{self.f}: left out {n} {what}")


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.tsv",), recursive=True):
        text = read_text(f, reading)
        if text is None:
            continue
        parsed = parse(f, text, reading)
        if parsed is not None:
            out.append(_incoming(f, parsed, reading))
    return out


def _name(f: Path) -> tuple[str, str | None]:
    """(document name, annotator) from INCEpTION's names: ``doc.txt.tsv``, or a project
    export's ``annotation/doc.txt/user.tsv``."""
    stem = f.name.removesuffix(".tsv") if f.name.endswith(".tsv") else f.stem
    if Path(f.parent.name).suffix in (".txt", ".tsv", ".xmi", ".html", ".md", ".json"):
        return Path(f.parent.name).stem, stem
    return stem.removesuffix(".txt"), None


def _incoming(f: Path, parsed: Parsed, reading) -> Incoming:
    name, who = _name(f)
    inc = Incoming(f"{f}:1", None, parsed.text, str(f), keyed=True, offsets="utf16", id_hint=name, name=name,
                   probes=parsed.tokens)
    skips = _Skips(f, reading)
    spans: dict[str, dict[str, list]] = {}  # span layer -> unit id -> keys of its annotations there
    for layer in parsed.layers:
        if layer.kind == "SP":
            spans[layer.name] = _spans(layer, parsed.units, inc, reading, skips)
        elif layer.kind == "CH":
            skips.add(f"chain annotation(s) of {layer.short} (coreference chains have no margin counterpart)",
                      sum(1 for u in parsed.units if u.cells[layer.first] not in ("_", "")))
    for layer in parsed.layers:
        if layer.kind == "RL":
            _relations(layer, parsed.units, spans.get(layer.base), inc, reading, skips)
    skips.report()
    if who:
        inc.source_annotator = who
    return inc


def _value(raw: str) -> tuple[str, str | None]:
    """(value, disambiguation id) of one stacked cell value."""
    m = _ID.match(raw)
    return (m.group(1), m.group(2)) if m else (raw, None)


def _annotations(layer: Layer, units: list[Unit]) -> dict[object, dict]:
    """Annotation key -> {"units", "values": {column: raw value}, "where"} of a span layer."""
    anns: dict[object, dict] = {}
    lc = layer.label_column()
    width = len(layer.features)
    for u in units:
        cells = u.cells[layer.first:layer.first + width]
        if cells[lc] in ("_", ""):
            continue
        stacks = [split_stack(c) for c in cells]
        for i, raw in enumerate(stacks[lc]):
            ident = _value(raw)[1]
            ann = anns.setdefault(ident if ident else (u.id, i), {"units": [], "values": {}, "where": u.where})
            ann["units"].append(u)
            for j in range(width):
                ann["values"].setdefault(j, _value(stacks[j][i] if i < len(stacks[j]) else "*")[0])
    return anns


def _label_of(layer: Layer, raw: str) -> str:
    return layer.short if raw == "*" or not layer.features[layer.label_column()] else unescape_value(raw)


def _known(layer: Layer, names: set[str], allowed, reading, skips: _Skips, what: str, n: int) -> bool:
    """Does some value of the layer name a label (relation) of the schema? Else it is left out."""
    if any(reading.label_map.get(n, n) in allowed or reading.label_map.get(n) == "" for n in names):
        return True
    if names:
        skips.add(f"{what} of layer {layer.short} ({', '.join(sorted(names)[:5])}...: no name of the schema; "
                  f"--map VALUE=NAME imports them)", n)
    return False


def _spans(layer: Layer, units: list[Unit], inc: Incoming, reading, skips: _Skips) -> dict[str, list]:
    """Add the layer's annotations to ``inc``; unit id -> the keys of the annotations on it."""
    anns = _annotations(layer, units)
    lc = layer.label_column()
    if not _known(layer, {_label_of(layer, a["values"][lc]) for a in anns.values()}, reading.schema.labels,
                  reading, skips, "span annotation(s)", len(anns)):
        return {}
    at: dict[str, list] = {}
    for key, a in anns.items():
        name = _label_of(layer, a["values"][lc])
        label = reading.label(a["where"], name)
        if label is None:
            continue
        attrs, note = {}, None
        for j, feat in enumerate(layer.features):
            raw = a["values"].get(j, "*")
            if j == lc or raw == "*" or not feat:
                continue
            if feat.startswith("ROLE_") or feat == "*target":
                skips.add(f"slot feature value(s) of {layer.short} (no margin counterpart)")
                continue
            adef = reading.schema.labels[label].attrs.get(feat) if label else None
            if adef is None and feat == "note":
                note = unescape_value(raw)
            elif adef is None:
                skips.add(f"value(s) of feature {feat} of {layer.short} (not an attribute of the label)")
            else:
                attrs[feat] = _typed(unescape_value(raw), adef.kind)
        begin, end = min(u.begin for u in a["units"]), max(u.end for u in a["units"])
        inc.spans.append(SpanIn(f"{a['where']} ({name[:40]} {begin}-{end})", None, label, [(begin, end)],
                                attrs=reading.attrs(a["where"], label, attrs), note=note, key=(layer.name, key)))
        for u in a["units"]:
            at.setdefault(u.id, []).append(key)
    return at


def _typed(v: str, kind: str):
    if kind == "number":
        try:
            return int(v) if re.fullmatch(r"[-+]?\d+", v) else float(v)
        except ValueError:
            return v  # the schema's check refuses it, naming it
    return v


def _relations(layer: Layer, units: list[Unit], at: dict | None, inc: Incoming, reading, skips: _Skips) -> None:
    rows = [(u, u.cells[layer.first:layer.first + len(layer.features)]) for u in units]
    rows = [(u, c) for u, c in rows if c[-1] not in ("_", "")]
    if not rows:
        return
    if not at:
        skips.add(f"relation(s) of layer {layer.short}: between {layer.base.rsplit('.', 1)[-1]} annotations, "
                  "which are not imported", sum(len(split_stack(c[-1])) for _, c in rows))
        return
    lc = layer.label_column() if layer.features[0] else 0
    names = {_label_of(layer, _value(v)[0]) for _, c in rows for v in split_stack(c[lc])}
    if not _known(layer, names, reading.schema.relations, reading, skips, "relation(s)",
                  sum(len(split_stack(c[-1])) for _, c in rows)):
        return
    for u, cells in rows:
        labels = split_stack(cells[lc])
        for i, ref in enumerate(split_stack(cells[-1])):
            m = _REF.match(ref)
            name = _label_of(layer, _value(labels[i] if i < len(labels) else "*")[0])
            label = reading.relation(u.where, name)
            if m is None:
                reading.problem(u.where, f"relation {name!r}: expected its governor as SENT-TOKEN[SRC_TGT], got {ref!r}")
                continue
            if label is None:
                continue
            ends = [_end(at, m.group(1), m.group(2)), _end(at, u.id, m.group(3))]
            inc.relations.append(RelIn(u.where, None, label, *((layer.base, e) for e in ends)))


def _end(at: dict, unit: str, ident: str | None):
    """The key of the annotation a relation end is: its disambiguation id, else the one
    annotation of the base layer on ``unit``."""
    if ident and ident != "0":
        return ident
    keys = at.get(unit, [])
    return keys[0] if len(keys) == 1 else (unit, "ambiguous")

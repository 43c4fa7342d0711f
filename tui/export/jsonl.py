"""JSON Lines: one object per document and annotator, ``<split>.jsonl``.

``{"id", "text", "annotator", "spans": [{"id", "start", "end", "label", "text", "attrs",
"note"}], "relations": [{"id", "label", "from", "to"}], "meta": {"sha256", "chars",
"status", "updated"}}``. Every record has the same keys with the same types, so Arrow
(``datasets``, ``pandas``, ``pyarrow``) infers one schema. Span keys ``source``, ``from``,
``edited``, ``flag`` appear (on every span) only when some span of the export has them.
Offsets are code points (``--offsets utf16``: UTF-16 code units, and ``meta.offsets`` says
so); numbers keep their YAML type (``1440`` stays an int).

Arrow needs one type per attribute name: margin.yaml may give one name two kinds across
labels (``value: number`` on FIGURE, ``value: text`` on ACTOR), which ``pyarrow.json`` and
``datasets`` refuse ("changed from number to string"). Such a name's values are written
as strings everywhere (numbers in their YAML spelling, ``"1440"``), and the card says so.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache

from tui.model import Annotation, Document, Span
from tui.offsets import CODEPOINTS, writer
from tui.store.yamlio import number

EXT = ".jsonl"
# Optional span keys: (json key, model attribute, default written when absent)
OPTIONAL = (("source", "source", None), ("from", "origin", ()), ("edited", "edited", False), ("flag", "flag", None))
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def mixed_kinds(schema, labels) -> dict[str, list[str]]:
    """Attribute names that are numbers on some exported label and strings on another:
    {name: ["LABEL: kind", ...]}."""
    kinds: dict[str, dict[str, str]] = {}
    for lab in labels:
        for a in schema.labels[lab].attrs.values():
            kinds.setdefault(a.name, {})[lab] = a.kind
    return {n: [f"{lab}: {k}" for lab, k in by.items()] for n, by in kinds.items()
            if "number" in by.values() and set(by.values()) != {"number"}}


def _attrs(attrs: dict, as_text) -> dict:
    if not as_text:
        return dict(attrs)
    return {k: number(v) if k in as_text and isinstance(v, (int, float)) and not isinstance(v, bool) else v
            for k, v in attrs.items()}


def span_obj(s: Span, extra: tuple, as_text=frozenset(), at=lambda x: x) -> dict:
    d = {"id": s.id, "start": at(s.start), "end": at(s.end), "label": s.label, "text": s.text,
         "attrs": _attrs(s.attrs, as_text), "note": s.note}
    for key, attr, _ in extra:
        v = getattr(s, attr)
        d[key] = list(v) if key == "from" else v
    return d


def record_obj(doc: Document, ann: Annotation, extra: tuple = (), as_text=frozenset(), unit: str = CODEPOINTS) -> dict:
    at = writer(doc.text, unit)
    meta = {"sha256": doc.sha256, "chars": len(doc.text), "status": ann.status, "updated": ann.updated}
    return {
        "id": doc.id,
        "text": doc.text,
        "annotator": ann.annotator,
        "spans": [span_obj(s, extra, as_text, at) for s in ann.spans],
        "relations": [{"id": r.id, "label": r.label, "from": r.source, "to": r.target} for r in ann.relations],
        "meta": meta if unit == CODEPOINTS else {**meta, "offsets": unit},
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder: json.dumps makes one a call


def _escape(text: str) -> str:
    """U+2028/2029/0085 escaped, so no line-splitting reader breaks the record."""
    if any(c in text for c in _LINE_BREAKS):
        for c, esc in _LINE_BREAKS.items():
            text = text.replace(c, esc)
    return text


def _json(value) -> str:
    """``value`` as JSON the way every line writes it (line breaks escaped)."""
    return _escape(_ENCODER.encode(value))


def dumps(obj: dict) -> str:
    """One JSON line."""
    return _json(obj) + "\n"


DEFAULTS: tuple = tuple(default for _, _, default in OPTIONAL)  # a span without any optional key


@dataclass(frozen=True)
class Line:
    """One record's JSON line in UTF-8 without the optional span keys, and what it takes to
    add them: where each span's keys go (the byte offset of its closing brace) and their
    values (empty when no span of the record has any: every span has ``DEFAULTS``). Bytes
    and few objects, so a worker's lines cross to the main process cheaply: no decoding,
    no tuple per span, and the article's text (``text``, the same object in every record
    of a document) is pickled once a document, not once an annotator."""

    head: bytes  # up to the article's text
    text: bytes  # the article's text as a JSON string
    data: bytes  # the rest: spans, relations, meta
    cuts: tuple[int, ...]  # in ``data``
    values: tuple[tuple, ...]  # per span: one value per OPTIONAL key; () when ``used`` is empty
    used: frozenset[int]  # the OPTIONAL keys (indices) some span of this record has

    def with_keys(self, keys: tuple[int, ...]) -> bytes:
        """The line with the OPTIONAL keys ``keys`` on every span."""
        out, at = [self.head, self.text], 0
        for i, cut in enumerate(self.cuts if keys else ()):
            vals = self.values[i] if self.values else DEFAULTS
            out.append(self.data[at:cut])
            out.extend(f',"{OPTIONAL[k][0]}":{_json(list(vals[k]) if k == 1 else vals[k])}'.encode("utf-8")
                       for k in keys)
            at = cut
        out.append(self.data[at:])
        return b"".join(out)


@lru_cache(maxsize=4)
def _text_bytes(text: str) -> bytes:
    """An article's text as a JSON string in UTF-8: one object for a document's records."""
    return _json(text).encode("utf-8")


def format_record(doc: Document, ann: Annotation, schema, labels, options: dict) -> Line:
    """One record's line, formatted where it was parsed (``tui.export.records``): equal to
    ``dumps(record_obj(...))``, encoded, once ``Line.with_keys`` adds the optional keys."""
    from tui.export import offset_unit

    obj = record_obj(doc, ann, (), frozenset(mixed_kinds(schema, labels)), offset_unit("jsonl", options))
    encode = _ENCODER.encode  # escaped below, piece by piece
    pieces = [f',"annotator":{encode(obj["annotator"])},"spans":[',
              *(("," if i else "") + encode(sp) for i, sp in enumerate(obj["spans"])),
              f'],"relations":{encode(obj["relations"])},"meta":{encode(obj["meta"])}}}\n']
    chunks = [_escape(p).encode("utf-8") for p in pieces]
    ends = list(itertools.accumulate(len(c) for c in chunks))
    cuts = tuple(end - 1 for end in ends[1:-1])  # each span's closing brace
    values = tuple((s.source, s.origin, s.edited, s.flag) for s in ann.spans)
    used = frozenset(k for vals in values for k, default in enumerate(DEFAULTS) if vals[k] != default)
    head = f'{{"id":{_json(obj["id"])},"text":'.encode("utf-8")
    return Line(head, _text_bytes(obj["text"]), b"".join(chunks), cuts, values if used else (), used)


def write(parts, ctx) -> None:
    """Join the records' lines (formatted in the map: ``format_record``), with the
    optional span keys some span of the export has on every span."""
    mixed = mixed_kinds(ctx.schema, ctx.labels)
    for name, kinds in mixed.items():
        ctx.notes.append(f"Attribute `{name}` has two kinds ({', '.join(kinds)}): so that Arrow (`datasets`, "
                         f"`pyarrow`) reads one type, its values are strings in `attrs` (numbers in their YAML "
                         f"spelling, `\"1440\"`); convert them with `float()` for the number labels.")
    used: set[int] = set()
    for p in parts:
        for r in p.records:
            used |= r.body.used
    keys = tuple(sorted(used))
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            for r in p.records:
                f.write_bytes(r.body.with_keys(keys))

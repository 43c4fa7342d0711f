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

import json

from tui.model import Annotation, Document, Span
from tui.offsets import CODEPOINTS, writer
from tui.store.yamlio import number

EXT = ".jsonl"
# Optional span keys: (json key, model attribute, default written when absent)
OPTIONAL = (("source", "source", None), ("from", "origin", ()), ("edited", "edited", False), ("flag", "flag", None))
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def optional_keys(parts) -> tuple:
    """The optional span keys some span of the export uses."""
    spans = [s for p in parts for r in p.records for s in r.annotation.spans]
    return tuple(o for o in OPTIONAL if any(getattr(s, o[1]) != o[2] for s in spans))


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


def dumps(obj: dict) -> str:
    """One JSON line; U+2028/2029/0085 escaped so no line-splitting reader breaks the record."""
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if any(c in line for c in _LINE_BREAKS):
        for c, esc in _LINE_BREAKS.items():
            line = line.replace(c, esc)
    return line + "\n"


def write(parts, ctx) -> None:
    from tui.export import offset_unit

    extra = optional_keys(parts)
    unit = offset_unit("jsonl", ctx.options)
    mixed = mixed_kinds(ctx.schema, ctx.labels)
    for name, kinds in mixed.items():
        ctx.notes.append(f"Attribute `{name}` has two kinds ({', '.join(kinds)}): so that Arrow (`datasets`, "
                         f"`pyarrow`) reads one type, its values are strings in `attrs` (numbers in their YAML "
                         f"spelling, `\"1440\"`); convert them with `float()` for the number labels.")
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            for r in p.records:
                f.write(dumps(record_obj(r.doc, r.annotation, extra, frozenset(mixed), unit)))

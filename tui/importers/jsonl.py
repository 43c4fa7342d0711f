"""Read JSON Lines (a file, or every ``*.jsonl`` in a folder) in the shape ``margin export
--format jsonl`` writes: ``{"id", "text"?, "spans": [{"start", "end", "label", "id"?,
"text"?, "attrs"?, "note"?, ...}], "relations"?: [{"label", "from", "to", "id"?}],
"meta"?: {"sha256", "status", "updated"}}``. Other keys are ignored unless they look like
annotations (``label``, ``entities``...: refused, naming them); ``annotator`` is replaced by
``--annotator``. Without ``text``, ``meta.sha256`` (if there) must match the article."""

from __future__ import annotations

from pathlib import Path

from tui.model import FLAGS, STATUSES
from tui.offsets import UNITS
from tui.importers.base import Incoming, SpanIn, annotator_of, files, is_int, margin_relations, read_text, records

SHAPE = '{"id": "DOC", "text"?, "spans": [{"start", "end", "label", ...}], "relations"?}'
KEYS = ("id", "text", "annotator", "spans", "relations", "meta")


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.jsonl",)):
        text = read_text(f, reading)
        if text is None:
            continue
        for where, obj in records(f, text, reading):
            inc = _record(obj, where, str(f), reading)
            if inc is not None:
                out.append(inc)
    return out


def _record(obj, where: str, fname: str, reading) -> Incoming | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        reading.problem(where, f"expected margin's jsonl shape {SHAPE}")
        return None
    reading.leftover(where, obj, KEYS, "margin's jsonl", SHAPE)
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        reading.problem(where, '"text" must be a string')
        return None
    meta = obj.get("meta")
    if not isinstance(meta, dict):
        meta = {}
    status = meta.get("status", "in_progress")
    if status not in STATUSES:
        reading.problem(where, f"meta.status {status!r} is not one of: {', '.join(STATUSES)}")
    updated = meta["updated"] if isinstance(meta.get("updated"), str) else ""
    unit = meta.get("offsets") if meta.get("offsets") in UNITS else "codepoints"
    inc = Incoming(where, obj["id"], text, fname, status=status, updated=updated, offsets=unit,
                   sha256=meta.get("sha256") if isinstance(meta.get("sha256"), str) else None,
                   source_annotator=annotator_of(obj))
    spans = obj.get("spans", [])
    if not isinstance(spans, list):
        reading.problem(where, '"spans" must be a list')
        spans = []
    for i, s in enumerate(spans, 1):
        span = _span(s, f"{where}: span {i}", reading)
        if span is not None:
            inc.spans.append(span)
    rels = obj.get("relations") or []
    margin_relations(inc, rels if isinstance(rels, list) else [None], where, "with string values", reading)
    return inc


def _span(s, where: str, reading) -> SpanIn | None:
    if not isinstance(s, dict) or not is_int(s.get("start")) or not is_int(s.get("end")) \
            or not isinstance(s.get("label"), str):
        reading.problem(where, 'expected {"start": int, "end": int, "label": str, ...}')
        return None
    label = reading.label(where, s["label"])
    if label is None:
        return None
    where = f"{where} ({s['label'][:40]} {s['start']}-{s['end']})"
    attrs = s.get("attrs") or {}
    if not isinstance(attrs, dict):
        reading.problem(where, '"attrs" must be an object')
        attrs = {}
    extra = {}
    if isinstance(s.get("source"), str):
        extra["source"] = s["source"]
    if isinstance(s.get("from"), list) and all(isinstance(x, str) for x in s["from"]):
        if all(reading.span_id(f"{where}: from", x) for x in s["from"]):  # annotator names: one grammar
            extra["origin"] = tuple(s["from"])
    if s.get("edited") is True:
        extra["edited"] = True
    if s.get("flag") in FLAGS:
        extra["flag"] = s["flag"]
    note = s.get("note")
    return SpanIn(where, reading.span_id(where, s.get("id")), label,
                  [(s["start"], s["end"])], s.get("text") if isinstance(s.get("text"), str) else None,
                  reading.attrs(where, label, attrs), note if isinstance(note, str) else None, extra)

"""Read JSON Lines (a file, or every ``*.jsonl`` in a folder) in the shape ``margin export
--format jsonl`` writes: ``{"id", "text"?, "spans": [{"start", "end", "label", "id"?,
"text"?, "attrs"?, "note"?, ...}], "relations"?: [{"label", "from", "to", "id"?}],
"meta"?: {"sha256", "status", "updated"}}``. Unknown keys are ignored; ``annotator`` is
replaced by ``--annotator``. Without ``text``, ``meta.sha256`` (if there) must match the
article."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import FLAGS, STATUSES
from . import Incoming, RelIn, SpanIn


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in _files(path):
        try:
            text = f.read_bytes().decode("utf-8")
        except UnicodeDecodeError as e:
            reading.problem(f"{f}:1", f"not UTF-8 (bad byte at offset {e.start})")
            continue
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{f}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                reading.problem(where, f"not JSON: {e.msg} at column {e.colno}")
                continue
            inc = _record(obj, where, str(f), reading)
            if inc is not None:
                out.append(inc)
    return out


def _record(obj, where: str, fname: str, reading) -> Incoming | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        reading.problem(where, 'expected an object with a string "id"')
        return None
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        reading.problem(where, '"text" must be a string')
        return None
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    status = meta.get("status", "in_progress")
    if status not in STATUSES:
        reading.problem(where, f"meta.status {status!r} is not one of: {', '.join(STATUSES)}")
    updated = meta.get("updated") if isinstance(meta.get("updated"), str) else ""
    inc = Incoming(where, obj["id"], text, fname, status=status, updated=updated,
                   sha256=meta.get("sha256") if isinstance(meta.get("sha256"), str) else None)
    spans = obj.get("spans", [])
    if not isinstance(spans, list):
        reading.problem(where, '"spans" must be a list')
        spans = []
    for i, s in enumerate(spans, 1):
        span = _span(s, f"{where}: span {i}", reading)
        if span is not None:
            inc.spans.append(span)
    rels = obj.get("relations") or []
    for i, r in enumerate(rels if isinstance(rels, list) else [None], 1):
        w = f"{where}: relation {i}"
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("label", "from", "to")):
            reading.problem(w, 'expected {"label", "from", "to"} with string values')
            continue
        label = reading.relation(w, r["label"])
        if label is not None:
            inc.relations.append(RelIn(w, r.get("id") if isinstance(r.get("id"), str) else None,
                                       label, r["from"], r["to"]))
    return inc


def _span(s, where: str, reading) -> SpanIn | None:
    if not isinstance(s, dict) or not _int(s.get("start")) or not _int(s.get("end")) \
            or not isinstance(s.get("label"), str):
        reading.problem(where, 'expected {"start": int, "end": int, "label": str, ...}')
        return None
    label = reading.label(where, s["label"])
    if label is None:
        return None
    where = f"{where} ({s['label']} {s['start']}-{s['end']})"
    attrs = s.get("attrs") or {}
    if not isinstance(attrs, dict):
        reading.problem(where, '"attrs" must be an object')
        attrs = {}
    extra = {}
    if isinstance(s.get("source"), str):
        extra["source"] = s["source"]
    if isinstance(s.get("from"), list) and all(isinstance(x, str) for x in s["from"]):
        extra["origin"] = tuple(s["from"])
    if s.get("edited") is True:
        extra["edited"] = True
    if s.get("flag") in FLAGS:
        extra["flag"] = s["flag"]
    note = s.get("note")
    return SpanIn(where, s.get("id") if isinstance(s.get("id"), str) else None, label,
                  [(s["start"], s["end"])], s.get("text") if isinstance(s.get("text"), str) else None,
                  reading.attrs(where, label, attrs), note if isinstance(note, str) else None, extra)

"""Read doccano JSONL exports (a file, or every ``*.jsonl`` / ``*.json`` in a folder), in
both of doccano's shapes:

- sequence labelling: ``{"text": "...", "label": [[start, end, "LABEL"], ...]}`` (older
  versions write ``"labels"``; doccano's import form names other keys, as
  ``--column-data`` and ``--column-label`` do here: ``{"column_data": ..., "column_label": ...}``);
- relation extraction: ``{"text": "...", "entities": [{"id": 1, "label": "ORG",
  "start_offset": 0, "end_offset": 5}], "relations": [{"id": 0, "from_id": 1, "to_id": 2,
  "type": "LABEL"}]}`` (integer ids, doccano's own: margin numbers spans and relations
  ``s1``, ``r1``... and keeps the links).

Offsets: doccano's editor counts UTF-16 code units (JavaScript string indexes), and so
does this reader unless a record says otherwise (``"offsets"``, which margin's export
writes) or ``--offsets codepoints`` is given (a file a Python script wrote). A record of
margin's older exports (``doc_id`` and ``annotator``, no ``offsets``) counted code points:
``tui.importers.units`` decides it, or refuses it naming ``--offsets``.
Documents are matched to the corpus by their text. A ``label``
list of plain strings is text classification, which margin does not have: refused.
"""

from __future__ import annotations

from pathlib import Path

from tui.offsets import UNITS
from tui.importers.base import (Incoming, RelIn, SpanIn, annotator_of, files, id_hint, is_int, name_of, read_text,
                                 records, status_of)

SHAPE = ('{"text", "label": [[start, end, "LABEL"]]} or {"text", "entities": [{"id", "label", '
         '"start_offset", "end_offset"}], "relations": [{"from_id", "to_id", "type"}]}')
KEYS = ("id", "text", "label", "labels", "entities", "relations", "meta", "Comments", "comments", "doc_id",
        "annotator", "margin_ids", "offsets")


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.jsonl", "*.json")):
        text = read_text(f, reading)
        if text is None:
            continue
        for n, (where, obj) in enumerate(records(f, text, reading), 1):
            inc = _record(obj, where, reading)
            if inc is not None:
                inc.name = name_of(f, n, obj)
                out.append(inc)
    return out


def _record(obj, where: str, reading) -> Incoming | None:
    data, label = reading.columns.get("data", "text"), reading.columns.get("label")
    if not isinstance(obj, dict) or not isinstance(obj.get(data), str):
        named = f' (the text in "{data}": --column-data)' if data != "text" else ""
        reading.problem(where, f"expected doccano's shape {SHAPE}{named}")
        return None
    reading.leftover(where, obj, (*KEYS, data, *([label] if label else [])), "doccano", SHAPE)
    declared = _unit(obj)
    inc = Incoming(where, None, obj[data], keyed=True, id_hint=id_hint(obj), status=status_of(obj),
                   source_annotator=annotator_of(obj), offsets=declared)
    # margin's export keeps its ids: {"s3": 2, ..., "r1": 0}, the spans' first (in entity order)
    ids = list(obj["margin_ids"].items()) if isinstance(obj.get("margin_ids"), dict) else []
    n = len(obj["entities"]) if isinstance(obj.get("entities"), list) else 0
    span_ids = {v: reading.span_id(where, k) for k, v in ids[:n] if is_int(v)}
    rel_ids = {v: reading.span_id(where, k) for k, v in ids[n:] if is_int(v)}
    _label_lists(inc, obj, (label,) if label else ("label", "labels"), where, reading)
    for i, e in enumerate(_list(obj, "entities", where, reading), 1):
        w = f"{where}: entity {i}"
        if not (isinstance(e, dict) and is_int(e.get("start_offset")) and is_int(e.get("end_offset"))):
            reading.problem(w, 'expected {"id", "label", "start_offset": int, "end_offset": int}')
            continue
        label = reading.label(w, e.get("label"))
        if label is not None:
            ent_id = e.get("id") if isinstance(e.get("id"), (int, str)) and not isinstance(e.get("id"), bool) else None
            inc.spans.append(SpanIn(f"{w} ({e['label'][:40]} {e['start_offset']}-{e['end_offset']})",
                                    span_ids.get(ent_id) if is_int(ent_id) else None, label,
                                    [(e["start_offset"], e["end_offset"])], key=ent_id))
    for i, r in enumerate(_list(obj, "relations", where, reading), 1):
        w = f"{where}: relation {i}"
        if not (isinstance(r, dict) and "from_id" in r and "to_id" in r):
            reading.problem(w, 'expected {"from_id", "to_id", "type"}')
            continue
        label = reading.relation(w, r.get("type", r.get("label")))
        if label is not None:
            rid = r.get("id")
            inc.relations.append(RelIn(w, rel_ids.get(rid) if is_int(rid) else None, label, r["from_id"], r["to_id"]))
    return inc


def _label_lists(inc: Incoming, obj: dict, keys: tuple, where: str, reading) -> None:
    """The sequence-labelling spans: ``[start, end, "LABEL"]`` items under ``keys``."""
    for key in keys:
        items = obj.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            reading.problem(where, f'"{key}" must be a list of [start, end, "LABEL"]')
            continue
        for i, item in enumerate(items, 1):
            w = f"{where}: {key} {i}"
            if isinstance(item, str):
                reading.problem(w, f"{item[:40]!r} is a document category (text classification); "
                                   "margin annotates spans")
                continue
            if not (isinstance(item, list) and len(item) == 3 and is_int(item[0]) and is_int(item[1])):
                reading.problem(w, 'expected [start, end, "LABEL"]')
                continue
            label = reading.label(w, item[2])
            if label is not None:
                inc.spans.append(SpanIn(f"{w} ({item[2]} {item[0]}-{item[1]})", None, label, [(item[0], item[1])]))


def _unit(obj: dict) -> str | None:
    """The unit a record's offsets count: what it says (margin's export writes ``offsets``),
    else doccano's own, UTF-16 code units; None (decided by ``tui.importers.units``, or
    refused) for a record of margin's exports from before they said (``doc_id`` and
    ``annotator``, code points then)."""
    if obj.get("offsets") in UNITS:
        return obj["offsets"]
    return None if "doc_id" in obj and "annotator" in obj else "utf16"


def _list(obj: dict, key: str, where: str, reading) -> list:
    """``obj[key]``, a list (absent: empty; anything else: a problem, and empty)."""
    got = obj.get(key)
    if got is not None and not isinstance(got, list):
        reading.problem(where, f'"{key}" must be a list')
    return got if isinstance(got, list) else []

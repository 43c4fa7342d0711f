"""Read Label Studio exports: JSON (an array of tasks), JSONL (a task a line) and JSON-MIN.

A task is ``{"id", "data": {"text": ...}, "annotations": [{"result": [...]}],
"predictions": [{"result": [...]}]}`` (before Label Studio 1.0 ``"completions"`` held the
annotations). A file holds an array of tasks, a task a line, or one task (as Label
Studio writes each task to cloud storage). In a result, ``{"type": "labels", "id": REGION,
"value": {"start", "end", "text", "labels": [...]}}`` is a span (one per label),
``{"type": "relation", "from_id", "to_id", "direction", "labels": [...]}`` a relation
(``direction: left`` swaps its ends), and a per-region ``textarea`` (same ``id`` as a span)
the span's note. The task's one annotation is imported (cancelled ones are skipped); a
task without annotations imports its one prediction; several are refused (import one
annotator at a time). JSON-MIN records hold the data keys at the top and each labels
control's regions as ``[{"start", "end", "text", "labels"}]``.

Offsets: Label Studio's editor has counted code points in some versions and UTF-16 code
units in others: each region's ``text`` tells (``tui.importers.units``). Documents are
matched to the corpus by their text.
"""

from __future__ import annotations

from pathlib import Path

from tui.corpus import NAME_RE
from tui.importers.base import (Incoming, RelIn, SpanIn, files, id_hint, is_int, name_of, read_text, records,
                                 status_of)

SHAPE = ('a task {"data": {"text"}, "annotations": [{"result": [{"type": "labels", "value": {"start", "end", '
         '"labels"}}]}]} or a JSON-MIN record {"text", "<control>": [{"start", "end", "labels"}]}')
PER_REGION = ("choices", "number", "textarea")
TASK_KEYS = ("id", "data", "annotations", "completions", "predictions", "meta", "drafts", "annotators", "created_at", "updated_at",
             "inner_id", "total_annotations", "cancelled_annotations", "total_predictions", "comment_count",
             "unresolved_comment_count", "last_comment_updated_at", "project", "updated_by", "file_upload",
             "comment_authors")


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.json", "*.jsonl")):
        text = read_text(f, reading)
        if text is None:
            continue
        for n, (where, obj) in enumerate(records(f, text, reading), 1):
            inc = _task(obj, where, reading) if isinstance(obj, dict) and "data" in obj else _min(obj, where, reading)
            if inc is not None:
                inc.name = name_of(f, n, obj.get("data") if isinstance(obj, dict) else None, obj)
                out.append(inc)
    return out


def _text_of(data: dict, to_name) -> str | None:
    for key in (to_name, "text"):
        if isinstance(key, str) and isinstance(data.get(key), str):
            return data[key]
    strings = [v for v in data.values() if isinstance(v, str)]
    return strings[0] if len(strings) == 1 else None


def _task(obj: dict, where: str, reading) -> Incoming | None:
    data = obj.get("data")
    if not isinstance(data, dict):
        reading.problem(where, f'"data" must be an object; expected Label Studio\'s shape {SHAPE}')
        return None
    reading.leftover(where, obj, TASK_KEYS, "Label Studio", SHAPE)
    key = "annotations" if "annotations" in obj or "completions" not in obj else "completions"  # < 1.0: completions
    if not isinstance(obj.get(key) or [], list) or not isinstance(obj.get("predictions") or [], list):
        reading.problem(where, f'"{key}" and "predictions" must be lists')
        return None
    anns = obj.get(key) or []
    names = (obj.get("meta") or {}).get("annotators") if isinstance(obj.get("meta"), dict) else None
    names = names if isinstance(names, list) and len(names) == len(anns) else [None] * len(anns)  # margin's export
    done = [(a, n) for a, n in zip(anns, names) if isinstance(a, dict) and not a.get("was_cancelled")]
    if len(done) > 1 and any(n == reading.annotator for _, n in done):
        done = [(a, n) for a, n in done if n == reading.annotator]
    preds = [(p, None) for p in obj.get("predictions") or () if isinstance(p, dict)]
    chosen, kind = (done, "annotations") if done else (preds, "predictions")
    if len(chosen) > 1:
        who = [n for _, n in chosen if isinstance(n, str)]
        reading.problem(where, f"task {str(obj.get('id'))[:20]!r} has {len(chosen)} {kind} (" +
                        (f"by {', '.join(who)[:80]}: --annotator NAME imports NAME's" if who else
                         "several annotators or models?") + "); margin imports one annotator's work at a time")
        return None
    if not chosen:
        reading.notes.append(f"{where}: task {str(obj.get('id'))[:20]!r} has no annotation or prediction; skipped")
        return None
    result = chosen[0][0].get("result")
    if not isinstance(result, list):
        reading.problem(where, f'{kind[:-1]} "result" must be a list')
        return None
    to_name = next((r.get("to_name") for r in result if isinstance(r, dict)), None)
    text = _text_of(data, to_name)
    if text is None:
        reading.problem(where, 'no text in "data" (expected "data": {"text": "..."})')
        return None
    inc = Incoming(where, None, text, keyed=True, offsets=None, id_hint=id_hint(data, obj), status=status_of(obj),
                   source_annotator=chosen[0][1] if isinstance(chosen[0][1], str) else None)
    per_region: list[tuple[dict, str]] = []  # (result, where)
    seen: set[str | int] = set()  # region ids
    for i, r in enumerate(result, 1):
        w = f"{where}: {kind[:-1]} result {i}"
        kind_ = r.get("type") if isinstance(r, dict) else None
        if kind_ == "relation":
            _relation(inc, r, w, reading)
        elif isinstance(kind_, str) and kind_.endswith("labels") and isinstance(r.get("value"), dict):
            _region(inc, r["value"], r.get("id"), w, reading, seen)
        elif kind_ in PER_REGION and isinstance(r.get("value"), dict) and "id" in r:
            per_region.append((r, w))
        else:
            reading.problem(w, f"result of type {str(kind_)[:30]!r}: margin reads labels and relation results, and "
                               "per-region choices, number and textarea (attributes, the note)")
    by_key = {s.key: s for s in inc.spans if s.key is not None}
    for r, w in per_region:
        _attribute(by_key, r, w, reading)
    return inc


def _attribute(by_key: dict, r: dict, where: str, reading) -> None:
    """A per-region result on a span: an attribute (``from_name`` ``LABEL_attr`` or ``attr``)
    or, for a textarea that names no attribute, the span's note."""
    try:
        span = by_key.get(r["id"])
    except TypeError:
        span = None
    if span is None:
        reading.problem(where, f"a per-region {r['type']} not attached to a labelled region")
        return
    v, name = r["value"], r["from_name"] if isinstance(r.get("from_name"), str) else ""
    if span.label == "":  # dropped by --map
        return
    attrs = reading.schema.labels[span.label].attrs
    attr = name[len(span.label) + 1:] if name.startswith(f"{span.label}_") else name
    value = {"choices": lambda: v.get("choices"), "number": lambda: v.get("number"),
             "textarea": lambda: v.get("text")}[r["type"]]()
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    elif r["type"] == "textarea" and isinstance(value, list) and all(isinstance(t, str) for t in value):
        value = "\n".join(value)
    if attr not in attrs and r["type"] == "textarea" and isinstance(value, str):
        span.note = value
    elif attr not in attrs:
        reading.problem(where, f"{span.label} has no attribute {attr[:40]!r} (it has: {', '.join(attrs) or 'none'})")
    else:
        span.attrs.update(reading.attrs(where, span.label, {attr: value}))


def _region(inc: Incoming, v: dict, key, where: str, reading, seen: set[str | int] | None = None) -> None:
    labels = next((v[k] for k in v if k.endswith("labels")), None)
    if not (is_int(v.get("start")) and is_int(v.get("end")) and isinstance(labels, list) and labels):
        reading.problem(where, 'expected "value": {"start": int, "end": int, "labels": ["LABEL", ...]}')
        return
    quote = v.get("text") if isinstance(v.get("text"), str) else None
    first = isinstance(key, (str, int)) and not isinstance(key, bool) and key not in (seen or ())
    if first and seen is not None:
        seen.add(key)
    for label in labels:
        lab = reading.label(where, label)
        if lab is not None:
            sid = key if first and isinstance(key, str) and NAME_RE.fullmatch(key) else None
            inc.spans.append(SpanIn(f"{where} ({label} {v['start']}-{v['end']})", sid, lab,
                                    [(v["start"], v["end"])], quote, key=key if first else None))
            first = False


def _relation(inc: Incoming, r: dict, where: str, reading) -> None:
    labels = r.get("labels") or []
    if not isinstance(labels, list) or "from_id" not in r or "to_id" not in r:
        reading.problem(where, 'expected {"type": "relation", "from_id", "to_id", "labels": [...]}')
        return
    if not labels:
        if len(reading.schema.relations) != 1:
            reading.problem(where, "a relation without a label, and the schema has several relations")
            return
        labels = list(reading.schema.relations)
    ends = (r["to_id"], r["from_id"]) if r.get("direction") == "left" else (r["from_id"], r["to_id"])
    for label in labels:
        lab = reading.relation(where, label)
        if lab is not None:
            inc.relations.append(RelIn(where, None, lab, *ends))


def _min(obj, where: str, reading) -> Incoming | None:
    if not isinstance(obj, dict):
        reading.problem(where, f"expected Label Studio's shape {SHAPE}")
        return None
    regions = {k: v for k, v in obj.items() if isinstance(v, list) and v
               and all(isinstance(x, dict) and "start" in x and "end" in x for x in v)}
    candidates = [v for k, v in obj.items() if isinstance(v, str) and k not in ("annotator", "created_at", "updated_at")]
    text = obj.get("text") if isinstance(obj.get("text"), str) else (candidates[0] if len(candidates) == 1 else None)
    if text is None or not regions:
        reading.problem(where, f"expected Label Studio's shape {SHAPE}")
        return None
    consumed = set(regions) | {k for k, v in obj.items() if isinstance(v, (str, int, float)) or v is None}
    reading.leftover(where, obj, consumed, "Label Studio JSON-MIN", SHAPE)
    inc = Incoming(where, None, text, keyed=True, offsets=None, id_hint=id_hint(obj))
    for name, items in regions.items():
        for i, v in enumerate(items, 1):
            _region(inc, v, None, f"{where}: {name[:30]!r} {i}", reading)
    return inc

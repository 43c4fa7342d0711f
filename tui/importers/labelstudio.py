"""Read Label Studio exports: JSON (an array of tasks), JSONL (a task a line) and JSON-MIN.

A task is ``{"id", "data": {"text": ...}, "annotations": [{"result": [...]}],
"predictions": [{"result": [...]}]}``. In a result, ``{"type": "labels", "id": REGION,
"value": {"start", "end", "text", "labels": [...]}}`` is a span (one per label),
``{"type": "relation", "from_id", "to_id", "direction", "labels": [...]}`` a relation
(``direction: left`` swaps its ends), and a per-region ``textarea`` (same ``id`` as a span)
the span's note. The task's one annotation is imported (cancelled ones are skipped); a
task without annotations imports its one prediction; several are refused (import one
annotator at a time). JSON-MIN records hold the data keys at the top and each labels
control's regions as ``[{"start", "end", "text", "labels"}]``.

Offsets are code points, or UTF-16 code units (JavaScript's) when only those make the
region's ``text`` match. Documents are matched to the corpus by their text.
"""

from __future__ import annotations

from pathlib import Path

from .base import Incoming, RelIn, SpanIn, files, id_hint, is_int, read_text, records, status_of

SHAPE = ('a task {"data": {"text"}, "annotations": [{"result": [{"type": "labels", "value": {"start", "end", '
         '"labels"}}]}]} or a JSON-MIN record {"text", "<control>": [{"start", "end", "labels"}]}')
TASK_KEYS = ("id", "data", "annotations", "predictions", "meta", "drafts", "annotators", "created_at", "updated_at",
             "inner_id", "total_annotations", "cancelled_annotations", "total_predictions", "comment_count",
             "unresolved_comment_count", "last_comment_updated_at", "project", "updated_by", "file_upload",
             "comment_authors")


def read(path: Path, reading) -> list[Incoming]:
    out = []
    for f in files(path, ("*.json", "*.jsonl")):
        text = read_text(f, reading)
        if text is None:
            continue
        for where, obj in records(f, text, reading):
            inc = _task(obj, where, reading) if isinstance(obj, dict) and "data" in obj else _min(obj, where, reading)
            if inc is not None:
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
    if not isinstance(obj.get("annotations") or [], list) or not isinstance(obj.get("predictions") or [], list):
        reading.problem(where, '"annotations" and "predictions" must be lists')
        return None
    done = [a for a in obj.get("annotations") or () if isinstance(a, dict) and not a.get("was_cancelled")]
    preds = [p for p in obj.get("predictions") or () if isinstance(p, dict)]
    chosen, kind = (done, "annotations") if done else (preds, "predictions")
    if len(chosen) > 1:
        reading.problem(where, f"task {str(obj.get('id'))[:20]!r} has {len(chosen)} {kind} (several annotators or "
                               "models?); margin imports one annotator's work at a time: export or keep one")
        return None
    if not chosen:
        reading.notes.append(f"{where}: task {str(obj.get('id'))[:20]!r} has no annotation or prediction; skipped")
        return None
    result = chosen[0].get("result")
    if not isinstance(result, list):
        reading.problem(where, f'{kind[:-1]} "result" must be a list')
        return None
    to_name = next((r.get("to_name") for r in result if isinstance(r, dict)), None)
    text = _text_of(data, to_name)
    if text is None:
        reading.problem(where, f'no text in "data" (expected "data": {{"text": "..."}})')
        return None
    inc = Incoming(where, None, text, keyed=True, utf16=True, id_hint=id_hint(data, obj), status=status_of(obj))
    notes: dict = {}
    for i, r in enumerate(result, 1):
        w = f"{where}: {kind[:-1]} result {i}"
        kind_ = r.get("type") if isinstance(r, dict) else None
        if kind_ == "relation":
            _relation(inc, r, w, reading)
        elif kind_ == "textarea" and isinstance(r.get("value"), dict):
            texts = r["value"].get("text")
            if isinstance(texts, str):
                texts = [texts]
            if not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
                reading.problem(w, 'a textarea "value.text" must be a list of strings')
                continue
            notes[r.get("id") if isinstance(r.get("id"), str) else None] = ("\n".join(texts), w)
        elif isinstance(kind_, str) and kind_.endswith("labels") and isinstance(r.get("value"), dict):
            _region(inc, r["value"], r.get("id"), w, reading)
        else:
            reading.problem(w, f"result of type {str(kind_)[:30]!r}: margin reads labels, relation and per-region "
                               "textarea results only")
    by_key = {s.key: s for s in inc.spans if s.key is not None}
    for key, (note, w) in notes.items():
        if key not in by_key:
            reading.problem(w, "a textarea not attached to a labelled region (margin keeps notes on spans only)")
        else:
            by_key[key].note = note
    return inc


def _region(inc: Incoming, v: dict, key, where: str, reading) -> None:
    labels = next((v[k] for k in v if k.endswith("labels")), None)
    if not (is_int(v.get("start")) and is_int(v.get("end")) and isinstance(labels, list) and labels):
        reading.problem(where, 'expected "value": {"start": int, "end": int, "labels": ["LABEL", ...]}')
        return
    quote = v.get("text") if isinstance(v.get("text"), str) else None
    for label in labels:
        lab = reading.label(where, label)
        if lab is not None:
            inc.spans.append(SpanIn(f"{where} ({label} {v['start']}-{v['end']})", None, lab,
                                    [(v["start"], v["end"])], quote,
                                    key=key if isinstance(key, (str, int)) and not any(s.key == key for s in inc.spans)
                                    else None))


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
    inc = Incoming(where, None, text, keyed=True, utf16=True, id_hint=id_hint(obj))
    for name, items in regions.items():
        for i, v in enumerate(items, 1):
            _region(inc, v, None, f"{where}: {name[:30]!r} {i}", reading)
    return inc

"""Read Prodigy JSONL (``prodigy db-out`` and annotation files; a file, or every
``*.jsonl`` in a folder): ``{"text", "tokens"?: [{"text", "start", "end", "id"}],
"spans": [{"start", "end", "label", "token_start"?, "token_end"?}], "relations"?:
[{"head", "child", "label", "head_span"?, "child_span"?}], "answer": "accept"}``.

Only ``accept``ed records (and records without an answer) are imported; ``reject`` and
``ignore`` are skipped and counted, and so are repeats of a task (same ``_task_hash`` and
``_annotator_id``: Prodigy saves a task again when a session re-serves it). Spans are character offsets, or token indexes
(``token_end`` inclusive) turned into characters through ``tokens``. A relation's ends
are its ``head_span``/``child_span`` when given, else the spans holding its ``head`` and
``child`` tokens. Records carry no id: they are matched to the corpus by their text.
"""

from __future__ import annotations

from pathlib import Path

from tui.importers.base import (Incoming, RelIn, SpanIn, annotator_of, files, id_hint, is_int, name_of, read_text,
                                 records)

SHAPE = '{"text", "spans": [{"start", "end", "label"}], "tokens"?, "relations"?, "answer": "accept"}'
KEYS = ("text", "spans", "tokens", "relations", "answer", "meta", "_input_hash", "_task_hash", "_view_id",
        "_session_id", "_timestamp", "_annotator_id", "_is_binary", "label", "html", "options", "accept")

Placed = tuple[int, int, str, object, object]  # start, end, label, token_start and token_end as given
Index = tuple[dict[tuple[int, int, str | None], int], dict[int, int]]  # by (start, end, label or None), by token


def read(path: Path, reading) -> list[Incoming]:
    out = []
    skipped: dict[str, int] = {}
    tasks: set = set()  # (_task_hash, annotator): a task saved twice is one task
    for f in files(path, ("*.jsonl", "*.json")):
        text = read_text(f, reading)
        if text is None:
            continue
        for n, (where, obj) in enumerate(records(f, text, reading), 1):
            answer = obj.get("answer", "accept") if isinstance(obj, dict) else "accept"
            if answer in ("reject", "ignore"):
                skipped[answer] = skipped.get(answer, 0) + 1
                continue
            if _repeated(obj, tasks):
                skipped["repeated"] = skipped.get("repeated", 0) + 1
                continue
            inc = _record(obj, where, reading)
            if inc is not None:
                inc.name = name_of(f, n, obj.get("meta") if isinstance(obj, dict) else None, obj)
                out.append(inc)
    for answer, n in sorted(skipped.items()):
        reading.notes.append(f"{path}: skipped {n} record(s) repeating a task before them (same _task_hash and "
                             "annotator)" if answer == "repeated" else
                             f"{path}: skipped {n} record(s) answered {answer!r} (only 'accept' is imported)")
    return out


def _repeated(obj, tasks: set) -> bool:
    """Is ``obj`` a task already read (Prodigy saves a task again when it is re-served)?"""
    if not isinstance(obj, dict) or not isinstance(obj.get("_task_hash"), (int, str)):
        return False
    meta = obj.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    key = (obj["_task_hash"], str(obj.get("_annotator_id") or meta.get("annotator") or ""))
    if key in tasks:
        return True
    tasks.add(key)
    return False


def _tokens(obj, where: str, reading) -> list[tuple[int, int]] | None:
    toks = obj.get("tokens")
    if toks is None:
        return None
    if not isinstance(toks, list) or not all(isinstance(t, dict) and is_int(t.get("start")) and is_int(t.get("end"))
                                             for t in toks):
        reading.problem(where, '"tokens" must be a list of {"text", "start": int, "end": int}')
        return None
    return [(t["start"], t["end"]) for t in toks]


def _offsets(s: dict, toks, where: str, reading) -> tuple[int, int] | None:
    if is_int(s.get("start")) and is_int(s.get("end")):
        return s["start"], s["end"]
    a, b = s.get("token_start"), s.get("token_end")
    if is_int(a) and is_int(b) and toks is not None:
        if not 0 <= a <= b < len(toks):
            reading.problem(where, f"tokens {a}-{b} are outside the record's {len(toks)} tokens")
            return None
        return toks[a][0], toks[b][1]
    reading.problem(where, 'expected {"start": int, "end": int, "label"} or token_start/token_end with "tokens"')
    return None


def _record(obj, where: str, reading) -> Incoming | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        reading.problem(where, f"expected Prodigy's shape {SHAPE}")
        return None
    if obj.get("answer", "accept") != "accept":
        reading.problem(where, f"answer {str(obj.get('answer'))[:20]!r} is not accept, reject or ignore")
        return None
    reading.leftover(where, obj, KEYS, "Prodigy", SHAPE)
    if not obj.get("spans") and (obj.get("label") or obj.get("accept")):
        reading.problem(where, "a document category or choice (text classification); margin annotates spans")
        return None
    inc = Incoming(where, None, obj["text"], keyed=True, id_hint=id_hint(obj),
                   source_annotator=annotator_of(obj.get("meta")))
    toks = _tokens(obj, where, reading)
    if toks is not None:  # the tokens' texts tell the unit of their offsets
        inc.probes = [(a, b, t["text"]) for (a, b), t in zip(toks, obj["tokens"]) if isinstance(t.get("text"), str)]
    spans = obj.get("spans") or []
    if not isinstance(spans, list):
        reading.problem(where, '"spans" must be a list')
        spans = []
    placed: list[Placed] = []  # each span's index is its key
    for i, s in enumerate(spans, 1):
        w = f"{where}: span {i}"
        if not isinstance(s, dict):
            reading.problem(w, 'expected {"start", "end", "label"}')
            continue
        off = _offsets(s, toks, w, reading)
        if off is None:
            continue
        label = reading.label(w, s.get("label"))
        if label is None:
            continue
        quote = s.get("text") if isinstance(s.get("text"), str) else None
        w = f"{w} ({s['label']} {off[0]}-{off[1]})"
        attrs = reading.attrs(w, label, s["attrs"]) if isinstance(s.get("attrs"), dict) else {}  # margin's extras
        note = s.get("note") if isinstance(s.get("note"), str) else None
        sid = reading.span_id(w, s["id"]) if isinstance(s.get("id"), str) else None
        inc.spans.append(SpanIn(w, sid, label, [off], quote, attrs, note, key=len(placed)))
        placed.append((*off, s["label"], s.get("token_start"), s.get("token_end")))
    rels = obj.get("relations") or []
    index = _index(placed, toks) if rels else ({}, {})
    for i, r in enumerate(rels if isinstance(rels, list) else [None], 1):
        w = f"{where}: relation {i}"
        if not isinstance(r, dict):
            reading.problem(w, 'expected {"head", "child", "label"}')
            continue
        label = reading.relation(w, r.get("label"))
        if label is None:
            continue
        ends = [_end(r, side, index) for side in ("head", "child")]
        for side, e in zip(("head", "child"), ends):
            if e is None:
                reading.problem(w, f"its {side} is not one of the record's spans")
        if None not in ends:
            inc.relations.append(RelIn(w, None, label, *ends))
    return inc


def _index(placed: list[Placed], toks) -> Index:
    """Span index by (start, end[, label]) and by token, built once (linear)."""
    by_off: dict[tuple[int, int, str | None], int] = {}
    by_tok: dict[int, int] = {}
    starts = {a: i for i, (a, _) in enumerate(toks or ())}
    for k, (a, b, lab, ts, te) in enumerate(placed):
        by_off.setdefault((a, b, lab), k)
        by_off.setdefault((a, b, None), k)
        if not (is_int(ts) and is_int(te)):
            ts = starts.get(a)
            te = ts
            while toks is not None and te is not None and te + 1 < len(toks) and toks[te + 1][0] < b:
                te += 1
        if is_int(ts) and is_int(te) and te - ts < 10_000:
            for t in range(ts, te + 1):
                by_tok.setdefault(t, k)
    return by_off, by_tok


def _end(r: dict, side: str, index: Index) -> int | None:
    """The index of the span a relation's head or child is."""
    by_off, by_tok = index
    sp = r.get(f"{side}_span")
    if isinstance(sp, dict):
        key = (sp.get("start"), sp.get("end"), sp.get("label") if isinstance(sp.get("label"), str) else None)
        if all(is_int(x) for x in key[:2]) and key in by_off:
            return by_off[key]
    tok = r.get(side)
    return by_tok.get(tok) if is_int(tok) else None

"""Prodigy JSONL (``<split>.jsonl``): one task per document and annotator, as Prodigy's
``ner.manual``/``spans.manual``/``rel.manual`` recipes save them.

``{"text", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
"label", "token_start", "token_end", "id"}], "relations": [{"head", "child", "head_span",
"child_span", "label"}], "answer": "accept", "meta": {"doc_id", "annotator"},
"_input_hash", "_task_hash"}``.

Tokens are margin's (``tui.tokens``, the CoNLL and cursor tokenisation); ``ws`` says a
space follows. ``token_end`` is inclusive (Prodigy's convention). A span that does not
fall on token boundaries keeps its exact character offsets, and its ``token_start`` /
``token_end`` cover the tokens it touches (reported). Relations use the last token of each
span as ``head``/``child``, with both spans in full. Span attributes and notes go in each
span's ``attrs``/``note`` (extra keys Prodigy keeps). The hashes are stable 31-bit ints of
the text (input) and of text + annotations (task), so Prodigy de-duplicates correctly.
"""

from __future__ import annotations

import hashlib
import json

from tui.tokens import token_index
from tui.export.jsonl import dumps
from tui.offsets import CODEPOINTS, writer

EXT = ".jsonl"


def _hash(*parts) -> int:
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big") >> 1


def task(r, warn, unit: str = CODEPOINTS) -> dict:
    text, ann = r.doc.text, r.annotation
    idx = token_index(text)
    at = writer(text, unit)
    tokens = [{"text": text[a:b], "start": at(a), "end": at(b), "id": i, "ws": b < len(text) and text[b].isspace()}
              for i, (a, b) in enumerate(idx.tokens)]
    spans, by_id = [], {}
    for s in ann.spans:
        toks = idx.tokens_in(s.start, s.end)
        what = f"{r.doc.id}/{r.annotator} {s.id} {s.label} {s.start}-{s.end}"
        if not toks:
            warn("span(s) of only whitespace, without token_start/token_end", what)
            d = {"start": at(s.start), "end": at(s.end), "label": s.label, "id": s.id}
        else:
            a, b = idx.tokens[toks[0]][0], idx.tokens[toks[-1]][1]
            if (a, b) != (s.start, s.end):
                warn("span(s) not on token boundaries (exact offsets kept; token_start/token_end "
                     "cover the tokens touched)", what)
            d = {"start": at(s.start), "end": at(s.end), "label": s.label, "token_start": toks[0],
                 "token_end": toks[-1], "id": s.id}
        if s.attrs:
            d["attrs"] = dict(s.attrs)
        if s.note is not None:
            d["note"] = s.note
        spans.append(d)
        by_id[s.id] = d
    rels = []
    for x in ann.relations:
        head, child = by_id[x.source], by_id[x.target]
        if "token_end" not in head or "token_end" not in child:
            warn("relation(s) between spans without tokens, left out", f"{r.doc.id}/{r.annotator} {x.id}")
            continue
        rels.append({"head": head["token_end"], "child": child["token_end"], "head_span": head,
                     "child_span": child, "label": x.label})
    out = {"text": text, "tokens": tokens, "spans": spans, "relations": rels, "answer": "accept",
           "meta": {"doc_id": r.doc.id, "annotator": r.annotator}}
    out["_input_hash"] = _hash(text)
    out["_task_hash"] = _hash(text, spans, rels)
    return out


def write(parts, ctx) -> None:
    from tui.export import offset_unit

    unit = offset_unit("prodigy", ctx.options)
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            for r in p.records:
                f.write(dumps(task(r, ctx.warn, unit)))

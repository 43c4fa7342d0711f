"""WebAnno / INCEpTION TSV 3.3 (``[<split>/]<annotator>/<doc>.tsv``, one file per document
and annotator), as INCEpTION's user guide (*WebAnno TSV 3.3 File format*) defines it.

- One span layer ``webanno.custom.Margin`` with the features ``label``, every attribute
  of the exported labels and ``note``; one relation layer ``webanno.custom.MarginRelation``
  (feature ``label``) between its annotations. Create both in the INCEpTION project
  (Settings > Layers) before importing the files; the card lists them.
- Sentences are margin's (``tui.tokens``), each running to the next one's first token, so
  INCEpTION's reader (and margin's) rebuild the text exactly; tokens are margin's tokens,
  and a span that starts or ends inside one gets a sub-token there (``1-3.1``).
- Offsets are UTF-16 code units, as INCEpTION counts them (``--offsets codepoints`` for a
  reader that counts code points). Values are escaped as INCEpTION's ``Escaping`` does.
"""

from __future__ import annotations

import re

from tui.offsets import writer
from tui.tokens import token_index

EXT = ".tsv"
LAYER, RELATION = "webanno.custom.Margin", "webanno.custom.MarginRelation"
_VALUE = {"\\": "\\\\", "[": "\\[", "]": "\\]", "|": "\\|", "_": "\\_", "->": "\\->", ";": "\\;", "\t": "\\t",
          "\n": "\\n", "*": "\\*"}
_VALUE_RE = re.compile(r"->|[\\\[\]|_;\t\n*]")
_TEXT = {"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\b": "\\b", "\\": "\\\\"}
_TEXT_RE = re.compile(r"[\x00-\x0a\x0c-\x1f\\]")  # INCEpTION's Escaping.escapeText: not \x0b


def escape_value(v) -> str:
    return _VALUE_RE.sub(lambda m: _VALUE[m.group()], str(v))


def escape_text(s: str) -> str:
    return _TEXT_RE.sub(lambda m: _TEXT.get(m.group(), "\\" + m.group()), s)


def features(schema, labels) -> list[str]:
    out: dict[str, None] = {}
    for lab in labels:
        for a in schema.labels[lab].attrs:
            out[a] = None
    return [*out]


def _units(text: str, spans) -> tuple[list[tuple[int, int]], dict[str, list[tuple[int, int]]], list, list]:
    """The document's tokens, each span's units (tokens, or sub-tokens where it cuts one)
    and the spans no token touches."""
    tokens = list(token_index(text).complete().tokens)
    starts = [a for a, _ in tokens]
    from bisect import bisect_right

    units, lost, trimmed = {}, [], []
    for s in spans:
        k = max(bisect_right(starts, s.start) - 1, 0)
        mine = []
        while k < len(tokens) and tokens[k][0] < s.end:
            a, b = tokens[k]
            if b > s.start:
                mine.append((max(a, s.start), min(b, s.end)))
            k += 1
        if mine:
            units[s.id] = mine
            if (mine[0][0], mine[-1][1]) != (s.start, s.end):
                trimmed.append(s)
        else:
            lost.append(s)
    return tokens, units, lost, trimmed


def document(r, feats: list[str], unit: str, warn) -> str:
    text, ann = r.doc.text, r.annotation
    at = writer(text, unit)
    tokens, units, lost, trimmed = _units(text, ann.spans)
    for s in trimmed:
        warn("span(s) starting or ending in whitespace, trimmed to their tokens (TSV cannot hold the space)",
             f"{r.doc.id}/{r.annotator} {s.id}")
    for s in lost:
        warn("span(s) of only whitespace, which TSV cannot hold (left out)", f"{r.doc.id}/{r.annotator} {s.id}")
    spans = [s for s in ann.spans if s.id in units]
    on: dict[tuple[int, int], list] = {}
    for s in spans:
        for u in units[s.id]:
            on.setdefault(u, []).append(s)
    ids: dict[str, int] = {}
    for s in spans:
        if len(units[s.id]) > 1 or any(len(on[u]) > 1 for u in units[s.id]):
            ids[s.id] = len(ids) + 1
    first = {s.id: units[s.id][0] for s in spans}
    rels: dict[tuple[int, int], list] = {}
    for rel in ann.relations:
        if rel.source in first and rel.target in first:
            rels.setdefault(first[rel.target], []).append(rel)
    sub = sorted({u for us in units.values() for u in us} - set(tokens))
    lines = ["#FORMAT=WebAnno TSV 3.3", f"#T_SP={LAYER}|label|{'|'.join([*feats, 'note'])}"]
    lines += [f"#T_RL={RELATION}|label|BT_{LAYER}", "", ""]
    sentences = _sentence_starts(text, tokens)
    bounds = [*sentences[1:], len(text)]
    names, plan = _names(tokens, sub, bounds)
    if text[:sentences[0]].strip(" "):
        warn("document(s) starting with line breaks or tabs, which TSV cannot hold (read back as spaces)",
             f"{r.doc.id}/{r.annotator}")
    for n, (a, end) in enumerate(zip(sentences, bounds), 1):
        lines += [f"#Text={escape_text(part)}" for part in text[a:end].split("\n")]
        for u in plan.get(n, []):
            lines.append("\t".join([names[u], f"{at(u[0])}-{at(u[1])}", escape_text(text[u[0]:u[1]]),
                                    *_cells(on.get(u, []), ids, feats),
                                    *_rel_cells(rels.get(u, []), names, first, ids)]) + "\t")
        lines.append("")
    return "\n".join(lines) + "\n"


def _sentence_starts(text: str, tokens) -> list[int]:
    """Where each sentence's ``#Text`` starts: at its first token (INCEpTION's rule)."""
    from bisect import bisect_left

    starts = [a for a, _ in tokens]
    out = {starts[bisect_left(starts, a)] for a, _ in token_index(text).sentences if bisect_left(starts, a) < len(starts)}
    return sorted(out | {starts[0]}) if starts else [0]


def _names(tokens, sub, bounds):
    """Each unit's ``SENT-TOKEN[.SUB]`` name, and the units of each sentence in file order."""
    names: dict[tuple[int, int], str] = {}
    plan: dict[int, list] = {}
    k = 0
    for n, end in enumerate(bounds, 1):
        t = 0
        while k < len(tokens) and tokens[k][0] < end:
            t += 1
            rows = [tokens[k], *(u for u in sub if tokens[k][0] <= u[0] and u[1] <= tokens[k][1])]
            for j, u in enumerate(rows):
                names[u] = f"{n}-{t}" if j == 0 else f"{n}-{t}.{j}"
                plan.setdefault(n, []).append(u)
            k += 1
    return names, plan


def _cells(spans, ids, feats) -> list[str]:
    if not spans:
        return ["_"] * (len(feats) + 2)

    def one(s, v) -> str:
        value = "*" if v is None or v == "" else escape_value(v)
        return value + (f"[{ids[s.id]}]" if s.id in ids else "")

    cols = [[one(s, s.label) for s in spans]]
    cols += [[one(s, s.attrs.get(f)) for s in spans] for f in feats]
    cols += [[one(s, s.note) for s in spans]]
    return ["|".join(c) for c in cols]


def _rel_cells(rels, names, first, ids) -> list[str]:
    if not rels:
        return ["_", "_"]
    labels, refs = [], []
    for rel in rels:
        labels.append(escape_value(rel.label))
        src, tgt = ids.get(rel.source), ids.get(rel.target)
        refs.append(names[first[rel.source]] + (f"[{src or 0}_{tgt or 0}]" if src or tgt else ""))
    return ["|".join(labels), "|".join(refs)]


def write(parts, ctx) -> None:
    from tui.export import offset_unit

    unit = offset_unit("webanno", ctx.options)
    feats = features(ctx.schema, ctx.labels)
    ctx.notes.append(f"INCEpTION: create a span layer `{LAYER}` (features `label`, "
                     + ", ".join(f"`{f}`" for f in [*feats, "note"]) + f", all strings) and a relation layer "
                     f"`{RELATION}` (feature `label`) over it, then import the `.tsv` files as WebAnno TSV 3.")
    for p in parts:
        for r in p.records:
            ctx.write(f"{p.prefix}{r.annotator}/{r.doc.id}{EXT}",
                      document(r, feats, unit, ctx.warn).encode("utf-8"), f"document {r.doc.id!r}")

"""The claims ledger (``<split>.csv``): one row per claim and figure, in long form.

Columns: ``document, annotator, claim_id, start, end, claim``, the claim's attributes
(``status``), the ACTORs it is ``attributed_to`` as JSON arrays in text order
(``actors``, ``actor_<attr>`` such as ``actor_type``, ``actor_ids``: the n-th entries
belong together), then one FIGURE lying inside the claim (``figure_index`` 1..n,
``figure_id, figure_start, figure_end, figure``, ``figure_<attr>`` such as
``figure_value``), and the claim's ``note``.

- A claim with n figures has n rows (``figure_index`` 1..n); one without has one row with
  empty figure cells. One row per claim: ``figure_index`` 1 or empty.
- A figure is counted once: it belongs to the innermost claim holding it (the shortest;
  the earlier on a tie), even when claims nest or overlap, so summing ``figure_value``
  over the ledger never counts a figure twice.
- Number attributes stay numbers (pandas infers int64 for whole numbers only, float64 when
  one is a decimal or a cell is empty: docs/export.md); text cells go
  through the CSV writer's formula defusing (``csv.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from tui.errors import DataError
from tui.export.csv import FORMULA_NOTE, write_table

CLAIM, ACTOR, FIGURE, RELATION = "CLAIM", "ACTOR", "FIGURE", "attributed_to"
NOTE = ("Long form: one row per claim and figure (`figure_index` 1..n; empty for a claim without a figure), "
        "so one row per claim is `figure_index` 1 or empty. A figure belongs to the innermost claim holding it "
        "and is never counted twice. Actor columns are JSON arrays in text order (`json.loads`); "
        "their n-th entries belong together.")


def _attrs(schema, label) -> list[str]:
    ldef = schema.labels.get(label)
    return list(ldef.attrs) if ldef else []


def header(schema) -> list[str]:
    return ["document", "annotator", "claim_id", "start", "end", "claim", *_attrs(schema, CLAIM),
            "actors", *(f"actor_{a}" for a in _attrs(schema, ACTOR)), "actor_ids",
            "figure_index", "figure_id", "figure_start", "figure_end", "figure",
            *(f"figure_{a}" for a in _attrs(schema, FIGURE)), "note"]


def _json(values) -> str:
    return json.dumps(values, ensure_ascii=False)


def owner(figure, claims):
    """The innermost claim holding ``figure`` (shortest, then earliest), or None."""
    holding = [c for c in claims if c.start <= figure.start and figure.end <= c.end]
    return min(holding, key=lambda c: (c.end - c.start, c.start, c.id), default=None)


def claim_rows(records, schema) -> Iterator[list]:
    claim_attrs, actor_attrs, figure_attrs = (_attrs(schema, x) for x in (CLAIM, ACTOR, FIGURE))
    for r in records:
        spans = r.annotation.spans  # sorted
        by_id = {s.id: s for s in spans}
        claims = [s for s in spans if s.label == CLAIM]
        figures: dict[str, list] = {c.id: [] for c in claims}
        for f in spans:
            if f.label == FIGURE and (c := owner(f, claims)) is not None:
                figures[c.id].append(f)
        for c in claims:
            actors = sorted((by_id[rel.target] for rel in r.annotation.relations
                             if rel.label == RELATION and rel.source == c.id and rel.target in by_id),
                            key=lambda s: (s.start, s.end, s.id))
            head = [r.doc.id, r.annotator, c.id, c.start, c.end, c.text, *(c.attrs.get(a) for a in claim_attrs),
                    _json([a.text for a in actors]), *(_json([a.attrs.get(k) for a in actors]) for k in actor_attrs),
                    _json([a.id for a in actors])]
            if not figures[c.id]:
                yield head + [None] * (5 + len(figure_attrs)) + [c.note]
            for i, f in enumerate(figures[c.id], 1):
                yield head + [i, f.id, f.start, f.end, f.text, *(f.attrs.get(a) for a in figure_attrs), c.note]


def check(labels, options) -> None:
    if CLAIM not in labels:
        raise DataError(f"--format claims needs the {CLAIM} label in the export (exported: {', '.join(labels)})")


def write(parts, ctx) -> None:
    head = header(ctx.schema)
    ctx.notes += [NOTE, FORMULA_NOTE]
    for p in parts:
        with ctx.text(p.name + ".csv") as f:
            write_table(f, head, claim_rows(p.records, ctx.schema))

"""The claims ledger (``<split>.csv``): one row per CLAIM span.

Columns: ``document, annotator, claim_id, start, end, claim``, the claim's attributes
(``status``), then the actors it is ``attributed_to`` (``actor``, ``actor_<attr>`` such as
``actor_type``, ``actor_id``), the FIGURE spans inside it (``figure``, ``figure_value``,
``figure_unit``, ``figure_qualifier``, ``figure_id``) and the claim's ``note``. A claim
with several actors or figures lists them in text order, joined by `` | `` in every
column of that group, so the n-th values belong together.
"""

from __future__ import annotations

from ..errors import DataError
from .csv import FORMULA_NOTE, cell, write_table

CLAIM, ACTOR, FIGURE, RELATION = "CLAIM", "ACTOR", "FIGURE", "attributed_to"
SEP = " | "


def header(schema) -> list[str]:
    head = ["document", "annotator", "claim_id", "start", "end", "claim", *_attrs(schema, CLAIM)]
    for lab, prefix in ((ACTOR, "actor"), (FIGURE, "figure")):
        head += [prefix, *(f"{prefix}_{a}" for a in _attrs(schema, lab)), f"{prefix}_id"]
    return head + ["note"]


def _attrs(schema, label) -> list[str]:
    ldef = schema.labels.get(label)
    return list(ldef.attrs) if ldef else []


def _group(spans, attrs) -> list[str]:
    cols = [SEP.join(s.text for s in spans)]
    cols += [SEP.join(cell(s.attrs.get(a)) for s in spans) for a in attrs]
    return cols + [SEP.join(s.id for s in spans)]


def claim_rows(records, schema):
    claim_attrs, actor_attrs, figure_attrs = (_attrs(schema, x) for x in (CLAIM, ACTOR, FIGURE))
    for r in records:
        spans = r.annotation.spans  # sorted
        by_id = {s.id: s for s in spans}
        figures = [s for s in spans if s.label == FIGURE]
        for c in spans:
            if c.label != CLAIM:
                continue
            actors = sorted((by_id[rel.target] for rel in r.annotation.relations
                             if rel.label == RELATION and rel.source == c.id and rel.target in by_id),
                            key=lambda s: (s.start, s.end, s.id))
            inside = [f for f in figures if c.start <= f.start and f.end <= c.end]
            yield [r.doc.id, r.annotator, c.id, c.start, c.end, c.text,
                   *(c.attrs.get(a) for a in claim_attrs),
                   *_group(actors, actor_attrs), *_group(inside, figure_attrs), c.note]


def check(labels, options) -> None:
    if CLAIM not in labels:
        raise DataError(f"--format claims needs the {CLAIM} label in the export (exported: {', '.join(labels)})")


def write(parts, ctx) -> None:
    head = header(ctx.schema)
    ctx.notes.append(FORMULA_NOTE)
    for p in parts:
        with ctx.text(p.name + ".csv") as f:
            write_table(f, head, claim_rows(p.records, ctx.schema))

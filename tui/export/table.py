"""The span table behind ``csv`` and ``parquet``: one row per span, attributes as columns.

Columns: ``document, annotator, id, label, start, end, text``, then one column per
attribute of the exported labels (schema order; an attribute shared by labels shares a
column; a name clashing with a fixed column gets an ``attr_`` prefix), then ``note``.
A span without an attribute has an empty cell (null in Parquet).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = ("document", "annotator", "id", "label", "start", "end", "text")


@dataclass(frozen=True)
class Column:
    name: str
    attr: str | None = None  # attribute it holds
    kind: str = "text"  # "int", "number" (float) or "text"


def columns(schema, labels) -> list[Column]:
    cols = [Column(n, kind="int" if n in ("start", "end") else "text") for n in BASE]
    kinds: dict[str, set] = {}
    for lab in labels:
        for a in schema.labels[lab].attrs.values():
            kinds.setdefault(a.name, set()).add(a.kind)
    for name, ks in kinds.items():
        col = f"attr_{name}" if name in BASE or name == "note" else name
        cols.append(Column(col, name, "number" if ks == {"number"} else "text"))
    cols.append(Column("note"))
    return cols


def rows(records, cols: list[Column]):
    """One tuple per span, in column order; attribute values as annotated (or None)."""
    attrs = [c.attr for c in cols[len(BASE):-1]]
    for r in records:
        for s in r.annotation.spans:
            yield (r.doc.id, r.annotator, s.id, s.label, s.start, s.end, s.text,
                   *(s.attrs.get(a) for a in attrs), s.note)

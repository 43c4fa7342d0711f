"""CSV (``<split>.csv``): the span table of ``table.py``. UTF-8 without BOM, ``\\n`` line
ends, a header row, fields quoted where needed (text may hold newlines); an empty cell
for no value; numbers written as in the YAML (``1440``, ``12500000000.0``)."""

from __future__ import annotations

import csv

from ..yamlio import number
from .table import columns, rows

EXT = ".csv"


def cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number(v)
    return str(v)


def write_table(f, header: list[str], body) -> None:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows([cell(v) for v in row] for row in body)


def write(parts, ctx) -> None:
    cols = columns(ctx.schema, ctx.labels)
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            write_table(f, [c.name for c in cols], rows(p.records, cols))

"""Parquet (``<split>.parquet``, needs ``pyarrow``: ``margin[parquet]``): the span table of
``table.py`` with types: ``start``/``end`` int64, number attributes float64, the rest
strings; null for no value. Written without timestamps, so the bytes are reproducible."""

from __future__ import annotations

import io

from tui.export.table import columns, rows

EXT = ".parquet"


def table(records, cols):
    import pyarrow as pa

    types = {"int": pa.int64(), "number": pa.float64(), "text": pa.string()}
    data = list(zip(*rows(records, cols))) or [()] * len(cols)
    arrays = []
    for c, values in zip(cols, data):
        if c.kind == "number":
            values = [None if v is None else float(v) for v in values]
        elif c.kind == "text":
            values = [None if v is None else str(v) for v in values]
        arrays.append(pa.array(values, type=types[c.kind]))
    return pa.Table.from_arrays(arrays, names=[c.name for c in cols])


def write(parts, ctx) -> None:
    import pyarrow.parquet as pq

    cols = columns(ctx.schema, ctx.labels)
    for p in parts:
        buf = io.BytesIO()
        pq.write_table(table(p.records, cols), buf)
        ctx.write(p.name + EXT, buf.getvalue())

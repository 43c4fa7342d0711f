"""CSV (``<split>.csv``): the span table of ``table.py``. UTF-8 without BOM, ``\\n`` line
ends, a header row, fields quoted where needed (text may hold newlines); an empty cell
for no value; numbers written as in the YAML (``1440``, ``12500000000.0``).

Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is written with a single quote in front
(``'=HYPERLINK(...)``), so Excel, LibreOffice and Google Sheets show it as text instead of
running it. A text that is a plain number (``-12.5``) and every number attribute are
left as they are. ``claims`` shares this function.
"""

from __future__ import annotations

import re

from tui.store.yamlio import number
from tui.export.table import columns, rows

EXT = ".csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


FORMULA_NOTE = ("Spreadsheet formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or "
                "a carriage return (and not a plain number such as `-12.5`) is written with a single quote "
                "in front (`'=A1` for `=A1`), as OWASP advises, so spreadsheets show it as text. To get the "
                "exact text back, drop a leading `'` followed by one of those characters; number columns "
                "are never changed.")


def defuse(s: str) -> str:
    """``s`` with a ``'`` in front if a spreadsheet would read it as a formula."""
    if s.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(s):
        return "'" + s
    return s


def cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return number(v)
    return defuse(str(v))


_NEEDS_QUOTES = re.compile('[,"\r\n]')


def field(s: str) -> str:
    """One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (Python's csv
    module before 3.13 leaves a lone CR unquoted when the line end is ``\\n``, which
    breaks the row for every reader)."""
    return '"' + s.replace('"', '""') + '"' if _NEEDS_QUOTES.search(s) else s


def write_table(f, header: list[str], body) -> None:
    f.write(",".join(map(field, header)) + "\n")
    for row in body:
        f.write(",".join(field(cell(v)) for v in row) + "\n")


def write(parts, ctx) -> None:
    cols = columns(ctx.schema, ctx.labels)
    ctx.notes.append(FORMULA_NOTE)
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            write_table(f, [c.name for c in cols], rows(p.records, cols))

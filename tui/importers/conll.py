"""Read CoNLL (a file, or every ``*.conll`` in a folder): ``token TAG [TAG...]`` lines,
blank lines between sentences, ``-DOCSTART-`` between documents (a file without one is
one document). Every column after the token is a BIO tag column (``B-X``, ``I-X``, ``O``;
an ``I-X`` not continuing an ``X`` starts a new span, as in seqeval). Entities may run
across a blank line, as ``margin export --format conll`` writes them.

CoNLL carries no document id or text: a block is matched to the corpus document whose
margin tokenisation (``tui.tokens``) gives the same tokens. Only spans come back: no
attributes, notes or relations.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Incoming, SpanIn

_TAG = re.compile(r"([BI])-(.+)\Z")


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.conll")) if path.is_dir() else [path]


def read(path: Path, reading) -> list[Incoming]:
    out: list[Incoming] = []
    for f in _files(path):
        try:
            lines = f.read_bytes().decode("utf-8").split("\n")
        except UnicodeDecodeError as e:
            reading.problem(f"{f}:1", f"not UTF-8 (bad byte at offset {e.start})")
            continue
        block: list[tuple[int, list[str]]] = []
        start = 1
        for n, line in enumerate(lines, 1):
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                if block:
                    out.append(_document(f, start, block, reading))
                block, start = [], n
            elif cols[1:3] == ["columns", "="] and cols[0] == "#":
                continue  # the export's header line: '# columns = TOKEN ACTOR ...'
            elif cols:
                block.append((n, cols))
        if block:
            out.append(_document(f, start, block, reading))
    return out


def _document(f: Path, start: int, rows: list[tuple[int, list[str]]], reading) -> Incoming:
    inc = Incoming(f"{f}:{start}", None, tokens=[cols[0] for _, cols in rows])
    width = len(rows[0][1])
    if width < 2:
        reading.problem(f"{f}:{rows[0][0]}", "expected a token and at least one tag column")
        return inc
    for n, cols in rows:
        if len(cols) != width:
            reading.problem(f"{f}:{n}", f"expected {width} columns like the first line of the document, "
                                        f"got {len(cols)}")
            return inc
    for c in range(1, width):
        tags = [cols[c] for _, cols in rows]
        bad = next((k for k, t in enumerate(tags) if t != "O" and not _TAG.match(t)), None)
        if bad is not None:
            reading.problem(f"{f}:{rows[bad][0]}", f"column {c + 1}: tag {tags[bad]!r} is not O, B-LABEL or I-LABEL")
            return inc
        for label, a, b in bio_spans(tags):
            where = f"{f}:{rows[a][0]}"
            lab = reading.label(where, label)
            if lab is not None:
                inc.spans.append(SpanIn(where, None, lab, [(a, b)]))
    inc.spans.sort(key=lambda s: (s.frags[0], s.label))
    return inc


def bio_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, end token exclusive) of each entity in a BIO tag list."""
    out, label, first = [], None, 0
    for i, tag in enumerate([*tags, "O"]):
        m = _TAG.match(tag)
        if label is not None and (not m or m.group(1) == "B" or m.group(2) != label):
            out.append((label, first, i))
            label = None
        if m and label is None:
            label, first = m.group(2), i
    return out

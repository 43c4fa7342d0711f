"""Read CoNLL from any tokenizer (a file, or every ``*.conll``, ``*.iob``, ``*.bio``,
``*.bioes`` in a folder): one token a line with its columns, blank lines between sentences,
``-DOCSTART-`` lines between documents (a file without one is one document).

Lines starting with ``#`` whose second column is not a tag are comments; ``# doc_id = X``
(or ``# id = X``) names the document among several with the same text.

Columns: margin's own layout is the token then one tag column per label group (every
column after the token holds tags). Anything else, whose second column is not tags
(CoNLL-2003's ``token POS chunk NER``, label-studio-converter's ``token -X- _ TAG``), has
its NER tags in the last column only. Tags may be BIO (IOB2), IOB1 or BIOES/BILOU
(``B- I- E- L- S- U-``), read by ``tui.bio.decode``: an ``I-X`` that does not continue an
``X`` starts a new span, as in seqeval. Entities may run across a blank line, as margin's export writes them.

CoNLL carries no document id or text: a block is matched to the corpus document whose
text has the same characters as its tokens, whitespace ignored, so any tokenizer's
output lines up (see ``match.py``). Only spans come back: no attributes, notes or
relations.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui import bio
from tui.bio import is_tag
from tui.importers.base import Incoming, SpanIn, files, read_text

ID_RE = re.compile(r"#\s*(?:doc_id|id|document|newdoc id)\s*=\s*(\S+)\s*\Z")
PATTERNS = ("*.conll", "*.iob", "*.bio", "*.bioes", "*.conll03")
SHAPE = "'TOKEN TAG...' lines (BIO, IOB1 or BIOES tags), blank lines between sentences"


def split(line: str) -> list[str]:
    return line.split("\t") if "\t" in line else line.split()


def read(path: Path, reading) -> list[Incoming]:
    out: list[Incoming] = []
    for f in files(path, PATTERNS):
        text = read_text(f, reading)
        if text is None:
            continue
        block: list[tuple[int, list[str]]] = []
        starts: list[int] = []  # where each sentence of the block starts (token index)
        start, hint, blank = 1, None, True
        for n, line in enumerate(text.split("\n"), 1):
            cols = [c.strip() for c in split(line.rstrip("\r"))] if line.strip() else []
            blank = blank or not cols
            if cols and cols[0] == "-DOCSTART-":
                if block:
                    out.append(_document(f, start, block, reading, hint, starts))
                block, starts, start, hint = [], [], n, None
            elif cols and cols[0].startswith("#") and (len(cols) < 2 or not is_tag(cols[1])):
                m = ID_RE.match(line.strip())  # a comment (CoNLL-U style, the export's '# columns = ...'
                # header); "# O" is a token
                hint = m.group(1) if m else hint
            elif cols:
                if blank:
                    starts.append(len(block))
                    blank = False
                block.append((n, cols))
        if block:
            out.append(_document(f, start, block, reading, hint, starts))
    return out


def tag_columns(rows: list[tuple[int, list[str]]], starts: list[int] | None = None) -> list[list[int]]:
    """For each tag column, the column of each row holding it. margin's layout (one width,
    every column after the token tags): each column after the token. Anything else, as
    spaCy's ``conll_ner_to_docs`` reads it: one tag column, in each sentence the last one
    every line of it has (2, 3 and 4 columns may mix: ``TOKEN TAG``, ``TOKEN POS TAG``...)."""
    width = len(rows[0][1])
    if all(len(cols) == width for _, cols in rows) and all(is_tag(cols[1]) for _, cols in rows):
        return [[c] * len(rows) for c in range(1, width)]
    bounds = [*(starts or [0]), len(rows)]
    if bounds[0] != 0:
        bounds.insert(0, 0)
    out: list[int] = []
    for a, b in zip(bounds, bounds[1:]):
        last = min(len(cols) for _, cols in rows[a:b]) - 1 if b > a else 1
        out += [last] * (b - a)
    return [out]


def _document(f: Path, start: int, rows: list[tuple[int, list[str]]], reading, hint=None,
              starts: list[int] | None = None) -> Incoming:
    inc = Incoming(f"{f}:{start}", None, tokens=[cols[0] for _, cols in rows], id_hint=hint)
    inc.sentences = list(starts or [0])
    for n, cols in rows:
        if len(cols) < 2:
            reading.problem(f"{f}:{n}", f"expected a token and at least one tag column ({SHAPE})")
            return inc
        if not cols[0]:
            reading.problem(f"{f}:{n}", "empty token")
            return inc
    for column in tag_columns(rows, starts):
        tags = [cols[c] for (_, cols), c in zip(rows, column)]
        bad = next((k for k, t in enumerate(tags) if not is_tag(t)), None)
        if bad is not None:
            reading.problem(f"{f}:{rows[bad][0]}", f"column {column[bad] + 1}: tag {tags[bad][:40]!r} is not O, B-LABEL, "
                                                   "I-LABEL (or E-, S-, L-, U- of BIOES)")
            return inc
        for label, a, b in bio.decode(tags):
            where = f"{f}:{rows[a][0]}"
            lab = reading.label(where, label)
            if lab is not None:
                inc.spans.append(SpanIn(where, None, lab, [(a, b)]))
    inc.spans.sort(key=lambda s: (s.frags[0], s.label))
    return inc


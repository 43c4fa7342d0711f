"""CoNLL: one token a line, then one BIO (IOB2) tag column per exported label, ``<split>.conll``.

Columns are separated by one space: ``token TAG_label1 TAG_label2 ...`` in schema label
order. The file's first line names them, in the CoNLL-U Plus style: ``# columns = TOKEN
ACTOR FIGURE CLAIM``. Sentences (``tui.tokens.sentences``) end with a blank line; each
record starts with a lone ``-DOCSTART-`` line, then a blank line. Records come in the
order of the card and the other formats (document, then annotator).

Why not the bare CoNLL-2003 shape: ``token X Y Z`` is what CoNLL-2003 readers take for
``token POS chunk NER``, and ``spacy convert`` read it without a word, keeping only the
last column. The header and the lone ``-DOCSTART-`` make it refuse the file instead
(its "E903: not formatted correctly"). ``--conll-layer LABEL`` writes the classic
two-column NER file with CoNLL-2003's ``-DOCSTART- -X- O O`` document lines and no
header, which ``spacy convert`` and other NER readers read correctly.

Overlapping spans of different labels each get their own column. What one column cannot
hold is reported, never silently shifted: a span not on token boundaries is extended to
the tokens it touches; a span of only whitespace, or one overlapping a shorter span of
the same label (``tui.bio``: the innermost span wins), is left out of the column; a span
crossing a sentence break keeps ``I-`` tags after the break.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from tui import bio
from tui.errors import DataError
from tui.tokens import Spans, token_index

EXT = ".conll"
DOCSTART = "-DOCSTART-"
DOCSTART_2003 = "-DOCSTART- -X- O O"  # spaCy's converter splits documents at exactly this line


def header(labels: tuple[str, ...]) -> str:
    return "# columns = TOKEN " + " ".join(labels)


def tag_columns(text: str, spans, labels: tuple[str, ...], where: str, warn) -> tuple[Spans, list[list[str]]]:
    """(token offsets, one tag list per label) for one record (``tui.bio``'s encoding and
    overlap policy); problems go to ``warn``."""
    idx = token_index(text).complete()
    sent_starts = [s for s, _ in idx.sentences]
    what = lambda s: f"{where} {s.id} {s.label} {s.start}-{s.end} {s.text[:60]!r}"  # noqa: E731
    columns = []
    for label in labels:
        tagged = bio.encode(idx, [s for s in spans if s.label == label])
        for s in tagged.empty:
            warn("span(s) of only whitespace, left out (no token to tag)", what(s))
        for s in tagged.left_out:
            warn("span(s) overlapping a shorter span of the same label, left out of that label's column", what(s))
        for s, a, b in tagged.extended:
            warn("span(s) not on token boundaries, extended to whole tokens", f"{what(s)} -> {a}-{b} {text[a:b][:60]!r}")
        for s, i, j in tagged.kept:
            a, b = idx.tokens[i][0], idx.tokens[j - 1][1]
            if bisect_right(sent_starts, a) != bisect_right(sent_starts, b - 1):
                warn("span(s) crossing a sentence break (I- tags continue after the blank line)", what(s))
        columns.append(tagged.tags)
    return idx.tokens, columns


def record_lines(text: str, spans, labels: tuple[str, ...], where: str, warn,
                 docstart: str = DOCSTART) -> list[str]:
    tokens, columns = tag_columns(text, spans, labels, where, warn)
    rows = list(map(" ".join, zip([text[a:b] for a, b in tokens], *columns)))
    out = [docstart, ""]
    starts = token_index(text).starts
    prev = 0
    for a, _ in token_index(text).sentences[1:]:
        first = bisect_left(starts, a)  # the sentence's first token
        out += rows[prev:first]
        out.append("")
        prev = first
    out += rows[prev:]
    if rows:
        out.append("")
    return out


def check(labels, options) -> None:
    layer = options.get("conll_layer")
    if layer and layer not in labels:
        raise DataError(f"--conll-layer {layer!r}: not an exported label (expected one of: {', '.join(labels)})")


def write(parts, ctx) -> None:
    layer = ctx.options.get("conll_layer")
    labels = (layer,) if layer else ctx.labels
    docstart = DOCSTART_2003 if layer else DOCSTART
    ctx.notes.append(f"Columns: `{header(labels)[len('# columns = '):]}`" + (
        " (the classic two-column NER layout)." if layer else
        ", named on the file's first line (`# columns = ...`); skip that line when reading."))
    for p in parts:
        with ctx.text(p.name + EXT) as f:
            if not layer:
                f.write(header(labels) + "\n")
            for r in p.records:
                lines = record_lines(r.doc.text, r.annotation.spans, labels, f"{r.doc.id}/{r.annotator}",
                                     ctx.warn, docstart)
                f.write("\n".join(lines) + "\n")

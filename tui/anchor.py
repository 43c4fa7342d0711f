"""Re-anchoring spans when the article text changed since it was annotated.

Each span is found again from its quote (``text``) and context (``prefix``/``suffix``),
in the spirit of the W3C TextQuoteSelector: first where it was, then the occurrence whose
context matches best (nearest the old place on ties), then approximately. A span that
cannot be placed with confidence is kept with a flag, never dropped or silently moved.
"""

from __future__ import annotations

from dataclasses import replace

from tui.model import CONTEXT, FLAG_FUZZY, FLAG_LOST, FLAG_MOVED, Annotation, Document, Span, make_span
from tui.tokens import token_index

FUZZY_MIN = 85.0  # rapidfuzz score (0-100) needed to accept an approximate match


def _context_score(span: Span, text: str, start: int, end: int) -> int:
    """How many characters of prefix and suffix agree at this placement (0..64)."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    score = 0
    for a, b in zip(reversed(span.prefix), reversed(before)):
        if a != b:
            break
        score += 1
    for a, b in zip(span.suffix, after):
        if a != b:
            break
        score += 1
    return score


def reanchor(span: Span, text: str) -> tuple[Span, str | None]:
    """Place ``span`` in ``text``. Returns (span, outcome) with outcome None (in place),
    "exact" (moved, confirmed by its quote and context), or a flag (moved/fuzzy/lost)."""
    quote = span.text
    if text[span.start : span.end] == quote and _context_score(span, text, span.start, span.end) >= min(
        len(span.prefix) + len(span.suffix), 8
    ):
        return span, None
    hits = []
    i = text.find(quote)
    while i != -1 and quote:
        hits.append(i)
        i = text.find(quote, i + 1)
    if hits:
        best = max(hits, key=lambda h: (_context_score(span, text, h, h + len(quote)), -abs(h - span.start)))
        ctx = _context_score(span, text, best, best + len(quote))
        # unique or not, a quote found elsewhere is trusted only when its context agrees
        confident = ctx >= min(len(span.prefix) + len(span.suffix), 16)
        new = _place(span, text, best, best + len(quote), None if confident else FLAG_MOVED)
        return new, ("exact" if confident else FLAG_MOVED)
    # Approximate: align the quote inside a window around where its context says it was.
    if quote.strip():
        from rapidfuzz import fuzz  # only needed when a quote is not found exactly

        lo = max(0, span.start - 2000)
        hi = min(len(text), span.end + 2000)
        window = text[lo:hi]
        al = fuzz.partial_ratio_alignment(quote, window, score_cutoff=FUZZY_MIN)
        if al is None and (hi - lo) < len(text):
            lo, hi, window = 0, len(text), text
            al = fuzz.partial_ratio_alignment(quote, window, score_cutoff=FUZZY_MIN)
        if al is not None and al.dest_end > al.dest_start:
            s, e = _snap(text, lo + al.dest_start, lo + al.dest_end)
            return _place(span, text, s, e, FLAG_FUZZY), FLAG_FUZZY
    start = min(span.start, max(0, len(text) - 1))
    end = min(max(span.end, start + 1), len(text))
    return replace(span, start=start, end=end, flag=FLAG_LOST), FLAG_LOST


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen/trim an approximate match to whole tokens (no half words, no edge spaces)."""
    index = token_index(text)
    inside = index.tokens_in(start, end)
    if not inside:
        return start, end
    return index.tokens[inside.start][0], index.tokens[inside.stop - 1][1]


def _place(span: Span, text: str, start: int, end: int, flag: str | None) -> Span:
    fresh = make_span(text, span.id, span.label, start, end)
    return replace(span, start=start, end=end, text=fresh.text, prefix=fresh.prefix,
                   suffix=fresh.suffix, flag=flag)


def reanchor_annotation(ann: Annotation, doc: Document) -> tuple[Annotation, int, list[str]]:
    """Re-place every span of ``ann`` in ``doc``. Returns (annotation, moved, flagged ids)."""
    spans, moved, flagged = [], 0, []
    for s in ann.spans:
        new, outcome = reanchor(s, doc.text)
        if outcome is not None:
            moved += 1
        if new.flag is not None:
            flagged.append(new.id)
        spans.append(new)
    out = replace(ann, sha256=doc.sha256, chars=len(doc.text), spans=spans)
    return out, moved, flagged

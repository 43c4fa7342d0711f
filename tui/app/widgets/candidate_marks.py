"""Marking how a review candidate's bounds differ from the other candidates'.

:func:`mark_bounds` takes the Rich ``Text`` the review screen builds for a candidate
(``candidate_text``: a header line, then the quote in “…”) and styles, inside the quote,
the words this candidate has and another lacks; it adds a line naming the words it lacks.
The differences come from :func:`tui.review.adjudication.bound_diffs` (pure). Kept apart from the
screen so the screen's only change is to pass its candidate text through here.
"""

from __future__ import annotations

from rich.text import Text

from tui.review.adjudication import BoundDiff
from tui.display import one_line
from tui.model import Span

EXTRA = "bold underline green"  # words this candidate has and another lacks
MISSING = "italic red"  # the line naming what it lacks
WORDS = 40  # characters of one lacking piece shown


def mark_bounds(text: Text, span: Span, diff: BoundDiff, doc_text: str) -> Text:
    """``text`` with ``diff`` marked (a copy; ``text`` unchanged). No diff, no change."""
    if not diff:
        return text
    out = text.copy()
    plain = out.plain
    head = plain.find("\n")
    open_ = plain.find("“", head + 1) if head != -1 else -1
    if open_ != -1:
        start = open_ + 1
        close = plain.find("”", start)
        shown = (close if close != -1 else len(plain)) - start
        if shown and plain[start + shown - 1] == "…" and shown < len(span.text):
            shown -= 1  # the quote was cut: mark only what is on screen
        for a, b in diff.extra:
            lo, hi = max(a - span.start, 0), min(b - span.start, shown)
            if lo < hi:
                out.stylize(EXTRA, start + lo, start + hi)
    if diff.missing:
        out.append("\n   lacks: ", style=MISSING)
        out.append(" ".join("“" + one_line(doc_text[a:b], WORDS) + "”" for a, b in diff.missing), style=MISSING)
    return out

"""Facts about one text that every mention of a word shares, kept so that each is computed
once per text and word, not once per mention: "is this word ever a noun in the text"
scans the whole text, and a 1 MB article names the same few hundred names thousands of
times. Pure (no Textual).

    facts = per_text(text)      # the same dict for the same text object, in this thread
    facts.get(("noun", word))

The memo holds the last text each thread asked about (one text per thread, never more):
another text starts a fresh dict. It is keyed by identity, so a caller that rebuilds equal
text gets no memo, never a wrong one.
"""

from __future__ import annotations

import threading

_LAST = threading.local()


def per_text(text: str) -> dict:
    """The memo of ``text``'s facts (a dict the caller fills): the same dict while this
    thread keeps asking about the same text object, a fresh one for another text."""
    last = getattr(_LAST, "memo", None)
    if last is None or last[0] is not text:
        last = _LAST.memo = (text, {})
    return last[1]

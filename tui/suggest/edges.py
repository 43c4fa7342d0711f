"""Where a suggested span may begin and end: never on whitespace, never on punctuation
that closes or separates (``, ; : ) ] . ! ?``, a closing quotation mark, a dash) at its
start, never on punctuation that opens or separates (``, ; : ( [``, an opening quotation
mark, a dash) at its end. ``suggest()`` passes every span, the rules' and the model's,
through :func:`tidy` before it is finalised (the one place), so a CRF tag that started on
the comma after a speech tag (``, paid people smugglers …``) becomes ``paid people …``.

A straight quote (``"`` or ``'``) opens when it starts the text or follows whitespace or
an opening bracket or quote and is not followed by whitespace or the end, and closes otherwise: ``"We are done,"`` keeps both of its
quotes, ``boy's`` its apostrophe.
"""

from __future__ import annotations

_OPENING = "([{“‘«‹"
_CLOSING = ")]}”’»›"
_SEPARATING = ",;:—–…"
_BAD_START = frozenset(_CLOSING + _SEPARATING + ".!?")
_BAD_END = frozenset(_OPENING + _SEPARATING)
_STRAIGHT = "\"'"


def _opens(text: str, i: int) -> bool:
    """Whether the straight quote at ``i`` opens a quotation: by what stands before it, and
    never before a space or the end (``tomorrow.'\u2009"`` closes after its thin space)."""
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENING


def bad_start(text: str, i: int, end: int) -> bool:
    """Whether a span ending at ``end`` may not begin at ``i``."""
    c = text[i]
    if c.isspace() or not c.isprintable():
        return True
    if c in _STRAIGHT:
        return not _opens(text, i)
    if c == "." and i + 1 < end and text[i + 1].isdigit():
        return False  # ".5 percent"
    return c in _BAD_START


def bad_end(text: str, end: int) -> bool:
    """Whether a span may not end at ``end`` (its last character is ``text[end - 1]``)."""
    c = text[end - 1]
    if c.isspace() or not c.isprintable():
        return True
    if c in _STRAIGHT:
        return _opens(text, end - 1)
    return c in _BAD_END


def tidy(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without the characters a span may not begin or end on, or None
    when nothing is left. A clean span comes back unchanged; the result lies inside it."""
    while start < end and (bad_start(text, start, end) or bad_end(text, end)):
        if bad_start(text, start, end):
            start += 1
        else:
            end -= 1
    return (start, end) if start < end else None

"""Making untrusted text safe to show: every control character becomes a visible
placeholder, one character for one, so offsets into the stored text stay valid."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


def _table() -> dict[int, str]:
    t: dict[int, str] = {}
    for c in range(0x20):
        t[c] = chr(0x2400 + c)  # ␀ … ␟ (control pictures)
    t[0x09] = " "  # tab: a blank cell
    t[0x0D] = " "  # CR (of CRLF): a blank cell
    t[0x7F] = "␡"
    for c in range(0x80, 0xA0):
        t[c] = "�"  # C1 controls (CSI, OSC, NEL, …)
    for c in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        t[c] = "¦"  # bidi marks, embeddings, overrides and isolates would reorder the screen
    for c in (0x2028, 0x2029, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB):
        t[c] = "¶" if c in (0x2028, 0x2029) else "·"
    return t


CONTROL_TABLE = _table()


#: every character ``displayable`` replaces (newline aside)
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in CONTROL_TABLE if c != 10) + "]")


def _replace(m: re.Match) -> str:
    return CONTROL_TABLE[ord(m.group())]


def displayable(text: str) -> str:
    """``text`` with every control/format character replaced one-for-one (newlines kept).
    A scan and the characters found, not a translation of every character (a 1 MB article
    with tabs took ~100 ms through ``str.translate``)."""
    return _UNSAFE.sub(_replace, text)


def one_line(text: str, limit: int | None = None) -> str:
    """A single displayable line (newlines shown as ⏎), optionally truncated with …."""
    out = text.translate(CONTROL_TABLE).replace("\u240a", "⏎")
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)] + "…"
    return out


def safe_text(text: "Text") -> "Text":
    """A rich ``Text`` built by a screen from pieces (some from the article, a corpus file or
    the user) as one safe line: every character ``one_line`` replaces, replaced one for one,
    so the styles stay on the same characters. The status line and the prompt line pass
    what they are given through it, whichever piece carried the data."""
    plain = text.plain
    safe = one_line(plain)
    if safe == plain:
        return text
    out = text.copy()
    out.plain = safe
    return out


def safe_line(text: object) -> str:
    """One line of untrusted text made safe for any terminal: the one function every
    message, notification and CLI line that may carry data passes through."""
    return one_line(str(text))


def safe_repr(value: object, limit: int = 80) -> str:
    """``repr(value)`` made safe to show (controls visible), truncated to ``limit``."""
    return one_line(repr(value), limit)


def fold_for_search(text: str) -> str:
    """Lower-case ``text`` and straighten typographic quotes, keeping its length."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_QUOTES)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"'})

"""Character offsets in the unit each tool counts.

margin counts code points (Python's ``str`` indexes), as do spaCy, Prodigy and brat.
Tools written in JavaScript (doccano's editor, Label Studio's) or Java (INCEpTION,
WebAnno) count UTF-16 code units: a character above U+FFFF (most emoji) is two units
there and one code point here, so every offset after it differs by one. ``Units`` maps
between the two for one text; a text without such characters needs no mapping.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

CODEPOINTS, UTF16 = "codepoints", "utf16"
UNITS = (UTF16, CODEPOINTS)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_astral(text: str) -> bool:
    """Does ``text`` hold a character that is two UTF-16 code units?"""
    return not text.isascii() and _ASTRAL.search(text) is not None


class Units:
    """Code-point <-> UTF-16 offsets of one text (linear to build, log per offset)."""

    def __init__(self, text: str):
        self.length = len(text)
        self._cp = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._u16 = [p + i for i, p in enumerate(self._cp)]  # where each such character starts in UTF-16
        self.length16 = self.length + len(self._cp)

    @property
    def differ(self) -> bool:
        return bool(self._cp)

    def first_difference(self) -> int:
        """The first code-point offset whose UTF-16 offset differs (len + 1 if none)."""
        return self._cp[0] + 1 if self._cp else self.length + 1

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._cp, cp)

    def from_utf16(self, u: int) -> int | None:
        """The code-point offset of UTF-16 offset ``u``; None if ``u`` falls between the two
        halves of a character (no code-point offset is there) or outside the text."""
        if not 0 <= u <= self.length16:
            return None
        k = bisect_right(self._u16, u - 2)  # characters wholly before u
        if k < len(self._u16) and self._u16[k] == u - 1:
            return None
        return u - k

    def reader(self, unit: str) -> Callable[[int], int | None]:
        """Offset in ``unit`` -> code-point offset (None where there is none)."""
        if unit == UTF16 and self._cp:
            return self.from_utf16
        n = self.length
        return lambda x: x if 0 <= x <= n else None

    def writer(self, unit: str) -> Callable[[int], int]:
        """Code-point offset -> offset in ``unit``."""
        if unit == UTF16 and self._cp:
            return self.to_utf16
        return lambda x: x


def writer(text: str, unit: str) -> Callable[[int], int]:
    """Code-point offset of ``text`` -> offset in ``unit`` (the identity when they agree)."""
    if unit == CODEPOINTS or not has_astral(text):
        return lambda x: x
    return Units(text).to_utf16

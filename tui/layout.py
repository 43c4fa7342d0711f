"""Where the article's characters stand on screen: word wrap and row/column geometry.

Pure (no Textual): the article view owns one :class:`Rows` per width and answers every
geometry question through it, so motions by line and page are tested without an app.
Offsets are into the *displayable* text (one character for each character of the
article, see ``tui.display``), so they are the article's offsets too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size

_CHUNK = re.compile(r"\S+\s*|\s+")
#: characters one cell wide that are not blanks (a test checks each against Rich): a line
#: of these and ' ' wraps by column arithmetic
NARROW = "!-~\xa1-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u214f\u2190-\u21ff\u2400-\u2426\ufffd"
_NARROW_LINE = re.compile(f"[ {NARROW}]*")

#: wrapping a long article is done in slices of this many characters, so the rows a
#: screen shows are ready long before the last row of a 1 MB article is
SLICE = 64_000


def wrap(disp: str, width: int, start: int = 0, stop: int | None = None) -> list[int]:
    """Start offsets of the visual rows of ``disp[start:stop]`` wrapped at ``width`` cells
    (word wrap, hard breaks inside words longer than a row). Newlines end a row and belong
    to no row. ``start`` must be 0 or just after a newline; ``stop`` is rounded up to the
    end of its line."""
    width = max(width, 1)
    rows: list[int] = []
    add = rows.append
    pos = start
    n = len(disp)
    while True:
        nl = disp.find("\n", pos)
        end = n if nl == -1 else nl
        add(pos)
        if end - pos > width:
            if (m := _NARROW_LINE.match(disp, pos, end)) is not None and m.end() == end:
                _wrap_narrow(disp, pos, end, width, add)
            else:
                _wrap_line(disp, pos, end, width, add)
        elif (end - pos) * 2 > width and not (line := disp[pos:end]).isascii() and cell_len(line) > width:
            _wrap_line(disp, pos, end, width, add)
        if nl == -1:
            break
        pos = nl + 1
        if stop is not None and pos >= stop:
            break
    return rows


def _wrap_narrow(disp: str, start: int, end: int, width: int, add: Callable[[int], None]) -> None:
    """``_wrap_line`` for a line of NARROW characters and ' ' (a cell a character, one
    kind of blank): one ``rfind`` a row instead of one regex match a word. A row at ``pos``
    holds the words that end by ``pos + width``; the next row starts at the first word
    that does not, or inside a word longer than a row."""
    pos = start
    while end - pos > width:
        k = pos + width
        if disp[k] == " ":
            nxt = k + 1
            while nxt < end and disp[nxt] == " ":
                nxt += 1
            if nxt >= end:
                return
        else:
            nxt = disp.rfind(" ", pos, k) + 1
            if nxt <= pos:
                nxt = k
        add(nxt)
        pos = nxt


def _wrap_line(disp: str, start: int, end: int, width: int, add: Callable[[int], None]) -> None:
    ascii_ = disp[start:end].isascii()
    col = 0
    for m in _CHUNK.finditer(disp, start, end):
        word = m.group()
        stripped = word.rstrip()
        w = len(stripped) if ascii_ or stripped.isascii() else cell_len(stripped)
        if col and col + w > width:
            add(m.start())
            col = 0
        if w > width:  # a word longer than a row: break it by cells
            col = 0
            for i in range(m.start(), m.start() + len(stripped)):
                cw = 1 if ascii_ else get_character_cell_size(disp[i])
                if col + cw > width and col:
                    add(i)
                    col = 0
                col += cw
            col += len(word) - len(stripped)
        else:
            col += w + (len(word) - len(stripped))


class Rows:
    """The rows of ``disp`` at one width, wrapped on demand: ``extend`` wraps the next slice.

    Until the whole text is wrapped, the rows known are a prefix of the final ones, and
    every question about an offset past them wraps up to it first (so answers are exact)."""

    def __init__(self, disp: str, width: int):
        self.disp = disp
        self.width = max(1, width)
        self.starts: list[int] = []
        self._done_to = 0  # the text before this offset is wrapped
        self.complete = False
        self.extend()

    # -- wrapping ------------------------------------------------------------------------
    def extend(self, chars: int = SLICE) -> bool:
        """Wrap about ``chars`` more characters; True when that finished the text."""
        if self.complete:
            return True
        disp, start = self.disp, self._done_to
        stop = min(len(disp), start + chars)
        nl = disp.find("\n", stop)
        if stop >= len(disp) or nl == -1:
            self.starts.extend(wrap(disp, self.width, start))
            self._done_to, self.complete = len(disp), True
        else:
            self.starts.extend(wrap(disp, self.width, start, nl + 1))
            self._done_to = nl + 1
        return self.complete

    def wrap_to_offset(self, offset: int) -> None:
        while not self.complete and self._done_to <= offset:
            self.extend()

    def wrap_to_row(self, row: int) -> None:
        while not self.complete and len(self.starts) <= row + 1:
            self.extend()

    def __len__(self) -> int:
        return len(self.starts)

    def estimate(self) -> int:
        """The number of rows once the whole text is wrapped: exact when it is, else the
        rows so far plus the rest of the text at the rows-per-character seen so far."""
        if self.complete or not self._done_to:
            return len(self.starts)
        rest = len(self.disp) - self._done_to
        return len(self.starts) + -(-rest * len(self.starts) // self._done_to)

    # -- geometry ------------------------------------------------------------------------
    def row_of(self, offset: int) -> int:
        self.wrap_to_offset(offset)
        return max(0, bisect_right(self.starts, offset) - 1)

    def bounds(self, row: int) -> tuple[int, int]:
        """[start, end) of ``row``'s text (without its newline)."""
        self.wrap_to_row(row)
        start = self.starts[row]
        if row + 1 < len(self.starts):
            end = self.starts[row + 1]
            if end > 0 and self.disp[end - 1] == "\n":
                end -= 1
        elif not self.complete:
            nl = self.disp.find("\n", start)
            end = len(self.disp) if nl == -1 else nl
        else:
            end = len(self.disp)
        return start, end

    def column_of(self, offset: int) -> int:
        start, _ = self.bounds(self.row_of(offset))
        return cell_len(self.disp[start:offset])

    def offset_at(self, row: int, column: int) -> int:
        """The text offset shown at (row, column), clamped to the text and to the row."""
        self.wrap_to_row(row)
        row = min(max(row, 0), len(self.starts) - 1)
        start, end = self.bounds(row)
        col = 0
        for i in range(start, end):
            col += get_character_cell_size(self.disp[i])
            if col > column:
                return i
        return max(start, end - 1) if end > start else start

    def offset_of_row(self, row: int) -> int:
        """Where ``row`` starts (rows past the end: the end of the text)."""
        self.wrap_to_row(row)
        return self.starts[row] if 0 <= row < len(self.starts) else len(self.disp)

    def move(self, offset: int, rows: int) -> int | None:
        """The offset ``rows`` rows below (above) ``offset`` in the same column, or None
        when that leaves the text."""
        row = self.row_of(offset) + rows
        self.wrap_to_row(row)
        if not 0 <= row < len(self.starts):
            return None
        return self.offset_at(row, self.column_of(offset))

"""The article on Textual's Line API: wrapped once per width, only visible rows rendered.

The view owns no annotation state: the screen hands it the document, the session (spans)
and the selection, and the view tells the screen about clicks with a message. Rows are
cached in an LRU keyed by everything that changes a row (width, spans version, the part of
the selection and of the search matches on that row), so moving the cursor re-renders only
the rows it leaves and enters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...display import displayable
from ...editing import EditSession

_CHUNK = re.compile(r"\S+\s*|\s+")
PALETTE = 8


def wrap(disp: str, width: int) -> list[int]:
    """Start offsets of the visual rows of ``disp`` wrapped at ``width`` cells (word wrap,
    hard breaks inside words longer than a row). Newlines end a row and belong to no row."""
    width = max(width, 1)
    rows: list[int] = []
    add = rows.append
    pos = 0
    n = len(disp)
    while True:
        nl = disp.find("\n", pos)
        end = n if nl == -1 else nl
        add(pos)
        if end - pos > width or (end - pos) * 2 > width and not (line := disp[pos:end]).isascii() \
                and cell_len(line) > width:
            _wrap_line(disp, pos, end, width, add)
        if nl == -1:
            break
        pos = nl + 1
    return rows


def _wrap_line(disp: str, start: int, end: int, width: int, add) -> None:
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


@dataclass(frozen=True)
class Selection:
    start: int
    end: int


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article, wrapped, with span highlights, the selection and search matches."""

    COMPONENT_CLASSES = {
        "article--cursor",
        "article--match",
        "article--flagged",
        "article--outer",
        "article--ghost",
        *(f"article--label-{i}" for i in range(PALETTE)),
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; color: $foreground; padding: 0 1; }
    ArticleView > .article--cursor { text-style: reverse; }
    ArticleView:focus > .article--cursor { text-style: reverse bold; }
    ArticleView > .article--match { background: $warning 40%; }
    ArticleView > .article--flagged { text-style: italic strike; }
    ArticleView > .article--outer { text-style: underline; }
    ArticleView > .article--ghost { text-style: underline dim; }
    ArticleView > .article--label-0 { background: $primary 45%; }
    ArticleView > .article--label-1 { background: $warning 45%; }
    ArticleView > .article--label-2 { background: $secondary 45%; }
    ArticleView > .article--label-3 { background: $success 45%; }
    ArticleView > .article--label-4 { background: $error 45%; }
    ArticleView > .article--label-5 { background: $accent 45%; }
    ArticleView > .article--label-6 { background: $panel-lighten-2; }
    ArticleView > .article--label-7 { background: $boost; }
    """

    class Clicked(Message):
        """The user clicked the article at ``offset``."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: EditSession | None = None
        self.disp = ""
        self.selection = Selection(0, 0)
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self.label_index: dict[str, int] = {}
        self._rows: list[int] = [0]
        self._wrap_width = -1
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._styles: dict[tuple, Style] = {}
        self._spans_version = -1
        self._starts: list[int] = []
        self._sorted = []
        self._max_len = 0
        self.ghosts: list = []  # suggested spans not yet accepted, sorted by start
        self._ghost_starts: list[int] = []
        self._ghost_max = 0
        self._ghost_version = 0

    # -- inputs from the screen --------------------------------------------------------
    def set_session(self, session: EditSession, labels: list[str]) -> None:
        self.session = session
        self.disp = displayable(session.doc.text)
        self.label_index = {lab: i % PALETTE for i, lab in enumerate(labels)}
        self.matches, self._match_starts = [], []
        self._wrap_width = -1
        self._spans_version = -1
        self._cache.clear()
        self._rewrap()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def spans_changed(self) -> None:
        """The session's spans changed: re-render (rows key on the session version)."""
        self.refresh()

    def select(self, start: int, end: int, *, center: bool = False) -> None:
        old = self.selection
        self.selection = Selection(start, end)
        if old != self.selection:
            self._refresh_offsets(old.start, old.end)
            self._refresh_offsets(start, end)
        self.scroll_to_offset(start, end, center=center)

    def set_ghosts(self, ghosts: list) -> None:
        """Suggested spans to show as ghosts (under real spans, which win)."""
        self.ghosts = sorted(ghosts, key=lambda g: (g.start, g.end))
        self._ghost_starts = [g.start for g in self.ghosts]
        self._ghost_max = max((g.end - g.start for g in self.ghosts), default=0)
        self._ghost_version += 1
        self.refresh()

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self._match_starts = [s for s, _ in matches]
        self.refresh()

    # -- geometry ----------------------------------------------------------------------
    @property
    def rows(self) -> list[int]:
        return self._rows

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _rewrap(self) -> None:
        width = self._text_width()
        if width == self._wrap_width or self.scrollable_content_region.width <= 0:
            return  # unchanged, or not laid out yet (on_resize wraps)
        self._wrap_width = width
        self._rows = wrap(self.disp, width)
        self._cache.clear()
        self.virtual_size = Size(width, len(self._rows))

    def on_resize(self) -> None:
        self._rewrap()
        self.scroll_to_offset(self.selection.start, self.selection.end)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def row_of(self, offset: int) -> int:
        return max(0, bisect_right(self._rows, offset) - 1)

    def row_bounds(self, row: int) -> tuple[int, int]:
        start = self._rows[row]
        if row + 1 < len(self._rows):
            end = self._rows[row + 1]
            if end > 0 and self.disp[end - 1] == "\n":
                end -= 1
        else:
            end = len(self.disp)
        return start, end

    def column_of(self, offset: int) -> int:
        start, _ = self.row_bounds(self.row_of(offset))
        return cell_len(self.disp[start:offset])

    def offset_at(self, row: int, column: int) -> int:
        """The text offset shown at (row, column), clamped to the row."""
        row = min(max(row, 0), len(self._rows) - 1)
        start, end = self.row_bounds(row)
        col = 0
        for i in range(start, end):
            col += get_character_cell_size(self.disp[i])
            if col > column:
                return i
        return max(start, end - 1) if end > start else start

    def scroll_to_offset(self, start: int, end: int, *, center: bool = False) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.row_of(start)
        bottom = self.row_of(max(start, end - 1))
        y = int(self.scroll_offset.y)
        if center:
            y = max(0, top - height // 3)
        elif top < y:
            y = top
        elif bottom >= y + height:
            y = min(top, bottom - height + 1)
        if y != int(self.scroll_offset.y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _refresh_offsets(self, start: int, end: int) -> None:
        y0 = int(self.scroll_offset.y)
        first, last = self.row_of(start), self.row_of(max(start, end - 1))
        height = self.scrollable_content_region.height
        lo, hi = max(first, y0), min(last, y0 + height - 1)
        if lo <= hi:
            self.refresh_lines(lo - y0, hi - lo + 1)

    # -- rendering ---------------------------------------------------------------------
    def _index_spans(self) -> None:
        session = self.session
        if session is None or session.version == self._spans_version:
            return
        self._spans_version = session.version
        self._sorted = session.spans  # kept sorted by start by the session
        self._starts = [s.start for s in self._sorted]
        self._max_len = max((s.end - s.start for s in self._sorted), default=0)

    def render_line(self, y: int) -> Strip:
        self._rewrap()
        self._index_spans()
        row = y + int(self.scroll_offset.y)
        width = self._text_width()
        base = self.rich_style
        if self.session is None or row >= len(self._rows):
            return Strip.blank(width, base)
        start, end = self.row_bounds(row)
        sel = self.selection
        sel_part = (max(sel.start, start), min(sel.end, end)) if sel.start < end and start < sel.end else None
        if sel.start == sel.end and start <= sel.start <= end:
            sel_part = (sel.start, sel.start)
        matches = self._matches_in(start, end)
        key = (row, width, self._spans_version, self._ghost_version, sel_part, matches)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        strip = self._render_row(start, end, sel_part, matches, width, base)
        self._cache[key] = strip
        return strip

    def _matches_in(self, start: int, end: int) -> tuple:
        if not self.matches:
            return ()
        i = bisect_left(self._match_starts, start - 256)
        out = []
        for s, e in self.matches[i:]:
            if s >= end:
                break
            if e > start:
                out.append((max(s, start), min(e, end)))
        return tuple(out)

    def _spans_in(self, start: int, end: int) -> list:
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_left(self._starts, end)
        return [s for s in self._sorted[lo:hi] if s.end > start]

    def _ghosts_in(self, start: int, end: int) -> list:
        if not self.ghosts:
            return []
        lo = bisect_left(self._ghost_starts, start - self._ghost_max)
        hi = bisect_left(self._ghost_starts, end)
        return [g for g in self.ghosts[lo:hi] if g.end > start]

    def _render_row(self, start, end, sel_part, matches, width, base: Style) -> Strip:
        spans = self._spans_in(start, end) if start < end else []
        ghosts = self._ghosts_in(start, end) if start < end else []
        cuts = {start, end}
        for s in (*spans, *ghosts):
            cuts.add(max(s.start, start))
            cuts.add(min(s.end, end))
        for a, b in matches:
            cuts.update((a, b))
        if sel_part:
            cuts.update(sel_part)
        points = sorted(cuts)
        segments = []
        disp = self.disp
        for a, b in zip(points, points[1:]):
            if a == b:
                continue
            covering = [s for s in spans if s.start <= a and b <= s.end]
            in_match = any(ma <= a and b <= mb for ma, mb in matches)
            in_sel = sel_part is not None and sel_part[0] <= a and b <= sel_part[1]
            ghost = not covering and any(g.start <= a and b <= g.end for g in ghosts)
            segments.append(Segment(disp[a:b], self._style(covering, in_match, in_sel, base, ghost)))
        if sel_part and sel_part[0] == sel_part[1]:  # an empty selection (empty document)
            segments.append(Segment(" ", self._style([], False, True, base)))
        if not segments:
            segments = [Segment("", base)]
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, covering, in_match, in_sel, base: Style, ghost: bool = False) -> Style:
        if covering:
            inner = min(covering, key=lambda s: (s.end - s.start, -s.start))
            label = self.label_index.get(inner.label, PALETTE - 1)
            outer = len(covering) > 1
            flagged = any(s.flag for s in covering)
        else:
            label, outer, flagged = None, False, False
        key = (label, outer, flagged, in_match, in_sel, ghost)
        style = self._styles.get(key)
        if style is None:
            get = self.get_component_rich_style
            style = base
            if label is not None:
                style += get(f"article--label-{label}", partial=True)
            if outer:
                style += get("article--outer", partial=True)
            if ghost:
                style += get("article--ghost", partial=True)
            if flagged:
                style += get("article--flagged", partial=True)
            if in_match:
                style += get("article--match", partial=True)
            if in_sel:
                style += get("article--cursor", partial=True)
            self._styles[key] = style
        return style

    # -- mouse -------------------------------------------------------------------------
    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.session is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if row < len(self._rows):
            self.post_message(self.Clicked(self.offset_at(row, offset.x)))

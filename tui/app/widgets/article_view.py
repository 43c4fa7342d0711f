"""The article on Textual's Line API: wrapped per width (visible rows first), only the
visible rows rendered.

The view owns the selection (``selection``, a ``tui.cursor.Selection``) and the layout
(``tui.layout.Rows``); when the selection changes it repaints the rows it left and
entered, keeps it in sight and posts :class:`ArticleView.SelectionChanged`. Screens
compute motions with ``tui.cursor`` and never read geometry back: moves by row go
through :meth:`ArticleView.move_rows`. Rows are cached in an LRU keyed by everything that
changes a row (width, spans version, the part of the selection and of the search matches
on that row).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.cursor import Selection
from tui.display import displayable
from tui.editing import EditSession
from tui.ghostset import GhostSet
from tui.layout import Rows
from tui.app.widgets.article_rows import PALETTE, RowPainting

class ArticleView(RowPainting, ScrollView, can_focus=True, inherit_bindings=False):
    """The article, wrapped, with span highlights, the selection and search matches."""

    COMPONENT_CLASSES = {
        "article--cursor",
        "article--match",
        "article--mark",
        "article--flagged",
        "article--outer",
        "article--ghost",
        "article--jump",
        "article--thumb",
        *(f"article--label-{i}" for i in range(PALETTE)),
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; color: $foreground; scrollbar-size-vertical: 0; }
    ArticleView > .article--thumb { color: $primary 70%; }
    ArticleView > .article--cursor { text-style: reverse; }
    ArticleView:focus > .article--cursor { text-style: reverse bold; }
    ArticleView > .article--match { background: $warning 40%; }
    ArticleView > .article--mark { text-style: bold underline; color: $success; }
    ArticleView > .article--flagged { text-style: italic strike; }
    ArticleView > .article--outer { text-style: underline; }
    ArticleView > .article--ghost { text-style: underline dim; }
    ArticleView > .article--jump { background: $error; color: $text; text-style: bold; }
    ArticleView > .article--label-0 { background: $primary 45%; }
    ArticleView > .article--label-1 { background: $warning 45%; }
    ArticleView > .article--label-2 { background: $secondary 45%; }
    ArticleView > .article--label-3 { background: $success 45%; }
    ArticleView > .article--label-4 { background: $error 45%; }
    ArticleView > .article--label-5 { background: $accent 45%; }
    ArticleView > .article--label-6 { background: $panel-lighten-2; }
    ArticleView > .article--label-7 { background: $boost; }
    """

    selection: var[Selection] = var(Selection(0, 0), init=False)

    @dataclass
    class SelectionChanged(Message):
        """The selection moved; ``visible`` is the text range the view shows now."""

        view: "ArticleView"
        selection: Selection
        visible: tuple[int, int]

    class Clicked(Message):
        """The user clicked the article at ``offset``."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: EditSession | None = None
        self.disp = ""
        self.matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self.marks: list[tuple[int, int]] = []  # words to point at (review: where candidates differ)
        self._mark_starts: list[int] = []
        self.label_index: dict[str, int] = {}
        self.layout_rows = Rows("", 1)
        self._center = False
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._styles: dict[tuple, Style] = {}
        self._base: Style | None = None
        self._frame_key: tuple | None = None
        self._frame_val = (1, 0, -1, -2)
        self.ghostset = GhostSet()  # suggestions, live ones drawn under the spans
        self._ghost_version = 0
        self._jump: dict[int, str] = {}  # offset -> a jump label character drawn over it
        self._jump_version = 0

    # -- inputs from the screen --------------------------------------------------------
    def set_session(self, session: EditSession, labels: list[str]) -> None:
        self.session = session
        self.disp = displayable(session.doc.text)
        self.label_index = {lab: i % PALETTE for i, lab in enumerate(labels)}
        self.matches, self._match_starts = [], []
        self.marks, self._mark_starts = [], []
        self.layout_rows = Rows("", 1)
        self._cache.clear()
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def spans_changed(self, start: int | None = None, end: int | None = None) -> None:
        """The session's spans changed (rows key on the session version): repaint the rows
        of [start, end) when given, else every visible row."""
        if start is None or end is None:
            self.refresh()
        else:
            self._refresh_offsets(start, end)

    def select(self, start: int, end: int, *, center: bool = False) -> None:
        self._center = center
        self.selection = Selection(start, end)
        if self._center:  # unchanged selection: the watcher did not run
            self._center = False
            self.scroll_to_offset(start, end, center=True)

    def watch_selection(self, old: Selection, new: Selection) -> None:
        self._refresh_offsets(old.start, old.end)
        self._refresh_offsets(new.start, new.end)
        self.scroll_to_offset(new.start, new.end, center=self._center)
        self._center = False
        self.post_message(self.SelectionChanged(self, new, self.visible_range()))

    def row_target(self, sel: Selection, rows: int, *, page: bool = False) -> int | None:
        """The text offset ``rows`` rows (pages) down/up from ``sel``; a page scrolls the
        view with it, as in an editor. None when there is nowhere to go."""
        if page:
            rows *= max(1, self.scrollable_content_region.height - 1)
            self.scroll_to(y=self.scroll_offset.y + rows, animate=False, immediate=True)
        off = self.layout_rows.move(sel.start, rows)
        if off is None and page:
            off = self.layout_rows.offset_at(self.layout_rows.row_of(sel.start) + rows, self.layout_rows.column_of(sel.start))
        return off

    def visible_range(self) -> tuple[int, int]:
        """The text offsets of the first and past the last row in view."""
        rows = self.layout_rows
        top = int(self.scroll_offset.y)
        bottom = top + max(1, self.scrollable_content_region.height)
        return rows.offset_of_row(top), rows.offset_of_row(bottom)

    def set_ghosts(self, ghosts: GhostSet) -> None:
        """Suggestions to show as ghosts (under real spans, which win)."""
        self.ghostset = ghosts
        self._ghost_version += 1
        self.refresh()

    def ghost_changed(self, start: int, end: int) -> None:
        """One suggestion changed (rejected; the ghost set's version moved): repaint its rows."""
        self._refresh_offsets(start, end)

    @property
    def ghosts(self) -> list:
        """The live suggestions (a walk of all of them: tests and rare commands only)."""
        return list(self.ghostset.live())

    def set_jump_labels(self, labels: dict[int, str]) -> None:
        """Draw ``labels`` (offset -> label) over the text; {} removes them."""
        self._jump = {}
        for off, lab in labels.items():
            for i, ch in enumerate(lab):
                self._jump[self._label_at(off) + i] = ch
        self._jump_version += 1
        self.refresh()

    def _label_at(self, offset: int) -> int:
        """Where a jump label goes: on the space before its word when that is on the same
        row (the word's first letters stay readable), else on the word."""
        text, rows = self.disp, self.layout_rows
        if offset > 0 and text[offset - 1] == " " and rows.row_of(offset - 1) == rows.row_of(offset):
            return offset - 1
        return offset

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self._match_starts = [s for s, _ in matches]
        self.refresh()

    def set_marks(self, marks: list[tuple[int, int]]) -> None:
        """Mark these ranges of the text (sorted, apart): a layer over spans and matches."""
        if marks != self.marks:
            self.marks = marks
            self._mark_starts = [s for s, _ in marks]
            self.refresh()

    # -- geometry ----------------------------------------------------------------------
    def row_of(self, offset: int) -> int:
        return self.layout_rows.row_of(offset)

    def _text_width(self) -> int:
        """The text's columns: the view less a margin each side and a column for the
        scroll position (a scrollbar widget cost a quarter of a page's frame)."""
        return max(1, self.scrollable_content_region.width - 3)

    def _rewrap(self) -> None:
        width = self._text_width()
        if self.scrollable_content_region.width <= 0 or (width == self.layout_rows.width and self.layout_rows.disp is self.disp):
            return  # unchanged, or not laid out yet (on_resize wraps)
        self.layout_rows = Rows(self.disp, width)
        self._cache.clear()
        self.layout_rows.wrap_to_offset(self.selection.end)
        self._sync_size(force=True)

    def _sync_size(self, force: bool = False) -> None:
        """The virtual height: the rows wrapped so far and an estimate of the rest. The
        text is wrapped as far as it is shown or moved through (a 1 MB article is never
        wrapped whole unless read to the end), so the estimate moves; a new virtual size
        is a layout of the screen, so it changes only when the estimate is off by a few
        percent, when the rows run into it, or when the text is all wrapped."""
        rows = self.layout_rows
        height = rows.estimate()
        current = self.virtual_size.height
        near_end = len(rows) + 2 * max(1, self.scrollable_content_region.height) >= current
        if force or rows.complete or near_end or abs(height - current) * 20 > current:
            size = Size(self._text_width() + 3, height)
            if size != self.virtual_size:
                self.virtual_size = size

    def on_resize(self) -> None:
        self._rewrap()
        self.scroll_to_offset(self.selection.start, self.selection.end)
        self._announce()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if int(old_value) != int(new_value):
            self._announce()

    def _announce(self) -> None:
        """Tell the screen what is in view now (the selection did not move)."""
        if self.session is not None:
            self.post_message(self.SelectionChanged(self, self.selection, self.visible_range()))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()
        self._base = None

    def _base_style(self) -> Style:
        """The widget's Rich style, kept until the styles change (``rich_style`` walks the
        DOM and builds a Style each time: most of a page's render time at 160x48)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def scroll_to_offset(self, start: int, end: int, *, center: bool = False) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.row_of(start)
        bottom = self.row_of(max(start, end - 1))
        self._sync_size()
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
        height = self.scrollable_content_region.height
        first, last = self.row_of(start), self.row_of(max(start, end - 1))
        lo, hi = max(first, y0), min(last, y0 + height - 1)
        if lo <= hi:
            self.refresh_lines(lo, hi - lo + 1)

    # -- rendering ---------------------------------------------------------------------
    def _frame(self) -> tuple[int, int, int, int]:
        """(text width, first row shown, thumb's first and last screen row), computed once
        per size and scroll position: Textual's region properties cost microseconds each,
        and a page asks for them on every row of it."""
        key = (self.size, self.scroll_offset.y, self.virtual_size.height)
        if key != self._frame_key:
            region = self.scrollable_content_region
            width, height = max(1, region.width - 3), max(1, region.height)
            top = int(self.scroll_offset.y)
            total = self.virtual_size.height
            if total <= height:
                first, last = -1, -2
            else:
                first = top * height // total
                last = max(first, min(height - 1, (top + height) * height // total - 1))
            self._frame_key, self._frame_val = key, (width, top, first, last)
        return self._frame_val

    def render_line(self, y: int) -> Strip:
        width, top, thumb_first, thumb_last = self._frame()
        if width != self.layout_rows.width or self.layout_rows.disp is not self.disp:
            self._rewrap()
        row = y + top
        thumb = thumb_first <= y <= thumb_last
        base = self._base_style()
        rows = self.layout_rows
        rows.wrap_to_row(row)
        if self.session is None or row >= len(rows):
            return self._with_thumb(Strip.blank(width + 2, base), thumb, base)
        start, end = rows.bounds(row)
        sel = self.selection
        sel_part = (max(sel.start, start), min(sel.end, end)) if sel.start < end and start < sel.end else None
        if sel.start == sel.end and start <= sel.start <= end:
            sel_part = (sel.start, sel.start)
        matches = _ranges_in(self.matches, self._match_starts, start, end) if self.matches else ()
        marks = _ranges_in(self.marks, self._mark_starts, start, end) if self.marks else ()
        key = (row, width, self.session.version, id(self.session), self._ghost_version, self.ghostset.version, self._jump_version,
               sel_part, matches, marks, thumb)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        strip = self._with_thumb(self._render_row(start, end, sel_part, matches, width, base, marks), thumb, base)
        self._cache[key] = strip
        return strip

    def _with_thumb(self, strip: Strip, thumb: bool, base: Style) -> Strip:
        if thumb:
            mark = Segment("▐", base + self.get_component_rich_style("article--thumb", partial=True))
        else:
            mark = Segment(" ", base)
        return Strip([*strip, mark], strip.cell_length + 1)

    def _spans_in(self, start: int, end: int) -> list:
        assert self.session is not None
        return self.session.spans_in(start, end)

    def _ghosts_in(self, start: int, end: int) -> list:
        return self.ghostset.overlapping(start, end) if self.ghostset.shown else []

    # -- mouse -------------------------------------------------------------------------
    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.session is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if row < len(self.layout_rows):
            self.post_message(self.Clicked(self.layout_rows.offset_at(row, max(0, offset.x - 1))))


def _ranges_in(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> tuple:
    """The parts of sorted ``ranges`` (``starts``: their starts) inside [start, end)."""
    i = bisect_left(starts, start - 256)
    out = []
    for s, e in ranges[i:]:
        if s >= end:
            break
        if e > start:
            out.append((max(s, start), min(e, end)))
    return tuple(out)

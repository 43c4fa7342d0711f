"""The annotation panel on the Line API: spans grouped by label, with attributes and
attributions, one row a line, only the visible rows rendered.

The screen hands it the session (and, for long lists, the part of the article near the
view) with :meth:`SpanPanel.show`; building the row list is cheap, and an entry's lines
are cached by the span itself (spans are frozen: an edited span is a new object), so a
tag renders the one entry that changed. The panel scrolls itself (``top``, the first row
shown; the wheel and the keys move it) instead of being a ScrollView: a ScrollView's
virtual size is a layout of the whole screen each time the list grows, and a tag must
cost one frame. Every piece of text goes through ``tui.display.one_line``; nothing is
markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.display import one_line
from tui.editing import EditSession
from tui.model import Span
from tui.schema import Schema

GROUP_TITLES = {"ACTOR": "Actors", "FIGURE": "Figures", "CLAIM": "Claims"}
TITLE, QUOTE, DESC, LINK, NOTE, FLAG = (Style(bold=True, underline=True), Style(bold=True), Style(dim=True),
                                        Style(italic=True), Style(dim=True, italic=True), Style(bold=True, color="red"))
Line = tuple[tuple[str, Style], ...]
WHEEL_ROWS = 3


def attrs_text(span: Span) -> str:
    """A span's attributes in a few words ("about 100,000 people", "government")."""
    if not span.attrs:
        return ""
    if span.label == "FIGURE" and "value" in span.attrs:
        v = span.attrs["value"]
        shown = f"{v:,.0f}" if isinstance(v, (int, float)) and float(v).is_integer() else str(v)
        parts = [span.attrs.get("qualifier", ""), shown, span.attrs.get("unit", "")]
        desc = " ".join(str(p) for p in parts if p != "")
        other = {k: v for k, v in span.attrs.items() if k not in ("value", "unit", "qualifier")}
        return desc + (" " + ", ".join(f"{k}={v}" for k, v in other.items()) if other else "")
    return ", ".join(str(v) for v in span.attrs.values())


def entry_lines(span: Span, rels: tuple, lookup: Callable[[str], Span | None], width: int) -> list[Line]:
    """The panel lines of one span: quote, attributes, relations, note."""
    head: list[tuple[str, Style]] = []
    if span.flag:
        head.append((f"⚑{span.flag} ", FLAG))
    head.append((one_line(span.text, max(4, width - len(span.flag or "") - 2)), QUOTE))
    lines: list[Line] = [tuple(head)]
    if span.attrs:
        lines.append((("  " + one_line(attrs_text(span), width - 2), DESC),))
    for rel in rels:
        other_id = rel.target if rel.source == span.id else rel.source
        other = lookup(other_id)
        arrow = "→" if rel.source == span.id else "←"
        lines.append(((f"  {arrow} ", DESC), (one_line(other.text if other else other_id, width - 4), LINK)))
    if span.note:
        lines.append((("  ✎ " + one_line(span.note, width - 4), NOTE),))
    return lines


COMPACT_FROM = 60  # a panel this wide (under the article, on a small screen) gives each span one line


def one_line_entry(lines: list[Line], width: int) -> list[Line]:
    """An entry's lines on one line (the quote, then its attributes, relations, note),
    cut to ``width``: a short panel under the article shows twice the spans."""
    parts: list[tuple[str, Style]] = []
    used = 0
    for line in lines:
        for text, style in line:
            text = text.strip() if parts else text
            if used + len(text) + 2 > width:
                text = text[:max(0, width - used - 3)] + "…"
            if text:
                parts.append(((" " if parts else "") + text, style))
                used += len(text) + 1
            if used >= width - 1:
                return [tuple(parts)]
    return [tuple(parts)]


def span_summary(span: Span, session: EditSession, width: int = 60):
    """One entry as Rich Text (the relation picker lists spans with it)."""
    from rich.text import Text

    rels = tuple(session.relations_of(span.id))
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, line in enumerate(entry_lines(span, rels, session.get, width)):
        if i:
            text.append("\n")
        for piece, style in line:
            text.append(piece, style)
    return text


@dataclass(frozen=True)
class Row:
    kind: str  # "title" or "span"
    span: Span | None
    line: int  # which line of the entry
    text: str = ""  # a title's text


class SpanPanel(Widget, can_focus=True):
    """Spans grouped under their labels; j/k move, enter jumps, x deletes, e edits."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Next span", show=False),
        Binding("up,k", "cursor(-1)", "Previous span", show=False),
        Binding("home,g", "first", "First span", show=False),
        Binding("enter", "choose", "Go to span", show=False),
        Binding("x,delete", "command('delete')", "Delete", id="panel-delete"),
        Binding("e", "command('edit')", "Edit", id="panel-edit"),
    ]
    COMPONENT_CLASSES = {"span-panel--highlight"}
    DEFAULT_CSS = """
    SpanPanel > .span-panel--highlight { background: $accent 30%; }
    SpanPanel:focus > .span-panel--highlight { background: $accent 60%; }
    """

    @dataclass
    class SpanChosen(Message):
        """The user chose ``span_id`` in the panel (enter)."""

        panel: "SpanPanel"
        span_id: str

    @dataclass
    class Command(Message):
        """The user asked for ``action`` on ``span_id`` from the panel."""

        panel: "SpanPanel"
        action: str
        span_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.first_row: dict[str, int] = {}  # span id -> its first row
        self.highlighted: str | None = None
        self._relations: dict[str, list] = {}
        self._session: EditSession | None = None
        self._entries: LRUCache[tuple, list[Line]] = LRUCache(4096)
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)  # (row, highlighted, width) -> its line
        self._key: tuple | None = None
        self.top = 0  # the first row shown
        self._base: Style | None = None
        self._highlight: Style | None = None

    # -- inputs from the screen --------------------------------------------------------
    def show(self, session: EditSession, schema: Schema, window: tuple[int, int] | None = None) -> None:
        """List the spans, all of them or (``window``) those overlapping [start, end).
        Costs the spans listed (the session indexes the rest once per change)."""
        key = (id(session), session.version, window)
        if key == self._key:
            return
        self._key = key
        self._session = session
        before = self._visible()
        anchor = self.first_row.get(self.highlighted or "")
        anchor_y = anchor - self.top if anchor is not None else None
        groups: dict[str, list[Span]] = {lab: [] for lab in schema.labels}
        totals = session.label_counts()
        for s in (session.spans if window is None else session.spans_in(*window)):
            groups.setdefault(s.label, []).append(s)
        self._relations = session.relation_index()
        rows: list[Row] = []
        first: dict[str, int] = {}
        for label, spans in groups.items():
            count = f"{len(spans)}" if window is None else f"{len(spans)} near here, of {totals.get(label, 0):,}"
            rows.append(Row("title", None, 0, f"{GROUP_TITLES.get(label, label.title())} ({count})"))
            for s in spans:
                first[s.id] = len(rows)
                height = 1 + bool(s.attrs) + len(self._relations.get(s.id, ())) + bool(s.note)
                rows.extend(Row("span", s, i) for i in range(height))
        old_row = self.first_row.get(self.highlighted or "")
        self.rows, self.first_row = rows, first
        if self.highlighted is not None and self.highlighted not in first:
            # the highlighted span went away: highlight the entry now in its place
            after = [sid for sid, row in first.items() if old_row is not None and row >= old_row]
            self.highlighted = after[0] if after else (next(reversed(first)) if first else None)
        if anchor_y is not None and self.highlighted in first:  # the highlighted entry stays put
            self.top = first[self.highlighted] - anchor_y
        self.top = max(0, min(self.top, len(rows) - 1))
        self._refresh_changed(before)

    def _row_key(self, row: Row) -> tuple:
        """Everything a screen line of ``row`` shows: the row, whether it is highlighted,
        the span's relations (an entry lists them)."""
        if row.span is None:
            return (row,)
        return (row, row.span.id == self.highlighted, tuple(self._relations.get(row.span.id, ())))

    def _visible(self) -> list[tuple]:
        return [self._row_key(r) for r in self.rows[self.top:self.top + self._height()]]

    def _refresh_changed(self, before: list[tuple]) -> None:
        """Repaint the screen lines whose row changed (a list that grew around the
        highlighted entry repaints what moved, not the whole panel)."""
        after = self._visible()
        width = self.size.width
        y, n = 0, max(len(before), len(after))
        while y < n:
            if y < len(before) and y < len(after) and before[y] == after[y]:
                y += 1
                continue
            start = y
            while y < n and not (y < len(before) and y < len(after) and before[y] == after[y]):
                y += 1
            self.refresh(Region(0, start, width, y - start))

    def follow(self, span_id: str | None) -> None:
        """Highlight ``span_id``'s entry (the span under the cursor) and keep it in view."""
        if span_id is None or span_id == self.highlighted or span_id not in self.first_row:
            return
        old = self.highlighted
        self.highlighted = span_id
        self._refresh_entry(old)
        self._refresh_entry(span_id)
        self._scroll_to_entry(span_id)

    @property
    def option_count(self) -> int:
        """Entries listed: group titles and spans."""
        return sum(1 for r in self.rows if r.kind == "title" or r.line == 0)

    # -- keys --------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        ids = list(self.first_row)
        if not ids:
            return
        if self.highlighted not in self.first_row:
            nxt = ids[0] if delta > 0 else ids[-1]
        else:
            i = ids.index(self.highlighted) + delta
            nxt = ids[min(max(i, 0), len(ids) - 1)]
        self.follow(nxt)

    def action_first(self) -> None:
        if self.first_row:
            self.follow(next(iter(self.first_row)))

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.SpanChosen(self, self.highlighted))

    def action_command(self, action: str) -> None:
        if self.highlighted is not None:
            self.post_message(self.Command(self, action, self.highlighted))

    # -- rendering ---------------------------------------------------------------------
    def _width(self) -> int:
        return max(8, self.content_region.width or 40)

    def _lines(self, span: Span, width: int) -> list[Line]:
        rels = tuple(self._relations.get(span.id, ()))
        key = (span, rels, width)
        lines = self._entries.get(key)
        if lines is None:
            if width >= COMPACT_FROM:  # the quote takes half the line, the rest follows it
                lines = one_line_entry(entry_lines(span, rels, self._lookup, width // 2 + 2), width)
            else:
                lines = entry_lines(span, rels, self._lookup, width)
            self._entries[key] = lines
        return lines

    def _lookup(self, span_id: str) -> Span | None:
        return self._session.get(span_id) if self._session is not None else None

    def _height(self) -> int:
        return max(1, self.content_region.height)

    def scroll_rows(self, delta: int) -> None:
        """Move the rows shown by ``delta`` (the wheel; keys move the highlight)."""
        top = min(max(0, self.top + delta), max(0, len(self.rows) - self._height()))
        if top != self.top:
            self.top = top
            self.refresh()

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_rows(WHEEL_ROWS)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_rows(-WHEEL_ROWS)

    def on_click(self, event: events.Click) -> None:
        row_no = event.y + self.top
        if 0 <= row_no < len(self.rows) and self.rows[row_no].span is not None:
            span = self.rows[row_no].span
            assert span is not None
            self.follow(span.id)
            self.post_message(self.SpanChosen(self, span.id))

    def _refresh_entry(self, span_id: str | None) -> None:
        row = self.first_row.get(span_id or "")
        if row is not None:
            n = 1
            while row + n < len(self.rows) and self.rows[row + n].kind == "span" and self.rows[row + n].line:
                n += 1
            lo, hi = max(row, self.top), min(row + n, self.top + self._height())
            if lo < hi:
                self.refresh(Region(0, lo - self.top, self.size.width, hi - lo))

    def _scroll_to_entry(self, span_id: str) -> None:
        row = self.first_row[span_id]
        height = self._height()
        y = self.top
        if row - 1 < y:
            y = max(0, row - 1)  # with its group title when it is the first
        elif row >= y + height:
            y = row - height + 2
        if y != self.top:
            self.top = y
            self.refresh()

    def render_line(self, y: int) -> Strip:
        row_no = y + self.top
        width = self._width()
        base = self._base_style()
        if row_no >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[row_no]
        key = (self._row_key(row), width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(row, width, base)
        return strip

    def _render_row(self, row: Row, width: int, base: Style) -> Strip:
        if row.kind == "title":
            segments = [Segment(one_line(row.text, width), base + TITLE)]
        else:
            assert row.span is not None
            lines = self._lines(row.span, width)
            line = lines[row.line] if row.line < len(lines) else ()
            style = base
            if row.span.id == self.highlighted:
                if self._highlight is None:
                    self._highlight = base + self.get_component_rich_style("span-panel--highlight", partial=True)
                style = self._highlight
            segments = [Segment(piece, style + piece_style) for piece, piece_style in line]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = self._highlight = None
        self._strips.clear()
        self.refresh()

    def _base_style(self) -> Style:
        """The widget's Rich style, kept until the styles change (``rich_style`` walks the
        DOM and builds a Style each time)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

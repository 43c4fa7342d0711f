"""Few keys a span: count prefixes (``3L``, ``5j``), extension to the end of the clause,
sentence or quotation, the whole sentence or quotation, the jump mode, and the one-key
attribute choices right after tagging. The logic is pure (``tui.cursor``, ``tui.jump``,
``tui.quickattrs``); this mixin routes keys to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events

from tui.jump import Jump, targets
from tui.model import Span
from tui.quickattrs import Choice, choices, figure_attrs

MAX_COUNT = 999


class ReachMixin:
    count: int
    pending: list[Choice]
    jumping: Jump | None

    if TYPE_CHECKING:  # provided by the screen
        from textual.timer import Timer, TimerCallback

        from tui.editing import EditSession
        from tui.schema import Schema
        from tui.workspace import Workspace
        from tui.app.widgets.article_view import ArticleView

        @property
        def ws(self) -> Workspace: ...
        @property
        def session(self) -> EditSession: ...
        schema: Schema
        view: ArticleView
        @property
        def sel(self) -> tuple[int, int]: ...
        view_range: tuple[int, int]
        char_mode: bool
        on_span: str | None
        suggestions: Any

        def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None: ...
        def set_status(self, message: str) -> None: ...
        def refresh_status(self) -> None: ...
        def set_timer(self, delay: float, callback: TimerCallback | None = None, *, name: str | None = None,
                      pause: bool = False) -> Timer: ...
        def changed(self, what: str | None, span: Span | None = None) -> None: ...

    def reach_init(self) -> None:
        self.count = 0
        self.pending = []
        self.jumping = None

    # -- counts --------------------------------------------------------------------------
    def action_digit(self, n: int) -> None:
        if self.pending:
            self._choose(n)
            return
        if n == 0 and not self.count:
            return
        self.count = min(self.count * 10 + n, MAX_COUNT)
        self.refresh_status()

    def take_count(self) -> int:
        n, self.count = self.count or 1, 0
        return n

    # -- reach ---------------------------------------------------------------------------
    def action_extend(self, unit: str) -> None:
        cur, sel = self.ws.cursor, self.view.selection
        for _ in range(self.take_count()):
            sel = {"clause": cur.clause_end, "sentence": cur.sentence_end, "quote": cur.quote_end}[unit](sel)
        self.select(sel.start, sel.end)

    def action_whole(self, unit: str) -> None:
        self.take_count()
        cur, sel = self.ws.cursor, self.view.selection
        got = cur.whole_sentence(sel) if unit == "sentence" else cur.whole_quote(sel)
        if got is None:
            self.set_status("not inside a quotation")
            return
        self.select(got.start, got.end)

    def action_jump(self) -> None:
        """Label the words in view; typing a label selects that word."""
        self.take_count()
        toks = self.ws.tokens
        text = self.ws.doc.text
        lo, hi = self.view_range
        toks.ensure(hi)
        offs = [s for s in targets(toks.starts, lo, hi) if text[s].isalnum()]
        if not offs:
            self.set_status("nothing to jump to in view")
            return
        self.jumping = Jump(offs)
        self.view.set_jump_labels(self.jumping.shown())
        self.refresh_status()

    def _jump_key(self, ch: str) -> None:
        jump = self.jumping
        assert jump is not None
        offset, going = jump.type(ch)
        if going:
            self.view.set_jump_labels(jump.shown())
            return
        self.jumping = None
        self.view.set_jump_labels({})
        if offset is not None:
            self.select(*self.ws.cursor.unit_at(offset, self.char_mode).as_tuple())
        else:
            self.set_status("no such label")

    # -- one-key attributes --------------------------------------------------------------
    def tag_attrs(self, label: str, start: int, end: int) -> dict:
        """What tagging fills in by itself (a FIGURE's value, unit, qualifier)."""
        ldef = self.schema.labels.get(label)
        if ldef is None or label != "FIGURE":
            return {}
        s, e = self.session.trim(start, end)
        return figure_attrs(self.ws.doc.text, s, e, ldef)

    def after_tag(self, span: Span) -> None:
        ldef = self.schema.labels.get(span.label)
        if ldef is None:
            return
        hints = self.view.ghostset.overlapping(span.start, span.end, live=False)
        self.pending = choices(span, ldef, hints, self.session.spans)
        self.refresh_status()

    def _choose(self, digit: int | None) -> None:
        """Answer the first pending choice: ``digit`` 1-9, or None for the preselected."""
        choice = self.pending[0]
        value = choice.preselected if digit is None else choice.pick(digit)
        if value is None:
            self.set_status(f"{choice.attr}: pick 1-{len(choice.values)}")
            return
        self.pending.pop(0)
        span = self.session.get(choice.span_id)
        if span is not None:
            new = self.session.update(span.id, attrs={**span.attrs, choice.attr: value})
            self.changed(f"{span.label} {choice.attr}: {value}", new)
            if new is not None and (new.start, new.end) == self.sel:
                self.on_span = new.id

    def on_key(self, event: events.Key) -> None:
        """Keys a pending choice or a jump takes before the key table sees them."""
        if self.jumping is not None:
            event.stop()
            event.prevent_default()
            if event.key == "escape" or not event.character or not event.character.isalpha():
                self.jumping = None
                self.view.set_jump_labels({})
                self.refresh_status()
            else:
                self._jump_key(event.character.lower())
            return
        if self.pending and event.key == "enter" and self.pending[0].preselected is not None:
            event.stop()
            event.prevent_default()
            self._choose(None)
        elif self.pending and not (event.character or "").isdigit() and event.key != "escape":
            self.pending = []  # any other key: the choice waits for the form (e)
            # the key's own action redraws the status line, in the same frame as its other
            # changes (refreshing here would draw the status alone a frame earlier); a key
            # that does nothing gets the line redrawn a moment later (no frame if the same)
            self.set_timer(0.05, self.refresh_status)

    def reach_cancel(self) -> None:
        self.count = 0
        self.pending = []
        self.on_span = None
        if self.jumping is not None:
            self.jumping = None
            self.view.set_jump_labels({})
        self.refresh_status()

    def reach_status(self) -> Text:
        text = Text()
        if self.jumping is not None:
            text.append("  JUMP: type a label (esc cancels)", style="bold yellow")
        elif self.pending:
            text.append("  " + self.pending[0].prompt(), style="bold yellow")
        if self.count:
            text.append(f"  {self.count}…", style="bold yellow")
        text.append("  CHAR" if self.char_mode else "", style="bold yellow")
        return text

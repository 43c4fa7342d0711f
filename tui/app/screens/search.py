"""Search in the article (``/``, ``n``/``N``): case- and quote-folded, matches highlighted."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from tui.display import fold_for_search, one_line
from tui.model import Document
from tui.app.widgets.article_view import ArticleView


class SearchMixin:
    """Search for the annotate screen; needs ``view``, ``ws``, ``sel``, ``select`` and
    ``set_status`` from it."""

    matches: list[tuple[int, int]]
    _before_search: tuple[int, int] | None
    _folded_doc: Document | None = None
    _folded_text = ""

    if TYPE_CHECKING:  # provided by the screen
        from tui.workspace import Workspace

        view: ArticleView
        @property
        def ws(self) -> Workspace: ...
        @property
        def sel(self) -> tuple[int, int]: ...

        def select(self, start: int, end: int, *, center: bool = False) -> None: ...
        def set_status(self, message: str) -> None: ...
        def refresh_status(self) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        self._before_search = self.sel
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        self.find(event.value)
        if self.matches:
            m = self._match_from(self._before_search[0] if self._before_search else self.sel[0], 1)
            self.view.select(*m)
        self.refresh_status()

    def find(self, query: str) -> None:
        q = fold_for_search(query)
        self.matches = []
        if q:
            hay = self._folded()
            i = hay.find(q)
            while i != -1 and len(self.matches) < 100_000:
                self.matches.append((i, i + len(q)))
                i = hay.find(q, i + 1)
        self.view.set_matches(self.matches)

    def _folded(self) -> str:
        doc = self.ws.doc
        if self._folded_doc is not doc:
            self._folded_doc, self._folded_text = doc, fold_for_search(doc.text)
        return self._folded_text

    def _match_from(self, offset: int, delta: int) -> tuple[int, int]:
        starts = [m[0] for m in self.matches]
        i = bisect_left(starts, offset) - (0 if delta > 0 else 1)
        return self.matches[i % len(self.matches)]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        self._close_search()
        if self.matches:
            self.select(*self._match_from(self._before_search[0] if self._before_search else 0, 1), center=True)
        else:
            self.set_status(f"not found: {one_line(event.value, 30)!r}")

    def _close_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.view.focus()

    def searching(self) -> bool:
        return bool(self.query_one("#search").display)

    def action_next_match(self, delta: int) -> None:
        if not self.matches:
            self.set_status("no search: press / to search")
            return
        self.select(*self._match_from(self.sel[0] + (1 if delta > 0 else 0), delta), center=True)

    def cancel_search(self) -> bool:
        """Close the search box, back to where the search started; False if it was closed."""
        if not self.searching():
            return False
        self._close_search()
        if self._before_search:
            self.select(*self._before_search)
        return True

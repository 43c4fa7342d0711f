"""Suggestions as ghost spans in the article: computed in a worker, accepted with enter,
rejected with backspace, all of a label in view with A, shown or hidden with S.

Which suggestion a key means is exact: the one equal to the selection, else the
innermost one under the cursor (the status line names it). After accepting or
rejecting, the next suggestion in reading order is selected, nested ones included, and
a suggestion whose bounds a span already has is never offered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from ...errors import MarginError
from ...model import Document, Span


@dataclass
class Suggested(Message):
    """Suggestions for ``doc_id`` are ready (computed in a worker)."""

    doc_id: str
    suggestions: Any


def reading_key(span: Span) -> tuple[int, int]:
    """Reading order: by start, the enclosing span before the ones nested in it."""
    return span.start, -span.end


class GhostsMixin:
    suggestions: Any = None  # tui.suggest.Suggestions of the open document
    rejected: set[tuple]
    show_ghosts: bool

    if TYPE_CHECKING:  # provided by the screen
        from ...corpus import Corpus
        from ...editing import EditSession
        from ...schema import Schema
        from ..widgets.article_view import ArticleView

        view: ArticleView
        session: EditSession
        corpus: Corpus
        schema: Schema
        sel: tuple[int, int]
        view_range: tuple[int, int]
        app: Any

        def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None: ...
        def set_status(self, message: str) -> None: ...
        def changed(self, what: str | None, span: Span | None = None) -> None: ...
        def post_message(self, message: Message) -> bool: ...

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest_worker(self, doc: Document) -> None:
        from ...suggest import Suggestions, corpus_actors, suggest

        try:
            found = suggest(doc.text, self.schema, extra_actors=corpus_actors(self.corpus))
        except MarginError as e:
            self.app.call_from_thread(self.app.notify, f"no suggestions: {e}", severity="warning", markup=False)
            found = Suggestions()
        self.post_message(Suggested(doc.id, found))

    def on_suggested(self, message: Suggested) -> None:
        if message.doc_id == self.session.doc.id:
            self.suggestions = message.suggestions
            self.refresh_ghosts()

    def ghosts(self) -> list[Span]:
        """Suggestions not rejected and not already made (same bounds) by the annotator."""
        if self.suggestions is None or not self.show_ghosts:
            return []
        have = {(s.start, s.end) for s in self.session.spans}
        return [g for g in self.suggestions.spans if (g.start, g.end) not in have and g.key not in self.rejected]

    def refresh_ghosts(self) -> None:
        self.view.set_ghosts(self.ghosts())

    def ghost_at(self, start: int, end: int) -> Span | None:
        """The suggestion equal to [start, end), else the innermost one under ``start``."""
        ghosts = self.view.ghosts
        exact = [g for g in ghosts if g.start == start and g.end == end]
        if exact:
            return exact[0]
        hits = [g for g in ghosts if g.start <= start < g.end]
        return min(hits, key=lambda g: (g.end - g.start, g.start)) if hits else None

    def _links_for(self, accepted: list) -> list[tuple[str, tuple, tuple]]:
        """attributed_to links of the suggestions, between span keys."""
        if self.suggestions is None:
            return []
        by_id = {g.id: g for g in self.suggestions.spans}
        keys = {g.key for g in accepted}
        return [(r.label, by_id[r.source].key, by_id[r.target].key) for r in self.suggestions.relations
                if by_id[r.source].key in keys or by_id[r.target].key in keys]

    def _accept(self, ghosts: list) -> list[Span]:
        added = self.session.add_many(ghosts, self._links_for(ghosts))
        self.changed(f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}")
        return added

    def _next_ghost_after(self, after: Span) -> bool:
        key = reading_key(after)
        nxt = min((g for g in self.view.ghosts if reading_key(g) > key), key=reading_key, default=None)
        if nxt is not None:
            self.select(nxt.start, nxt.end)
        return nxt is not None

    def action_accept_ghost(self) -> None:
        g = self.ghost_at(*self.sel)
        if g is None:
            self.set_status("no suggestion here (tab/space to move; S shows or hides suggestions)")
            return
        self._accept([g])
        if not self._next_ghost_after(g):
            self.set_status(f"accepted {g.label}; no more suggestions after it")

    def action_reject_ghost(self) -> None:
        g = self.ghost_at(*self.sel)
        if g is None:
            self.set_status("no suggestion here")
            return
        self.rejected.add(g.key)
        self.refresh_ghosts()
        self.set_status(f"rejected suggested {g.label}")
        self._next_ghost_after(g)

    def action_accept_all_ghosts(self) -> None:
        g = self.ghost_at(*self.sel)
        label = g.label if g is not None else None
        lo, hi = self.view_range
        todo = [x for x in self.view.ghosts if (label is None or x.label == label) and x.start < hi and x.end > lo]
        if not todo:
            self.set_status("no suggestions in view")
            return
        self._accept(todo)

    def action_suggest(self) -> None:
        self.show_ghosts = not self.show_ghosts
        if self.show_ghosts and self.suggestions is None:
            self._suggest_worker(self.session.doc)
        self.refresh_ghosts()
        self.set_status("suggestions shown" if self.show_ghosts else "suggestions hidden")

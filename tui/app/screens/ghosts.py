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

from tui.errors import MarginError
from tui.ghostset import GhostSet, reading_key
from tui.model import Document, Span
from tui.app.screens.base import settle_heap


@dataclass
class Suggested(Message):
    """Suggestions for ``doc_id`` are ready (computed in a worker)."""

    doc_id: str
    suggestions: Any


@dataclass
class LeastSure(Message):
    """The sentence the model doubts most, (start, end), or None: use the next untagged one."""

    sentence: tuple[int, int] | None


class GhostsMixin:
    suggestions: Any = None  # tui.suggest.Suggestions of the open document
    suggester: Any = None  # tui.suggest.learn.Suggester of the corpus (conventions, model), made in the worker
    _link_index: Any = None  # (suggestions, span key -> its links)
    rejected: set[tuple]
    show_ghosts: bool

    if TYPE_CHECKING:  # provided by the screen
        from tui.corpus import Corpus
        from tui.editing import EditSession
        from tui.schema import Schema
        from textual.timer import Timer, TimerCallback

        from tui.app.widgets.article_view import ArticleView

        view: ArticleView
        @property
        def session(self) -> EditSession: ...
        corpus: Corpus
        schema: Schema
        @property
        def sel(self) -> tuple[int, int]: ...
        view_range: tuple[int, int]
        app: Any

        def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None: ...
        def set_status(self, message: str) -> None: ...
        def changed(self, what: str | None, span: Span | None = None) -> None: ...
        def post_message(self, message: Message) -> bool: ...
        def set_timer(self, delay: float, callback: TimerCallback | None = None, *, name: str | None = None,
                      pause: bool = False) -> Timer: ...

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest_worker(self, doc: Document) -> None:
        """Rules in the corpus's conventions and the corpus's model (``margin learn``), off
        the UI thread; a stale or corrupt model is named in one line and left out."""
        from tui.display import safe_line
        from tui.suggest.learn import Suggester
        from tui.suggest import Suggestions

        try:
            if self.suggester is None:
                self.suggester = Suggester.for_corpus(self.corpus)
                for warning in self.suggester.warnings:
                    self.app.call_from_thread(self.app.notify, safe_line(warning), severity="warning", markup=False)
                if self.suggester.refused:  # a clone's model: never read; train one here
                    self.app.call_from_thread(self._retrain_worker)
            found = self.suggester.suggest(doc.text)
        except MarginError as e:
            self.app.call_from_thread(self.app.notify, safe_line(f"no suggestions: {e}"), severity="warning",
                                      markup=False)
            found = Suggestions()
        self.post_message(Suggested(doc.id, found))

    RETRAIN_AFTER = 30.0  # seconds of quiet after a save before the model learns from it
    _retrain_timer: Any = None

    def schedule_retrain(self) -> None:
        """After saves, retrain the corpus's model (only when it has one: ``margin learn``
        starts it), debounced, in a worker; the new model serves the next suggestions."""
        if self.suggester is None or self.suggester.model is None:
            return
        if self._retrain_timer is not None:
            self._retrain_timer.stop()
        self._retrain_timer = self.set_timer(self.RETRAIN_AFTER, self._retrain_worker)

    @work(thread=True, exclusive=True, group="retrain")
    def _retrain_worker(self) -> None:
        """``margin learn`` in a child process (crfsuite holds the GIL while training; a
        child with its own stdio is also independent of the terminal the app draws on)."""
        import subprocess
        import sys

        from tui.display import safe_line
        from tui.suggest.learn import Suggester

        try:
            done = subprocess.run([sys.executable, "-m", "tui", "learn", "--corpus", str(self.corpus.root)],
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
            if done.returncode:
                lines = (done.stderr or "margin learn failed").strip().splitlines()
                raise MarginError(lines[-1] if lines else "margin learn failed")
            self.suggester = Suggester.for_corpus(self.corpus)
        except (MarginError, OSError, subprocess.SubprocessError) as e:
            self.app.call_from_thread(self.app.notify, safe_line(f"the model was not retrained: {e}"),
                                      severity="warning", markup=False)

    def ghost_source(self, ghost: Span) -> str:
        """"rules" or "model 0.83": where a suggestion comes from, for the status line."""
        s = self.suggestions
        source = getattr(s, "sources", {}).get(ghost.id, "rules")
        conf = getattr(s, "confidence", {}).get(ghost.id)
        return f"{source} {conf:.2f}" if conf is not None else source

    @work(thread=True, exclusive=True, group="doubt")
    def _least_sure_worker(self, text: str, after: int, annotated: list) -> None:
        """The sentence the model is least sure of (space with ``suggest: {space: least-sure}``)."""
        target = None
        try:
            if self.suggester is not None:
                target = self.suggester.least_sure_sentence(text, after_offset=after, annotated=annotated)
        except MarginError:
            target = None
        self.post_message(LeastSure(target))

    def on_suggested(self, message: Suggested) -> None:
        if message.doc_id == self.session.doc.id:
            self.suggestions = message.suggestions
            self._link_index = None
            self.refresh_ghosts()
            self._links_for([])  # index the links now, not on the first accept
            settle_heap()

    def refresh_ghosts(self) -> None:
        """Show the suggestions (or none, when hidden): liveness is decided per place by
        the ghost set, so an edit never needs this."""
        spans = self.suggestions.spans if self.suggestions is not None else ()
        self.view.set_ghosts(GhostSet(spans, self.session.has_bounds, self.rejected, shown=self.show_ghosts))

    def ghost_at(self, start: int, end: int) -> Span | None:
        """The suggestion equal to [start, end), else the innermost one under ``start``."""
        return self.view.ghostset.at(start, end)

    def _links_for(self, accepted: list) -> list[tuple[str, tuple, tuple]]:
        """attributed_to links of the suggestions, between span keys (indexed once per
        set of suggestions: accepting one must not walk them all)."""
        if self.suggestions is None:
            return []
        index = self._link_index
        if index is None or index[0] is not self.suggestions:
            by_id = {g.id: g for g in self.suggestions.spans}
            links: dict[tuple, list] = {}
            for r in self.suggestions.relations:
                link = (r.label, by_id[r.source].key, by_id[r.target].key)
                links.setdefault(link[1], []).append(link)
                links.setdefault(link[2], []).append(link)
            self._link_index = index = (self.suggestions, links)
        out: list = []
        for g in accepted:
            out.extend(link for link in index[1].get(g.key, ()) if link not in out)
        return out

    def _accept(self, ghosts: list) -> list[Span]:
        added = self.session.add_many(ghosts, self._links_for(ghosts))
        self.changed(f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}")
        return added

    def _next_ghost_after(self, after: Span) -> bool:
        nxt = self.view.ghostset.after(reading_key(after))
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
        self.view.ghostset.reject(g)
        self.view.ghost_changed(g.start, g.end)
        self.set_status(f"rejected suggested {g.label}")
        self._next_ghost_after(g)

    def action_accept_all_ghosts(self) -> None:
        g = self.ghost_at(*self.sel)
        label = g.label if g is not None else None
        lo, hi = self.view_range
        todo = [x for x in self.view.ghostset.overlapping(lo, hi) if label is None or x.label == label]
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

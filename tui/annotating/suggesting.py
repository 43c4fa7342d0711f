"""The suggestions of the open document, as the annotate controller keeps them: the ghost
set (what is live, ``tui.ghostset``), the annotator's rejections, whether they are shown,
and the links between suggestions that accepting carries over. Pure (no Textual).
"""

from __future__ import annotations

from typing import Any

from tui.editing import EditSession
from tui.ghostset import GhostSet
from tui.model import Span


class Suggesting:
    """``suggestions`` is a ``tui.suggest.Suggestions`` (spans, relations, sources,
    confidence) or None until the worker delivers it."""

    def __init__(self, session: EditSession, shown: bool = True) -> None:
        self.session = session
        self.suggestions: Any = None
        self.rejected: set[tuple] = set()
        self.shown = shown
        self._links: dict[tuple, list] | None = None
        self._dead: set[int] = set()  # id() of suggestions not live (kept by the ranges edits touch)
        self.ghosts = self._ghost_set()

    def _ghost_set(self) -> GhostSet:
        spans = self.suggestions.spans if self.suggestions is not None else ()
        s = self.session
        ghosts = GhostSet(spans, s.has_bounds, self.rejected, shown=self.shown,
                          settled=lambda g: s.has_label_over(g.start, g.end, g.label))
        self._dead = {id(g) for g in ghosts.spans if not ghosts.is_live(g)}
        return ghosts

    def set(self, suggestions: Any) -> None:
        """New suggestions for the document (the worker's)."""
        self.suggestions = suggestions
        self._links = None
        self.ghosts = self._ghost_set()
        self.links_for([])  # index the links now, not on the first accept

    def show(self, shown: bool) -> None:
        self.shown = shown
        self.ghosts = self._ghost_set()

    def at(self, start: int, end: int) -> Span | None:
        """The live suggestion a key means: the one equal to [start, end); else, unless a
        span has these bounds (the annotator is on it), the innermost one under ``start``."""
        g = self.ghosts.at(start, end)
        if g is not None and (g.start, g.end) != (start, end) and self.session.has_bounds(start, end):
            return None
        return g

    @property
    def pending(self) -> int:
        """How many suggestions are live (kept up to date by ``touched``, never a walk)."""
        return len(self.ghosts) - len(self._dead) if self.shown else 0

    def touched(self, start: int, end: int) -> None:
        """An edit changed the spans of [start, end): only the suggestions overlapping it
        can have changed liveness (bounds and label overlap are both inside it)."""
        ghosts = self.ghosts
        for g in ghosts.overlapping(start, end, live=False):
            if ghosts.is_live(g):
                self._dead.discard(id(g))
            else:
                self._dead.add(id(g))

    def reject(self, g: Span) -> None:
        self.ghosts.reject(g)
        self.touched(g.start, g.end)  # every suggestion with its key

    def source(self, ghost: Span) -> str:
        """"rules" or "model 0.83": where a suggestion comes from, for the status line."""
        s = self.suggestions
        source = getattr(s, "sources", {}).get(ghost.id, "rules")
        conf = getattr(s, "confidence", {}).get(ghost.id)
        return f"{source} {conf:.2f}" if conf is not None else source

    def links_for(self, accepted: list[Span]) -> list[tuple[str, tuple, tuple]]:
        """attributed_to links of the suggestions, between span keys (indexed once per set
        of suggestions: accepting one must not walk them all)."""
        if self.suggestions is None:
            return []
        if self._links is None:
            by_id = {g.id: g for g in self.suggestions.spans}
            links: dict[tuple, list] = {}
            for r in self.suggestions.relations:
                link = (r.label, by_id[r.source].key, by_id[r.target].key)
                links.setdefault(link[1], []).append(link)
                links.setdefault(link[2], []).append(link)
            self._links = links
        out: list = []
        for g in accepted:
            out.extend(link for link in self._links.get(g.key, ()) if link not in out)
        return out

"""The suggestions shown in the article ("ghosts"), queried per place, not per document.

A suggestion is *live* when the annotator has not rejected it, no span of the
annotation has its bounds, and no span of its label overlaps it (the annotator decided
that place for that label: an accepted suggestion resized since, a span tagged over a
nested suggestion). This is the one rule of what is live; tab, enter, the status line,
the count of pending suggestions and the drawing all ask it. Liveness is decided when a place is asked about, so a tag, an
undo or an accepted suggestion costs nothing here: there is no list to filter again.
Every query is a bisect plus the suggestions that overlap the place (a 1 MB article has
tens of thousands of suggestions; a key must not walk them). Pure: no Textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

from tui.model import Span


def reading_key(span: Span) -> tuple[int, int]:
    """Reading order: by start, the enclosing span before the ones nested in it."""
    return span.start, -span.end


def _no_cover(start: int, end: int) -> bool:
    return False


def _never(g: Span) -> bool:
    return False


class GhostSet:
    """Suggested spans in reading order, with the annotator's rejections.

    ``covered(start, end)`` says whether the annotation has a span with those bounds
    (``EditSession.has_bounds``); such a suggestion is made already and not shown.
    ``settled(g)`` says whether the annotation decided the suggestion's place otherwise
    (``EditSession.has_label_over``: a span of its label overlaps it).
    ``version`` moves when the set or the rejections change (render caches key on it).
    Hidden (``shown`` False), nothing is live, but ``overlapping(live=False)`` still
    answers (quick attributes read suggestions the annotator does not see)."""

    def __init__(self, spans: Iterable[Span] = (), covered: Callable[[int, int], bool] = _no_cover,
                 rejected: set[tuple] | None = None, *, shown: bool = True,
                 settled: Callable[[Span], bool] = _never) -> None:
        self.spans = sorted(spans, key=reading_key)
        self._keys = [reading_key(g) for g in self.spans]
        self._starts = [g.start for g in self.spans]
        self._longest = max((g.end - g.start for g in self.spans), default=0)
        self.covered = covered
        self.settled = settled
        self.rejected: set[tuple] = rejected if rejected is not None else set()
        self.shown = shown
        self.version = 0

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        """Any suggestion shown (live or not)."""
        return self.shown and bool(self.spans)

    def is_live(self, g: Span) -> bool:
        return (self.shown and g.key not in self.rejected and not self.covered(g.start, g.end)
                and not self.settled(g))

    def reject(self, g: Span) -> None:
        self.rejected.add(g.key)
        self.version += 1

    # -- queries -------------------------------------------------------------------------
    def overlapping(self, start: int, end: int, *, live: bool = True) -> list[Span]:
        """Suggestions overlapping [start, end), in reading order (only live ones unless
        ``live`` is False: quick attributes read the one the annotator just made)."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [g for g in self.spans[lo:hi] if g.end > start and (not live or self.is_live(g))]

    def at(self, start: int, end: int) -> Span | None:
        """The live suggestion equal to [start, end), else the innermost one under ``start``."""
        hits = self.overlapping(start, start + 1)
        for g in hits:
            if g.start == start and g.end == end:
                return g
        inner = [g for g in hits if g.start <= start < g.end]
        return min(inner, key=lambda g: (g.end - g.start, g.start)) if inner else None

    def after(self, key: tuple[int, int]) -> Span | None:
        """The first live suggestion after reading position ``key`` (see ``reading_key``)."""
        for i in range(bisect_right(self._keys, key), len(self.spans)):
            if self.is_live(self.spans[i]):
                return self.spans[i]
        return None

    def before(self, key: tuple[int, int]) -> Span | None:
        """The last live suggestion before reading position ``key``."""
        for i in range(bisect_left(self._keys, key) - 1, -1, -1):
            if self.is_live(self.spans[i]):
                return self.spans[i]
        return None

    def first(self) -> Span | None:
        return self.after((-1, 0))

    def last(self) -> Span | None:
        return self.before((1 << 62, 0))

    def live(self) -> Iterator[Span]:
        """Every live suggestion (a walk of the whole set: not for a keystroke)."""
        return (g for g in self.spans if self.is_live(g))

"""Search in the article, case- and quote-folded (``/``, ``n``/``N``). Pure."""

from __future__ import annotations

from bisect import bisect_left

from tui.display import fold_for_search

MAX_MATCHES = 100_000


class Search:
    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self.matches: list[tuple[int, int]] = []
        self.started_at: tuple[int, int] | None = None  # the selection when the search box opened

    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold_for_search(self.text)
        return self._folded

    def find(self, query: str) -> list[tuple[int, int]]:
        q = fold_for_search(query)
        self.matches = []
        if q:
            hay = self.folded()
            i = hay.find(q)
            while i != -1 and len(self.matches) < MAX_MATCHES:
                self.matches.append((i, i + len(q)))
                i = hay.find(q, i + 1)
        return self.matches

    def match_from(self, offset: int, delta: int) -> tuple[int, int]:
        """The first match at or after ``offset`` (``delta`` > 0), else the last before it,
        round the end."""
        starts = [m[0] for m in self.matches]
        i = bisect_left(starts, offset) - (0 if delta > 0 else 1)
        return self.matches[i % len(self.matches)]

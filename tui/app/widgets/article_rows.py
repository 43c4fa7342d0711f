"""How one row of the article is painted: the spans, suggestions, search matches, marks, the
selection and jump labels over its text, as Rich segments (``ArticleView`` caches the
strip per row and everything it shows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

PALETTE = 8  # label colours (article--label-0 .. 7)


class RowPainting:
    """``ArticleView``'s row painter (a mixin: it reads the view's text and state)."""

    if TYPE_CHECKING:
        disp: str
        label_index: dict[str, int]
        _jump: dict[int, str]
        _styles: dict[tuple, Style]

        def _spans_in(self, start: int, end: int) -> list: ...
        def _ghosts_in(self, start: int, end: int) -> list: ...
        def get_component_rich_style(self, *names: str, partial: bool = False, default: Style | None = None) -> Style: ...

    def _render_row(self, start, end, sel_part, matches, width, base: Style, marks=()) -> Strip:
        spans = self._spans_in(start, end) if start < end else []
        ghosts = self._ghosts_in(start, end) if start < end else []
        cuts = {start, end}
        for s in (*spans, *ghosts):
            cuts.add(max(s.start, start))
            cuts.add(min(s.end, end))
        for a, b in (*matches, *marks):
            cuts.update((a, b))
        if sel_part:
            cuts.update(sel_part)
        jump = self._jump
        if jump:
            for off in range(start, end):
                if off in jump:
                    cuts.update((off, off + 1))
        points = sorted(cuts)
        segments = [Segment(" ", base)]  # the left margin
        disp = self.disp
        for a, b in zip(points, points[1:]):
            if a == b:
                continue
            covering = [s for s in spans if s.start <= a and b <= s.end]
            in_match = any(ma <= a and b <= mb for ma, mb in matches)
            in_mark = any(ma <= a and b <= mb for ma, mb in marks)
            in_sel = sel_part is not None and sel_part[0] <= a and b <= sel_part[1]
            ghost = not covering and any(g.start <= a and b <= g.end for g in ghosts)
            if b - a == 1 and a in jump:
                segments.append(Segment(jump[a], base + self.get_component_rich_style("article--jump", partial=True)))
                continue
            segments.append(Segment(disp[a:b], self._style(covering, in_match, in_sel, base, ghost, in_mark)))
        if sel_part and sel_part[0] == sel_part[1]:  # an empty selection (empty document)
            segments.append(Segment(" ", self._style([], False, True, base)))
        return Strip(segments).adjust_cell_length(width + 2, base)

    def _style(self, covering, in_match, in_sel, base: Style, ghost: bool = False, in_mark: bool = False) -> Style:
        if covering:
            inner = min(covering, key=lambda s: (s.end - s.start, -s.start))
            label = self.label_index.get(inner.label, PALETTE - 1)
            outer = len(covering) > 1
            flagged = any(s.flag for s in covering)
        else:
            label, outer, flagged = None, False, False
        key = (label, outer, flagged, in_match, in_sel, ghost, in_mark)
        style = self._styles.get(key)
        if style is None:
            get = self.get_component_rich_style
            style = base
            if label is not None:
                style += get(f"article--label-{label}", partial=True)
            for on, part in ((outer, "outer"), (ghost, "ghost"), (flagged, "flagged"), (in_match, "match"),
                             (in_mark, "mark"), (in_sel, "cursor")):  # in this order: the last one wins
                if on:
                    style += get(f"article--{part}", partial=True)
            self._styles[key] = style
        return style


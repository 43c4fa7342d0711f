"""The keys-per-span benchmark's planner (``bench.keys_per_span``): the cheapest keys found
that make a selection, a Dijkstra search over selections through the app's own motions
(``tui.cursor``: token, sentence, name-or-number, line and page moves with counts, grow/shrink, the
extension keys, ``s``/``'``; from the start only: search, jump labels, tab, ``y``)."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cursor import Selection

END_OPS = ("L", "ctrl+left", "comma", "full_stop", "quotation_mark")
START_OPS = ("s", "apostrophe", "H", "ctrl+right")
MAX_COUNT = 40
ROW_KEYS = {"j": 1, "k": -1, "pagedown": 1, "pageup": -1}
MAX_COST = 30


# --------------------------------------------------------------------------- planning


def _keys_for(text: str) -> list[str]:
    from textual.keys import _character_to_key

    return [_character_to_key(ch) for ch in text]


def typed(values: list[str], goal) -> list[str]:
    """The keys that type the shortest prefix of ``goal`` an open list finds it by (its
    type-to-search: the first value starting with what is typed), or many keys if none."""
    if goal not in values:
        return ["?"] * 99
    for j in range(1, len(goal) + 1):
        p = goal[:j].lower()
        if next(v for v in values if v.lower().startswith(p)) == goal:
            return _keys_for(goal[:j])
    return ["?"] * 99


def _counted(n: int, key: str) -> list[str]:
    return ([*str(n)] if n > 1 else []) + [key]


class Planner:
    """Routes over selections, computed with the screen's own cursor (pure motions)."""

    def __init__(self, screen):
        self.screen = screen
        self.reached = 0  # of the last route's keys, how many reach (the rest set the bounds)

    def apply(self, sel, key: str, n: int):
        from tui.cursor import Selection

        cur = self.screen.ws.cursor
        if key in ("l", "h"):
            got = cur.token(sel, n if key == "l" else -n, False)
        elif key in ("right_parenthesis", "left_parenthesis"):
            got = cur.sentence(sel, n if key == "right_parenthesis" else -n, False)
        elif key in ("m", "M"):
            got = cur.mention(sel, n if key == "m" else -n)
        elif key in ("L", "H"):
            got = cur.grow(sel, "end" if key == "L" else "start", False, n)
        elif key in ("ctrl+right", "ctrl+left"):
            got = cur.shrink(sel, "start" if key == "ctrl+right" else "end", False, n)
        elif key in ("comma", "full_stop", "quotation_mark"):
            f = {"comma": cur.clause_end, "full_stop": cur.sentence_end, "quotation_mark": cur.quote_end}[key]
            got = sel
            for _ in range(n):
                got = f(got)
        elif key == "s":
            got = cur.whole_sentence(sel)
        elif key == "apostrophe":
            got = cur.whole_quote(sel)
        else:
            raise ValueError(key)
        if got is None:
            return None
        c = cur.clamp(got.start, got.end)
        return Selection(c.start, c.end)

    def starts(self, target: tuple[int, int]) -> list[tuple[int, Selection, list[str], bool]]:
        """Reach candidates from the current state: (cost, selection, keys, terminal)."""
        from tui.cursor import Selection
        from tui.jump import Jump, nearest_first, targets

        sc = self.screen
        sel = Selection(*sc.sel)
        # a digit that just answered a choice would be taken as the count of a motion: escape first
        answered = sc.ctl.prompt.answer is not None
        base = ["escape"] if answered or sc.ctl.on_span is not None else []  # grow/shrink then change the selection
        out = [(len(base), sel, base, False)]
        for key, lo, hi in (("l", 1, 120), ("h", 1, 120), ("right_parenthesis", 1, 30), ("left_parenthesis", 1, 30),
                            ("m", 1, 30), ("M", 1, 30),
                            ("j", 1, 30), ("k", 1, 30), ("pagedown", 1, 4), ("pageup", 1, 4)):
            for n in range(lo, hi + 1):
                got = self.rows(sel, key, n) if key in ROW_KEYS else self.apply(sel, key, n)
                if got is not None:
                    ks = self.count_escape(n) + _counted(n, key)
                    out.append((len(ks), got, ks, False))
        # jump labels on the words in view
        lo, hi = sc.ctl.view_range
        text = sc.ws.doc.text
        offs = [s for s in targets(sc.ws.tokens.starts, lo, hi) if text[s].isalnum()]
        if offs:
            for lab, off in Jump(nearest_first(offs, sel.start, sel.end)).by_label.items():
                u = sc.ws.cursor.unit_at(off, False)
                ks = ["w", *lab]
                out.append((len(ks), Selection(u.start, u.end), ks, False))
        # search: the shortest prefix of the target whose first match from here is the target
        got = self.search(target[0])
        if got is not None:
            out.append(got)
        # y not on a suggestion exactly: to the one under the cursor, else the next (terminal, like tab)
        under, ghosts = sc.ghost_at(*sc.sel), sc.ctl.suggesting.ghosts
        if under is None or (under.start, under.end) != sc.sel:
            nxt = under or ghosts.after((sel.start, -sel.end)) or ghosts.first()
            if nxt is not None:
                out.append((1, Selection(nxt.start, nxt.end), ["y"], True))
        # tab / shift+tab over spans and suggestions (terminal: grow there would resize)
        spans = sorted([*sc.session.spans, *sc.view.ghosts], key=lambda sp: (sp.start, -sp.end))
        for key, delta in (("tab", 1), ("shift+tab", -1)):
            k = (sel.start, -sel.end)
            for n in range(1, 6):
                if not spans:
                    break
                if delta > 0:
                    nxt = next((sp for sp in spans if (sp.start, -sp.end) > k), spans[0])
                else:
                    nxt = next((sp for sp in reversed(spans) if (sp.start, -sp.end) < k), spans[-1])
                k = (nxt.start, -nxt.end)
                out.append((n, Selection(nxt.start, nxt.end), [key] * n, True))
        return out

    def count_escape(self, n: int) -> list[str]:
        """What a count typed now needs first (``tui.annotating.prompt``). While a choice
        is asked, one digit answers it and the motion takes it back as the count (a digit it
        has no value for counts at once); two digits need it dismissed. Right after a
        digit of 2-9 answered one, a bare motion would take that digit as its count."""
        prompt = self.screen.ctl.prompt
        if n == 1:  # a bare motion: after an answer of 2-9 it would be that many
            return ["escape"] if prompt.answer is not None and prompt.answer.digit > 1 else []
        if prompt:
            return ["escape"] if n >= 10 else []  # one digit past its values is a count at once
        return []

    def rows(self, sel, key: str, n: int):
        """A line or page move, as the view computes it (``ArticleView.row_target``)."""
        view = self.screen.view
        rows = view.layout_rows
        delta = n * ROW_KEYS[key]
        if key in ("pagedown", "pageup"):
            delta *= max(1, view.scrollable_content_region.height - 1)
        off = rows.move(sel.start, delta)
        if off is None:
            if key not in ("pagedown", "pageup"):
                return None
            off = rows.offset_at(rows.row_of(sel.start) + delta, rows.column_of(sel.start))
        u = self.screen.ws.cursor.unit_at(off, False)
        return u if (u.start, u.end) != (sel.start, sel.end) else None

    def search(self, start: int):
        from tui.display import fold_for_search
        from tui.cursor import Selection

        sc = self.screen
        hay = sc.ctl.search.folded()
        text = sc.ws.doc.text
        here = sc.sel[0]
        for j in range(start + 1, min(len(text), start + 25) + 1):
            q = text[start:j]
            if not all(ch.isalnum() or ch == " " for ch in q):
                return None
            fq = fold_for_search(q)
            if not fq or len(fq) != len(q):
                return None
            hits, i = [], hay.find(fq)
            while i != -1:
                hits.append(i)
                i = hay.find(fq, i + 1)
            first = next((h for h in hits if h >= here), hits[0] if hits else None)
            if first == start:
                ks = ["slash", *_keys_for(q), "enter"]
                return (len(ks), Selection(start, start + len(fq)), ks, False)
        return None

    def route(self, target: tuple[int, int]) -> list[str] | None:
        """The cheapest keys found that make the selection ``target``."""
        tick = 0
        heap: list[tuple] = []
        for cost, sel, ks, terminal in self.starts(target):
            heapq.heappush(heap, (cost, tick, sel, ks, terminal, len(ks)))
            tick += 1
        seen = set()
        while heap:
            cost, _, sel, ks, terminal, reached = heapq.heappop(heap)
            if sel.as_tuple() == target:
                self.reached = reached
                return ks
            if cost > MAX_COST or terminal or sel.as_tuple() in seen:
                continue
            seen.add(sel.as_tuple())
            if sel.start == target[0]:
                ops: tuple[str, ...] = END_OPS  # the start is right: move the end only
            elif not ks or ks[0] in ("w", "slash", "escape") or ks[-1] in ("l", "h", "right_parenthesis", "left_parenthesis", "m", "M",
                                                                              *ROW_KEYS):
                if abs(sel.start - target[0]) > 600:
                    continue
                ops = START_OPS  # a reach candidate: fix the start
            else:
                continue
            for key in ops:
                top = 1 if key in ("s", "apostrophe") else (3 if key in ("comma", "full_stop", "quotation_mark")
                                                            else MAX_COUNT)
                for n in range(1, top + 1):
                    got = self.apply(sel, key, n)
                    if got is None or got.as_tuple() in seen:
                        continue
                    step = _counted(n, key)
                    heapq.heappush(heap, (cost + len(step), tick, got, ks + step, False, reached))
                    tick += 1
        return None

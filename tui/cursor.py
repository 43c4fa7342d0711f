"""The selection and every motion over the token index: pure, shared by both screens.

A :class:`Selection` is a half-open character range. :class:`Cursor` answers "where does
this key take the selection" for one text, over ``tui.tokens`` (the one tokenisation):
token, sentence and article moves, grow/shrink at either edge, extension to the end of
the clause, sentence or quotation, and the whole sentence or quotation. Motions by row
need the layout (``tui.layout.Rows``) and take it as an argument. Nothing here knows
about Textual; the screens call it and hand the result to the article view.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.mentions import mention
from tui.tokens import TokenIndex

CLAUSE_ENDS = frozenset(",;:—–()")
SENTENCE_ENDS = frozenset(".!?…")
OPEN_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“"}
CLOSE_QUOTES = frozenset("”\"’»“")


@dataclass(frozen=True)
class Selection:
    start: int
    end: int

    def as_tuple(self) -> tuple[int, int]:
        return self.start, self.end


class Cursor:
    """Motions over one text. Every method returns a new Selection (or None: no move)."""

    def __init__(self, tokens: TokenIndex):
        self.tokens = tokens
        self.text = tokens.text
        self.n = len(tokens.text)

    # -- basics --------------------------------------------------------------------------
    def clamp(self, start: int, end: int) -> Selection:
        """A valid selection: inside the text, never empty unless the text is."""
        start = min(max(start, 0), self.n)
        end = min(max(end, start), self.n)
        if end == start and start < self.n:
            end = start + 1
        return Selection(start, end)

    def unit_at(self, offset: int, char: bool = False) -> Selection:
        """The token (or character) at or after ``offset``."""
        if char:
            return self.clamp(offset, offset + 1)
        i = self.tokens.token_at(offset)
        return Selection(*self.tokens.tokens[i]) if i >= 0 else self.clamp(offset, offset + 1)

    def first(self) -> Selection:
        return self.doc(-1) or self.clamp(0, 0)

    def _after(self, offset: int) -> tuple[int, int] | None:
        return self.tokens.after(offset)

    def _before(self, offset: int) -> tuple[int, int] | None:
        return self.tokens.before(offset)

    # -- moves ---------------------------------------------------------------------------
    def token(self, sel: Selection, delta: int, char: bool = False) -> Selection | None:
        """``delta`` tokens (characters) on; None at the end of the text."""
        out = None
        for _ in range(abs(delta)):
            if char:
                pos = sel.start - 1 if delta < 0 else sel.end
                nxt = Selection(pos, pos + 1) if 0 <= pos < self.n else None
            else:
                tok = self._after(sel.end) if delta > 0 else self._before(sel.start)
                nxt = Selection(*tok) if tok is not None else None
            if nxt is None:
                break
            out = sel = nxt
        return out

    def sentence(self, sel: Selection, delta: int, char: bool = False) -> Selection | None:
        """The start of the next (previous) sentence; back to this one's start first."""
        sents = self.tokens.sentences
        if not sents:
            return None
        i = self.tokens.sentence_at(sel.start)
        for _ in range(abs(delta)):
            if delta > 0:
                i = min(i + 1, len(sents) - 1)
            elif sel.start <= sents[i][0]:
                i = max(i - 1, 0)
            sel = self.unit_at(sents[i][0], char)
        return sel

    def mention(self, sel: Selection, delta: int) -> Selection | None:
        """The ``delta``-th name or number on (back): a run of capitalised words or a
        number, whole (``tui.mentions``); None when there is none."""
        got = mention(self.tokens, sel.start, delta)
        return Selection(*got) if got is not None else None

    def doc(self, delta: int) -> Selection | None:
        tok = self.tokens.after(0) if delta < 0 else self.tokens.last()
        return Selection(*tok) if tok is not None else None

    def rows(self, rows, sel: Selection, delta: int, char: bool = False) -> Selection | None:
        """``delta`` rows down (up) in the same column, by the layout ``rows``
        (``tui.layout.Rows``); None when that leaves the text."""
        off = rows.move(sel.start, delta)
        return None if off is None else self.unit_at(off, char)

    # -- grow and shrink -----------------------------------------------------------------
    def grow(self, sel: Selection, side: str, char: bool = False, count: int = 1) -> Selection:
        """Grow to the edge of the token the selection cuts, else by one token (char)."""
        s, e = sel.start, sel.end
        toks = self.tokens.tokens
        for _ in range(count):
            if side == "end":
                if char:
                    e = min(e + 1, self.n)
                    continue
                i = self.tokens.token_at(max(e - 1, 0))
                if i >= 0 and toks[i][0] < e < toks[i][1]:
                    e = toks[i][1]
                elif (tok := self._after(e)) is not None:
                    e = tok[1]
            else:
                if char:
                    s = max(0, s - 1)
                    continue
                i = self.tokens.token_at(s)
                if i >= 0 and toks[i][0] < s < toks[i][1]:
                    s = toks[i][0]
                elif (tok := self._before(s)) is not None:
                    s = tok[0]
        return Selection(s, e)

    def shrink(self, sel: Selection, side: str, char: bool = False, count: int = 1) -> Selection:
        """Drop the first (``side`` "start") or last token (character); one always stays."""
        s, e = sel.start, sel.end
        for _ in range(count):
            if char:
                if e - s > 1:
                    s, e = (s + 1, e) if side == "start" else (s, e - 1)
                continue
            inside = self.tokens.tokens_in(s, e)
            if len(inside) > 1:
                toks = self.tokens.tokens
                s, e = (toks[inside[1]][0], e) if side == "start" else (s, toks[inside[-2]][1])
        return Selection(s, e)

    # -- reach: clause, sentence, quotation ----------------------------------------------
    def _sentence_bounds(self, offset: int) -> tuple[int, int]:
        sents = self.tokens.sentences
        if not sents:
            return 0, self.n
        return sents[self.tokens.sentence_at(offset)]

    def _last_word_end(self, start: int, end: int) -> int:
        """The end of the last token in [start, end) that is not closing punctuation."""
        toks = self.tokens.tokens
        idx = self.tokens.tokens_in(start, end)
        for i in reversed(idx):
            a, b = toks[i]
            if self.text[a:b] not in SENTENCE_ENDS and self.text[a:b] not in CLOSE_QUOTES:
                return b
        return end

    def sentence_end(self, sel: Selection) -> Selection:
        """Extend to the last word of the sentence (its full stop and quotes left out)."""
        a, b = self._sentence_bounds(max(sel.start, sel.end - 1))
        end = self._last_word_end(sel.end, b)
        if end <= sel.end:  # already there: on to the next sentence's end
            nxt = self.tokens.sentence_at(b) + 1
            if nxt < len(self.tokens.sentences):
                end = self._last_word_end(*self.tokens.sentences[nxt])
        return Selection(sel.start, max(end, sel.end))

    def clause_end(self, sel: Selection) -> Selection:
        """Extend to just before the next , ; : dash or bracket, or the sentence's end."""
        _, b = self._sentence_bounds(max(sel.start, sel.end - 1))
        toks = self.tokens.tokens
        idx = self.tokens.tokens_in(sel.end, b)
        last = sel.end
        for i in idx:
            a, e = toks[i]
            piece = self.text[a:e]
            if piece in CLAUSE_ENDS and last > sel.end:
                return Selection(sel.start, last)
            if piece not in CLAUSE_ENDS:
                last = e
        if last > sel.end:
            return Selection(sel.start, self._last_word_end(sel.end, b) if last == b else last)
        return self.sentence_end(sel)

    def _quote_around(self, offset: int) -> tuple[int, int] | None:
        """(open mark, close mark) offsets of the double-quoted passage holding ``offset``
        within its paragraph; None outside any. (Single quotes double as apostrophes.)"""
        text = self.text
        lo = text.rfind("\n", 0, offset) + 1
        hi = text.find("\n", offset)
        hi = self.n if hi == -1 else hi
        opened, closer = -1, ""
        for i in range(lo, hi):
            c = text[i]
            if opened < 0 and c in OPEN_QUOTES:
                opened, closer = i, OPEN_QUOTES[c]
            elif opened >= 0 and c == closer:
                if opened <= offset <= i:
                    return opened, i
                opened = -1
        return None

    def quote_end(self, sel: Selection) -> Selection:
        """Extend to the end of the quotation the selection starts in (quote marks out)."""
        q = self._quote_around(sel.start)
        if q is None or q[1] <= sel.end:
            return self.sentence_end(sel)
        return Selection(sel.start, self._last_word_end(sel.end, q[1]))

    def whole_sentence(self, sel: Selection) -> Selection:
        """The sentence holding the selection's start, without its full stop."""
        a, b = self._sentence_bounds(sel.start)
        return Selection(a, max(self._last_word_end(a, b), a + 1))

    def whole_quote(self, sel: Selection) -> Selection | None:
        """The words inside the quotation holding the selection (marks and end stop out)."""
        q = self._quote_around(sel.start)
        if q is None:
            return None
        first = self._after(q[0] + 1)
        if first is None or first[0] >= q[1]:
            return None
        return Selection(first[0], self._last_word_end(first[0], q[1]))

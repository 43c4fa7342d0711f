"""The annotate controller: everything a key does to the open document, with no Textual.

Textual's TextArea splits a document, a navigator over it and an edit history from the
widget that draws them. Here the document and its history are the edit session
(``tui.editing``: spans, ``Change``, undo), the navigator is ``tui.cursor`` over
``tui.tokens``, and this controller owns what the screen used to spread over mixins: the
selection and the span it resizes, the count prefix, the prompt (``prompt``), the jump
labels, the suggestions (``suggesting``) and the search (``search``). Each key is one
method that returns one :class:`~tui.annotating.changed.Changed`; the screen renders it
once. Keys that need the screen's layout (line and page moves) get the offset from it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from tui.annotating import edits
from tui.annotating.changed import Changed, key
from tui.annotating.habits import NONE as NO_HABITS
from tui.annotating.habits import Habits
from tui.annotating.prompt import Prompt, choices_after_tag, choices_kept, filled_by_tag, link_choice, said_choice
from tui.annotating.search import Search
from tui.annotating.suggesting import Suggesting
from tui.cursor import Selection
from tui.display import one_line
from tui.jump import Jump, nearest_first, targets
from tui.model import Span

from tui.schema import Schema
from tui.workspace import Workspace

MAX_COUNT = 999


class Annotating:
    """One open document being annotated: the state every key reads and changes."""

    def __init__(self, ws: Workspace, schema: Schema, *, suggestions_shown: bool = True,
                 habits: Habits = NO_HABITS) -> None:
        self.ws, self.schema = ws, schema
        self.session = ws.session
        self.sel: Selection = ws.first_selection()
        self.on_span: str | None = None  # grow/shrink resize this span (set by tag, tab, accept)
        self.count = 0
        self.char_mode = False
        self.message = ws.message
        self.prompt = Prompt()
        self.jumping: Jump | None = None
        self.suggesting = Suggesting(self.session, suggestions_shown)
        self.search = Search(ws.doc.text)
        self.view_range = (0, 0)  # the text range the screen shows (it tells us)
        self.habits = habits  # what the team writes (learned from the corpus): what a tag asks

    # -- reading -------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.ws.doc.text

    def current(self) -> Span | None:
        """The span a command applies to (``EditSession.current`` of the selection)."""
        return self.session.current(*self.sel.as_tuple())

    def ghost_at(self) -> Span | None:
        return self.suggesting.at(*self.sel.as_tuple())

    def resized_span(self) -> Span | None:
        """The span grow/shrink resize: the one the cursor was put on, if it still is."""
        span = self.session.get(self.on_span) if self.on_span is not None else None
        return span if span is not None and (span.start, span.end) == self.sel.as_tuple() else None

    # -- the key protocol ----------------------------------------------------------------
    def _begin_key(self, counted: bool) -> Changed:
        out = Changed()
        answer = self.prompt.take_answer()
        if answer is not None and counted and answer.digit > 1:  # "1 l" is no count: the answer stays
            if self.session.retract(answer.version):
                out = self._after_edit(f"{answer.digit} was a count: {self._left_as(answer.choice)}")
        elif answer is not None:
            self.count = 0  # the digit answered the choice; it is no count
        self.prompt.clear()
        if self.jumping is not None:
            self.jumping = None
            out |= Changed(jump=True)
        return out

    def _left_as(self, choice) -> str:
        """What an answer taken back left: the value the span had before, or nothing."""
        span = self.session.get(choice.span_id)
        kept = span.attrs.get(choice.attr) if span is not None else None
        return f"{choice.attr} stays {kept}" if kept not in (None, "") else f"{choice.attr} not set (e sets it)"

    def _after_edit(self, what: str | None) -> Changed:
        """After any change of the annotation: the suggestions it touched, the span being
        resized, the message; the screen redraws the rows, the panel, and saves."""
        touched = self.session.touched
        if touched is not None:
            self.suggesting.touched(*touched)
        if self.on_span is not None and self.resized_span() is None:
            self.on_span = None
        self.message = what or ""
        return Changed(spans=touched, edited=True)

    def say(self, message: str) -> Changed:
        self.message = message
        return Changed()

    def take_count(self) -> int:
        n, self.count = self.count or 1, 0
        return n

    # -- selection -----------------------------------------------------------------------
    def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> Changed:
        """Put the selection on [start, end) (clamped); ``on_span``: grow/shrink resize it."""
        self.sel = self.ws.cursor.clamp(start, end)
        self.on_span = on_span
        if self.prompt and not self.prompt.for_span(on_span):
            self.prompt.clear()  # moved off the span just tagged: its choice waits for the form (e)
        return Changed(selection=True, center=center)

    def select_unit_at(self, offset: int, *, center: bool = False) -> Changed:
        return self.select(*self.ws.cursor.unit_at(offset, self.char_mode).as_tuple(), center=center)

    @key(counted=True)
    def move(self, unit: str, delta: int) -> Changed:
        """Token, sentence, name-or-number and article moves (rows and pages: ``move_rows``
        with the screen's offset)."""
        cur, count = self.ws.cursor, self.take_count()
        if unit == "token":
            nxt = cur.token(self.sel, delta * count, self.char_mode)
        elif unit == "sentence":
            nxt = cur.sentence(self.sel, delta * count, self.char_mode)
        elif unit == "mention":
            nxt = cur.mention(self.sel, delta * count)
        else:
            nxt = cur.doc(delta)
        return self.select(nxt.start, nxt.end) if nxt is not None else Changed()

    @key(counted=True)
    def move_rows(self, target: Callable[[int], int | None]) -> Changed:
        """A row or page move: ``target(count)`` is the offset the screen's layout gives."""
        offset = target(self.take_count())
        return self.select_unit_at(offset) if offset is not None else Changed()

    @key()
    def click(self, offset: int) -> Changed:
        return self.select_unit_at(offset)

    @key(counted=True)
    def grow(self, side: str) -> Changed:
        """Grow to the end (start) of the token the selection cuts, else by one token; on a
        span (after tagging it or jumping to it), the span's edge moves."""
        return self._reshape(self.ws.cursor.grow, side)

    @key(counted=True)
    def shrink(self, side: str) -> Changed:
        return self._reshape(self.ws.cursor.shrink, side)

    def _reshape(self, how, side: str) -> Changed:
        new = how(self.sel, side, self.char_mode, self.take_count())
        span = self.resized_span()
        if span is None:
            return self.select(new.start, new.end)
        resized = self.session.resize(span.id, new.start, new.end)
        if resized is None or resized is span:
            return Changed()
        out = self._after_edit(f"resized {span.label} to {one_line(resized.text, 30)!r}")
        return out | self.select(resized.start, resized.end, on_span=resized.id)

    @key()
    def toggle_char_mode(self) -> Changed:
        self.char_mode = not self.char_mode
        return Changed()

    @key(counted=True)
    def extend(self, unit: str) -> Changed:
        cur, sel = self.ws.cursor, self.sel
        step = {"clause": cur.clause_end, "sentence": cur.sentence_end, "quote": cur.quote_end}[unit]
        for _ in range(self.take_count()):
            sel = step(sel)
        return self.select(sel.start, sel.end)

    @key()
    def whole(self, unit: str) -> Changed:
        self.count = 0
        cur = self.ws.cursor
        got = cur.whole_sentence(self.sel) if unit == "sentence" else cur.whole_quote(self.sel)
        if got is None:
            return self.say("not inside a quotation")
        return self.select(got.start, got.end)

    # -- counts, choices, jump labels ----------------------------------------------------
    def digit(self, n: int) -> Changed:
        """A count digit, or the answer to the choice offered (see ``tui.annotating.prompt``);
        a digit the choice has no value for, or one typed in the middle of a count, counts."""
        counting = self.count and self.prompt.answer is None
        if self.prompt and not counting and 1 <= n <= len(self.prompt.first.values):
            self.prompt.take_answer()
            self.count = 0
            return self._choose(n)
        if self.prompt.take_answer() is not None:  # a digit after an answered choice keeps it
            self.count = 0  # ... and starts a count of its own
        if n == 0 and not self.count:
            return Changed()
        self.count = min(self.count * 10 + n, MAX_COUNT)
        return Changed()

    def choose_preselected(self) -> Changed:
        """enter: the first choice's preselected value, and the speaker the same line names
        (``Prompt.chained``): a claim's status and who said it in one key."""
        link = self.prompt.chained()
        self.prompt.take_answer()  # a digit that answered the choice before is no count any more
        self.count = 0
        out = self._choose(None)
        if link is None or not self.prompt or self.prompt.first is not link:
            return out
        said = self.message
        out |= self._choose(None)
        self.message = f"{said} · {self.message}" if said else self.message
        return out

    def _choose(self, digit: int | None) -> Changed:
        """Answer the first pending choice: ``digit`` 1-9, or None for the preselected."""
        choice = self.prompt.first
        value = choice.preselected if digit is None else choice.pick(digit)
        if value is None:
            return self.say(f"{choice.attr}: pick 1-{len(choice.values)}")
        span = self.session.get(choice.span_id)
        if span is None:
            self.prompt.clear()
            return Changed()
        before = self.session.version
        new, out = edits.answer(self, choice, span, digit, value)
        if new is not None and (new.start, new.end) == self.sel.as_tuple():
            self.on_span = new.id
        # an answer that changed nothing (the value it had) leaves nothing to take back
        self.prompt.answered(choice, digit, self.session.version if self.session.version != before else -1)
        if digit is not None:
            self.count = digit  # a count if a motion follows (see tui.annotating.prompt)
        return out

    @key()
    def jump(self) -> Changed:
        """Label the words in view; typing a label selects that word."""
        self.count = 0
        toks, text = self.ws.tokens, self.text
        lo, hi = self.view_range
        toks.ensure(hi)
        offs = [s for s in targets(toks.starts, lo, hi) if text[s].isalnum()]
        if not offs:
            return self.say("nothing to jump to in view")
        self.jumping = Jump(nearest_first(offs, *self.sel.as_tuple()))
        return Changed(jump=True)

    def jump_key(self, ch: str | None) -> Changed:
        """A key while the jump labels show: a letter narrows them, anything else cancels."""
        jump = self.jumping
        assert jump is not None
        if ch is None or not ch.isalpha():
            self.jumping = None
            return Changed(jump=True)
        offset, going = jump.type(ch.lower())
        if going:
            return Changed(jump=True)
        self.jumping = None
        if offset is None:
            return Changed(jump=True) | self.say("no such label")
        return Changed(jump=True) | self.select_unit_at(offset)

    def cancel(self) -> Changed:
        """escape: drop the count, the choice, the jump and the span being resized."""
        self.count = 0
        self.prompt.take_answer()
        self.prompt.clear()
        self.on_span = None
        if self.jumping is not None:
            self.jumping = None
            return Changed(jump=True)
        return Changed()

    # -- spans in reading order ----------------------------------------------------------
    @key()  # not a counted motion: "tag, 1, tab" answers the choice and moves on
    def jump_span(self, delta: int) -> Changed:
        """Select the next (previous) span or live suggestion, in reading order, round the end."""
        nxt = None
        s, e = self.sel.as_tuple()
        for _ in range(self.take_count()):
            nxt = self._neighbour(s, e, delta)
            if nxt is None:
                break
            s, e = nxt.start, nxt.end
        if nxt is None:
            return self.say("no spans yet")
        real = self.session.get(nxt.id) is nxt
        return self.select(nxt.start, nxt.end, on_span=nxt.id if real else None)

    def _neighbour(self, s: int, e: int, delta: int) -> Span | None:
        ghosts = self.suggesting.ghosts
        nxt = _nearest(self.session.neighbour(s, e, delta),
                       ghosts.after((s, -e)) if delta > 0 else ghosts.before((s, -e)), delta)
        if nxt is None:  # round the end
            far = -1 if delta > 0 else 1 << 62
            nxt = _nearest(self.session.neighbour(far, 0, delta), ghosts.first() if delta > 0 else ghosts.last(),
                           delta)
        return nxt

    def next_untagged_sentence(self) -> Changed:
        spans = self.session.spans
        starts = [sp.start for sp in spans]
        tokens = self.ws.tokens
        sents = tokens.sentences
        i0 = tokens.sentence_at(self.sel.start) + 1
        for k in range(len(sents)):
            a, b = sents[(i0 + k) % len(sents)]
            lo = bisect_left(starts, b)
            if not any(sp.end > a for sp in spans[:lo] if sp.start < b):
                return self.select_unit_at(a, center=True)
        return self.say("every sentence has an annotation")

    @key()
    def next_unannotated(self, least_sure: bool) -> Changed:
        """space: the next sentence without a span, or (``least_sure``) the one the model doubts most."""
        if least_sure:
            annotated = [(sp.start, sp.end) for sp in self.session.spans]
            return Changed(worker=("least_sure", self.text, self.sel.end, annotated))
        return self.next_untagged_sentence()

    def least_sure(self, sentence: tuple[int, int] | None) -> Changed:
        if sentence is None:
            return self.next_untagged_sentence()
        self.message = "the sentence the model is least sure of"
        return self.select_unit_at(sentence[0], center=True)

    # -- keys that change the annotation or the suggestions (tui/annotating/edits.py) -----
    tag = edits.tag
    delete = edits.delete
    edit_attrs = edits.edit_attrs
    set_attrs = edits.set_attrs
    edit_note = edits.edit_note
    set_note = edits.set_note
    relate = edits.relate
    link = edits.link
    undo = edits.undo
    redo = edits.redo
    toggle_done = edits.toggle_done
    accept = edits.accept
    accept_next = edits.accept_next
    reject = edits.reject
    accept_all = edits.accept_all
    toggle_suggestions = edits.toggle_suggestions
    set_suggestions = edits.set_suggestions

    # -- search --------------------------------------------------------------------------
    @key()
    def search_open(self) -> Changed:
        self.search.started_at = self.sel.as_tuple()
        return Changed()

    def search_typed(self, query: str) -> Changed:
        """The query changed: matches, and the selection on the first from where it started."""
        self.search.find(query)
        out = Changed(matches=True)
        if self.search.matches:
            start = self.search.started_at or self.sel.as_tuple()
            m = self.search.match_from(start[0], 1)
            self.sel = Selection(*m)
            out |= Changed(selection=True)
        return out

    def search_done(self, query: str) -> Changed:
        if self.search.matches:
            start = self.search.started_at or (0, 0)
            return self.select(*self.search.match_from(start[0], 1), center=True)
        return self.say(f"not found: {one_line(query, 30)!r}")

    def search_cancel(self) -> Changed:
        if self.search.started_at is None:
            return Changed()
        return self.select(*self.search.started_at)

    @key()
    def next_match(self, delta: int) -> Changed:
        if not self.search.matches:
            return self.say("no search: press / to search")
        return self.select(*self.search.match_from(self.sel.start + (1 if delta > 0 else 0), delta), center=True)

    # -- attributes a tag fills in -------------------------------------------------------
    def tag_attrs(self, label: str, start: int, end: int) -> dict:
        """What tagging fills in by itself (``prompt.filled_by_tag``)."""
        ldef = self.schema.labels.get(label)
        if ldef is None:
            return {}
        s, e = self.session.trim(start, end)
        return filled_by_tag(ldef, self.text, s, e, self.habits)

    def offer_choices(self, span: Span) -> None:
        """The one-key choices after a tag or an accept, as the team writes: what the span
        lacks (``prompt.choices_after_tag``), then what the tag or the suggestion set
        (``prompt.choices_kept``: enter keeps it, a digit changes it), then its speaker."""
        ldef = self.schema.labels.get(span.label)
        if ldef is not None:
            hints = self.suggesting.ghosts.overlapping(span.start, span.end, live=False)
            offered = choices_after_tag(span, ldef, self.habits, hints, self.session.spans, self.text)
            offered += choices_kept(span, ldef, self.habits, self.session.spans, self.text)
            linked = {r.label for r in self.session.relations_of(span.id) if r.source == span.id}
            sourced = {(r.label, r.source) for r in self.session.annotation.relations}
            link = link_choice(span, self.schema, self.session.spans, linked, self.text) or \
                said_choice(span, self.schema, self.session.spans, sourced, self.text)
            self.prompt.offer([*offered, *([link] if link is not None else [])])


def _nearest(a: Span | None, b: Span | None, delta: int) -> Span | None:
    """Of a span and a suggestion, the one met first going ``delta``-wards in reading order."""
    if a is None or b is None:
        return a or b
    first = min if delta > 0 else max
    return first((a, b), key=lambda sp: (sp.start, -sp.end))

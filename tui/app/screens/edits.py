"""The annotate screen's moves and edits: every key that moves the selection or changes
the annotation. Motions are ``tui.cursor``'s; changes go through the edit session (one
undo step each) and end in :meth:`EditsMixin.changed`.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.display import one_line
from tui.model import Span
from tui.app.dialogs.attrs import AttrsDialog
from tui.app.dialogs.picker import Picker
from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.span_panel import span_summary


class EditsMixin:
    if TYPE_CHECKING:  # provided by the screen
        from tui.editing import EditSession
        from tui.schema import Schema
        from tui.workspace import Workspace
        from tui.app.widgets.article_view import ArticleView

        @property
        def ws(self) -> Workspace: ...
        @property
        def session(self) -> EditSession: ...
        schema: Schema
        view: ArticleView
        @property
        def sel(self) -> tuple[int, int]: ...
        char_mode: bool
        on_span: str | None
        suggestions: Any
        suggester: Any
        space_least_sure: bool
        app: Any

        def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None: ...
        def follow_selection(self) -> None: ...
        def set_status(self, message: str) -> None: ...
        def refresh_status(self) -> None: ...
        def refresh_panel(self) -> None: ...
        def refresh_header(self) -> None: ...
        def refresh_ghosts(self) -> None: ...
        def schedule_autosave(self, delay: float | None = None) -> None: ...
        def save_now(self, *, force: bool = False, quitting: bool = False) -> bool: ...
        def take_count(self) -> int: ...
        def after_tag(self, span: Span) -> None: ...
        def tag_attrs(self, label: str, start: int, end: int) -> dict: ...
        def _least_sure_worker(self, text: str, after: int, annotated: list) -> Any: ...
        def span_under_cursor(self) -> Span | None: ...

    # -- moving --------------------------------------------------------------------------
    def action_move(self, unit: str, delta: int) -> None:
        cur, sel, count = self.ws.cursor, self.view.selection, self.take_count()
        char = self.char_mode
        if unit == "token":
            nxt = cur.token(sel, delta * count, char)
        elif unit in ("line", "page"):
            self.view.move_rows(delta * count, lambda off: cur.unit_at(off, char), page=unit == "page")
            self.follow_selection()
            return
        elif unit == "sentence":
            nxt = cur.sentence(sel, delta * count, char)
        else:
            nxt = cur.doc(delta)
        if nxt is not None:
            self.select(nxt.start, nxt.end)

    def _target(self) -> Span | None:
        """The span grow/shrink resize: the one the cursor was put on, if it still is."""
        if self.on_span is None:
            return None
        span = self.session.get(self.on_span)
        return span if span is not None and (span.start, span.end) == self.sel else None

    def _reshape(self, how: str, side: str) -> None:
        cur, count = self.ws.cursor, self.take_count()
        sel = self.view.selection
        new = (cur.grow if how == "grow" else cur.shrink)(sel, side, self.char_mode, count)
        span = self._target()
        if span is None:
            self.select(new.start, new.end)
            return
        resized = self.session.resize(span.id, new.start, new.end)
        if resized is None or resized is span:
            return
        self.changed(f"resized {span.label} to {one_line(resized.text, 30)!r}", resized)
        self.select(resized.start, resized.end, on_span=resized.id)

    def action_grow(self, side: str) -> None:
        """Grow to the end (start) of the token the selection cuts, else by one token;
        on a span (after tagging it or jumping to it), the span's edge moves."""
        self._reshape("grow", side)

    def action_shrink(self, side: str) -> None:
        self._reshape("shrink", side)

    def action_char_mode(self) -> None:
        self.char_mode = not self.char_mode
        self.refresh_status()

    def action_jump_span(self, delta: int) -> None:
        """Select the next (previous) span or suggestion, in reading order, round the end."""
        ghosts = self.view.ghostset
        s, e = self.sel
        nxt = _nearest(self.session.neighbour(s, e, delta), ghosts.after((s, -e)) if delta > 0 else ghosts.before((s, -e)), delta)
        if nxt is None:  # round the end
            far = (-1, 0) if delta > 0 else (1 << 62, 0)
            nxt = _nearest(self.session.neighbour(far[0], -far[1], delta),
                           ghosts.first() if delta > 0 else ghosts.last(), delta)
        if nxt is None:
            self.set_status("no spans yet")
            return
        real = self.session.get(nxt.id) is nxt
        self.select(nxt.start, nxt.end, on_span=nxt.id if real else None)

    def action_next_unannotated(self) -> None:
        if self.space_least_sure and self.suggester is not None and self.suggester.model is not None:
            annotated = [(sp.start, sp.end) for sp in self.session.spans]
            self._least_sure_worker(self.session.doc.text, self.sel[1], annotated)
            return
        self.next_untagged_sentence()

    def on_least_sure(self, message) -> None:
        if message.sentence is None:
            self.next_untagged_sentence()
            return
        a, _ = message.sentence
        self.select(*self.ws.cursor.unit_at(a, self.char_mode).as_tuple(), center=True)
        self.set_status("the sentence the model is least sure of")

    def next_untagged_sentence(self) -> None:
        spans = self.session.spans
        starts = [sp.start for sp in spans]
        tokens = self.ws.tokens
        sents = tokens.sentences
        i0 = tokens.sentence_at(self.sel[0]) + 1
        for k in range(len(sents)):
            a, b = sents[(i0 + k) % len(sents)]
            lo = bisect_left(starts, b)
            if not any(sp.end > a for sp in spans[:lo] if sp.start < b):
                self.select(*self.ws.cursor.unit_at(a, self.char_mode).as_tuple(), center=True)
                return
        self.set_status("every sentence has an annotation")

    # -- editing -------------------------------------------------------------------------
    def changed(self, what: str | None, span: Span | None = None) -> None:
        """After any change to the annotation: redraw the rows it touched (suggestions
        there hide or show by themselves), update the panel, schedule a save."""
        touched = self.session.touched
        if touched is not None:
            self.view.spans_changed(*touched)
        self.refresh_panel()
        self.set_status(what or "")
        self.schedule_autosave()

    def action_tag(self, label: str) -> None:
        what, span = self.session.toggle(label, *self.sel, attrs=self.tag_attrs(label, *self.sel))
        self.changed(what, span)
        if span is not None:
            self.select(span.start, span.end, on_span=span.id)
            self.after_tag(span)
            ldef = self.schema.labels.get(label)
            if ldef is not None and ldef.description:  # the guideline, where the decision is made
                self.set_status(f"{what} · {label}: {ldef.description}" if what else f"{label}: {ldef.description}")

    def action_delete_span(self, span_id: str | None = None) -> None:
        span = self.session.get(span_id) if span_id else self.span_under_cursor()
        if span is None:
            self.set_status("no span here")
            return
        self.session.delete(span.id)
        self.changed(f"deleted {span.label} {one_line(span.text, 30)!r}")

    def action_edit_attrs(self, span_id: str | None = None) -> None:
        span = self.session.get(span_id) if span_id else self.span_under_cursor()
        if span is None:
            self.set_status("no span here: select one and tag it first")
            return
        ldef = self.schema.labels.get(span.label)
        if ldef is None or not ldef.attrs:
            self.set_status(f"{span.label} has no attributes")
            return

        def done(attrs: dict | None) -> None:
            if attrs is not None and self.session.get(span.id) is not None:
                self.session.update(span.id, attrs=attrs)
                self.changed(f"edited {span.label} attributes")

        self.app.push_screen(AttrsDialog(span, ldef), done)

    def action_edit_note(self) -> None:
        span = self.span_under_cursor()
        if span is None:
            self.set_status("no span here")
            return

        def done(note: str | None) -> None:
            if note is not None and self.session.get(span.id) is not None:
                self.session.update(span.id, note=note.strip() or None)
                self.changed("noted")

        self.app.push_screen(TextPrompt(f"Note on {span.label} {one_line(span.text, 40)!r}", span.note or ""), done)

    def action_relate(self) -> None:
        span = self.span_under_cursor()
        if span is None:
            self.set_status("no span here: select a claim or an actor")
            return
        for rdef in self.schema.relations.values():
            if span.label in rdef.from_labels:
                others, outgoing = rdef.to_labels, True
            elif span.label in rdef.to_labels:
                others, outgoing = rdef.from_labels, False
            else:
                continue
            cands = sorted((sp for sp in self.session.spans if sp.label in others and sp.id != span.id),
                           key=lambda sp: abs(sp.start - span.start))
            linked = {r.target if outgoing else r.source for r in self.session.relations_of(span.id) if r.label == rdef.name}
            items = []
            for sp in cands:
                prompt = Text("✓ " if sp.id in linked else "  ", style="bold green")
                prompt.append_text(span_summary(sp, self.session, 50))
                items.append((sp.id, prompt, sp.text))

            def done(chosen: str | None, rdef=rdef, outgoing=outgoing) -> None:
                if chosen:
                    src, dst = (span.id, chosen) if outgoing else (chosen, span.id)
                    what, _ = self.session.link(rdef.name, src, dst)
                    self.changed(what)

            verb = rdef.name.replace("_", " ") if outgoing else f"which {'/'.join(others)} is {rdef.name.replace('_', ' ')} it"
            self.app.push_screen(Picker(f"{span.label} {one_line(span.text, 40)!r}: {verb}…",
                                        items, empty=f"no {' or '.join(others)} spans yet"), done)
            return
        self.set_status(f"no relation starts or ends at a {span.label}")

    def action_undo(self) -> None:
        what = self.session.undo()
        self.changed(f"undid: {what}" if what else "nothing to undo")
        if what and what.startswith("marked"):
            self.refresh_header()

    def action_redo(self) -> None:
        what = self.session.redo()
        self.changed(f"redid: {what}" if what else "nothing to redo")
        if what and what.startswith("marked"):
            self.refresh_header()

    def action_toggle_done(self) -> None:
        done = self.session.annotation.status == "done"
        self.session.set_status("in_progress" if done else "done")
        self.changed("marked in progress" if done else "marked done")
        self.refresh_header()

    def action_save(self) -> None:
        if self.save_now(force=False) and not self.session.dirty:
            self.set_status(f"saved {self.ws.file.path}")


def _nearest(a: Span | None, b: Span | None, delta: int) -> Span | None:
    """Of a span and a suggestion, the one met first going ``delta``-wards in reading order."""
    if a is None or b is None:
        return a or b
    first = min if delta > 0 else max
    return first((a, b), key=lambda sp: (sp.start, -sp.end))

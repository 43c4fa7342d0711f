"""Editing a candidate in the review screen (``e``): the gold span it becomes, with
bounds moved by the annotator's own grow/shrink rules (``tui.cursor``), its label,
attributes and note; ``enter`` applies it as one decision, ``escape`` cancels.

Outside an edit the same keys draw what no candidate has: h/l select a token, H/L and
ctrl+←/→ grow and shrink the selection, a label key adds it to gold as the reviewer's own
span, ``r`` links the current gold span to another (a relation no one drew)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.review.adjudication import Added, Group, RelationChoice, RelationItem
from tui.cursor import Selection
from tui.display import one_line
from tui.errors import DataError
from tui.model import Span, make_span
from tui.app.dialogs.attrs import AttrsDialog
from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.candidates import differing_attrs


@dataclass
class Draft:
    """A candidate being edited (``e``): the gold span it will become."""

    group: Group
    n: int
    label: str
    start: int
    end: int
    attrs: dict = field(default_factory=dict)
    note: str | None = None


class CandidateEditMixin:
    """``e`` on a candidate: bounds (grow/shrink, the same rules as the annotator), label,
    attributes and note of the gold span it becomes; enter applies, escape cancels."""

    draft: Draft | None
    free: Selection | None  # a selection the reviewer moved away from the current item

    if TYPE_CHECKING:  # provided by the screen
        from tui.review.adjudication import Adjudication, Item
        from tui.cursor import Cursor
        from tui.schema import Schema

        @property
        def adj(self) -> Adjudication: ...
        @property
        def cursor(self) -> Cursor: ...
        @property
        def state(self) -> Any: ...
        schema: Schema
        current: Item | None
        cand: int
        message: str
        app: Any

        view: Any

        def set_status(self, message: str) -> None: ...
        def refresh_state(self, *, center: bool = False) -> None: ...
        def refresh_bindings(self) -> None: ...
        def decided(self, what: str, item: Item, *, advance: bool = True) -> None: ...
        @staticmethod
        def _from_candidate(gold_span: Span, cand: Span) -> bool: ...

    @property
    def editing(self) -> Draft:
        """The draft; the edit actions run only while there is one (the screen's check_action)."""
        assert self.draft is not None, "an edit action without a candidate being edited"
        return self.draft

    # -- actions: editing a candidate --------------------------------------------------
    def action_edit(self) -> None:
        item = self.current
        if not isinstance(item, Group):
            self.set_status("a relation has nothing to edit: 1-9 accepts a link, x rejects it"
                            if isinstance(item, (RelationChoice, RelationItem)) else
                            "your own span: x takes it back, then draw it again" if item is not None
                            else "nothing to edit")
            return
        cand = item.candidates[self.cand].span
        base = next((s for s in self.adj.chosen(item) if self._from_candidate(s, cand)), cand)
        self.draft = Draft(item, self.cand, base.label, base.start, base.end, dict(base.attrs), base.note)
        self.message = f"editing candidate {self.cand + 1}"
        self.refresh_bindings()
        self.refresh_state()
        if differing_attrs([c.span for c in item.candidates if c.span.label == base.label]):
            self.action_edit_attrs()  # versions of this label differ in attributes: start with the form

    def _draft_span(self) -> Span:
        d = self.editing
        return make_span(self.adj.doc.text, "draft", d.label, d.start, d.end, attrs=d.attrs, note=d.note)

    def action_grow(self, side: str) -> None:
        self._reshape(self.cursor.grow, side)

    def action_shrink(self, side: str) -> None:
        self._reshape(self.cursor.shrink, side)

    def _reshape(self, how, side: str) -> None:
        """Grow or shrink the candidate being edited, else the reviewer's own selection."""
        if self.draft is None:
            self._draw(how(self.free or self.view.selection, side))
            return
        d = self.draft
        d.start, d.end = how(Selection(d.start, d.end), side).as_tuple()
        self.refresh_state()

    def action_move(self, delta: int) -> None:
        """Select the next (previous) token: where a span no candidate has starts."""
        nxt = self.cursor.token(self.free or self.view.selection, delta)
        if nxt is not None:
            self._draw(nxt)

    def _draw(self, sel: Selection) -> None:
        self.free = sel
        keys = "/".join(lab.key for lab in self.schema.labels.values())
        self.message = f"{keys} adds “{one_line(self.adj.doc.text[sel.start:sel.end], 30)}” as a span no one drew"
        self.refresh_state()

    def action_tag(self, label: str) -> None:
        if self.draft is None:
            self._add(label)
            return
        d = self.draft
        allowed = self.schema.labels[label].attrs
        d.label = label
        d.attrs = {k: v for k, v in d.attrs.items() if k in allowed}
        self.message = f"label {label}"
        self.refresh_state()

    def action_edit_attrs(self) -> None:
        label = self.editing.label
        ldef = self.schema.labels.get(label)
        if ldef is None or not ldef.attrs:
            self.set_status(f"{label} has no attributes")
            return

        def done(attrs: dict | None) -> None:
            if attrs is not None and self.draft is not None:
                self.draft.attrs = attrs
                self.message = "attributes changed: enter accepts the edited span"
                self.refresh_state()

        self.app.push_screen(AttrsDialog(self._draft_span(), ldef), done)

    def action_edit_note(self) -> None:
        d = self.editing

        def done(note: str | None) -> None:
            if note is not None and self.draft is not None:
                self.draft.note = note.strip() or None
                self.refresh_state()

        self.app.push_screen(TextPrompt(f"Note on {d.label} “{one_line(self._draft_span().text, 40)}”",
                                        d.note or ""), done)

    def action_apply_edit(self) -> None:
        d = self.editing
        try:
            span = self.adj.edit(d.group, d.n, label=d.label, start=d.start, end=d.end,
                                 attrs=d.attrs, note=d.note or "")
        except DataError as e:
            self.set_status(str(e))
            return
        self.draft = None
        self.refresh_bindings()
        what = "edited" if span.edited else "accepted unchanged"
        self.decided(f"{what}: {span.label} “{one_line(span.text, 30)}”", d.group)

    def _add(self, label: str) -> None:
        """A label key outside an edit: the selection goes into gold as the reviewer's own span."""
        sel = self.free or self.view.selection
        try:
            item = self.adj.add(label, *self.state.gold_view.trim(sel.start, sel.end))
        except DataError as e:
            self.set_status(str(e))
            return
        self.decided(f"added {label} “{one_line(item.span.text, 30)}”: your own span (x takes it back)",
                     item, advance=False)

    def action_link(self) -> None:
        """``r``: link the current gold span to another one (a relation no annotator drew)."""
        from rich.text import Text

        from tui.app.dialogs.picker import Picker

        source = self._current_gold_span()
        rdefs = [r for r in self.schema.relations.values() if source and source.label in r.from_labels]
        if source is None or not rdefs:
            self.set_status("r links a gold span that can be a relation's source (a CLAIM): go to one first")
            return
        rdef = rdefs[0]
        targets = [s for s in self.adj.gold().spans if s.label in rdef.to_labels]
        items = [(s.id, Text.assemble((f"{s.label} ", "bold"), one_line(s.text, 70)), s.text) for s in targets]

        def done(target_id: str | None) -> None:
            target = next((s for s in self.adj.gold().spans if s.id == target_id), None)
            if target is None:
                return
            gold_source = next(s for s in self.adj.gold().spans if s.key == source.key)
            try:
                rc = self.adj.link(rdef.name, gold_source, target)
            except DataError as e:
                self.set_status(str(e))
                return
            self.decided(f"linked: {gold_source.label} “{one_line(gold_source.text, 30)}” "
                         f"{rdef.name.replace('_', ' ')} {target.label} “{one_line(target.text, 30)}”", rc, advance=False)

        self.app.push_screen(Picker(f"{source.label} “{one_line(source.text, 40)}” {rdef.name.replace('_', ' ')}…",
                                    items, "no span it can link to in gold yet"), done)

    def _current_gold_span(self) -> Span | None:
        item = self.current
        if isinstance(item, Added):
            return item.span
        if isinstance(item, RelationItem):  # r on a relation item: link its claim
            item = self.adj.groups[item.group]
        if isinstance(item, Group):
            chosen = self.adj.chosen(item)
            return chosen[0] if chosen else None
        return None

    def action_cancel(self) -> None:
        self.draft = None
        self.refresh_bindings()
        self.message = "edit cancelled"
        self.refresh_state()

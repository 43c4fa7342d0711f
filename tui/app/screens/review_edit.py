"""Editing a candidate in the review screen (``e``): the gold span it becomes, with
bounds moved by the annotator's own grow/shrink rules (``tui.cursor``), its label,
attributes and note; ``enter`` applies it as one decision, ``escape`` cancels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.review.adjudication import Group
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

    if TYPE_CHECKING:  # provided by the screen
        from tui.review.adjudication import Adjudication, Item
        from tui.cursor import Cursor
        from tui.schema import Schema

        @property
        def adj(self) -> Adjudication: ...
        @property
        def cursor(self) -> Cursor: ...
        schema: Schema
        current: Item | None
        cand: int
        message: str
        app: Any

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
            self.set_status("a relation has nothing to edit: 1 accepts it, x rejects it"
                            if item is not None else "nothing to edit")
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
        d = self.editing
        d.start, d.end = self.cursor.grow(Selection(d.start, d.end), side).as_tuple()
        self.refresh_state()

    def action_shrink(self, side: str) -> None:
        d = self.editing
        d.start, d.end = self.cursor.shrink(Selection(d.start, d.end), side).as_tuple()
        self.refresh_state()

    def action_tag(self, label: str) -> None:
        d = self.editing
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

    def action_cancel(self) -> None:
        self.draft = None
        self.refresh_bindings()
        self.message = "edit cancelled"
        self.refresh_state()

"""The forms a key of the annotate screen opens (``Changed.dialog``): attributes, a note,
the other end of a relation; the document picker and the help. What a form gives goes
back to the controller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen

from tui.annotating import Annotating, Changed
from tui.display import one_line
from tui.errors import MarginError
from tui.schema import Schema
from tui.app.bindings import annotate_help, help_rows
from tui.app.dialogs.attrs import AttrsDialog
from tui.app.dialogs.picker import Picker
from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.widgets.span_panel import span_summary


def open_dialog(screen: Screen, ctl: Annotating, dialog: tuple, render: Callable[[Changed], None]) -> None:
    kind, span, *rest = dialog
    app = screen.app
    if kind == "attrs":
        (ldef,) = rest

        def attrs_done(attrs: dict | None) -> None:
            if attrs is not None:
                render(ctl.set_attrs(span.id, attrs))

        app.push_screen(AttrsDialog(span, ldef), attrs_done)
    elif kind == "note":
        def note_done(note: str | None) -> None:
            if note is not None:
                render(ctl.set_note(span.id, note))

        app.push_screen(TextPrompt(f"Note on {span.label} {one_line(span.text, 40)!r}", span.note or ""), note_done)
    elif kind == "relate":
        rdef, outgoing, cands, linked = rest
        items = []
        for sp in cands:
            prompt = Text("✓ " if sp.id in linked else "  ", style="bold green")
            prompt.append_text(span_summary(sp, ctl.session, 50))
            items.append((sp.id, prompt, sp.text))
        others = rdef.to_labels if outgoing else rdef.from_labels

        def relate_done(chosen: str | None) -> None:
            if chosen:
                src, dst = (span.id, chosen) if outgoing else (chosen, span.id)
                render(ctl.link(rdef.name, src, dst))

        verb = rdef.name.replace("_", " ") if outgoing else f"which {'/'.join(others)} is {rdef.name.replace('_', ' ')} it"
        app.push_screen(Picker(f"{span.label} {one_line(span.text, 40)!r}: {verb}…", items,
                               empty=f"no {' or '.join(others)} spans yet"), relate_done)


def pick_doc(self: Any) -> None:
    """Documents, the annotator's assigned ones first (``margin assign``), with progress."""
    from tui.team.assign import picker_entries, progress
    from tui.team.sync_state import picker_news

    news, arrived = picker_news(self.corpus.root)  # what the last margin sync brought
    try:
        entries = picker_entries(self.corpus, self.annotator, self.doc_ids)
    except MarginError as e:  # a bad assignments.yaml: say so, list everything
        self.notify(one_line(str(e)), severity="warning", markup=False)
        entries = picker_entries(self.corpus, self.annotator, self.doc_ids, {})
    items = []
    for entry in entries:  # statuses: tui.team.status, one read per changed file
        doc_id = entry.doc_id
        state = entry.status.replace("_", " ") + (f", {entry.spans} spans" if entry.status != "new" else "")
        current = doc_id == self.doc_ids[self.doc_index]
        prompt = Text.assemble(("▶ " if current else "  ", "bold"), (doc_id, "bold"),
                               (" ★ yours" if entry.assigned else "", "cyan"), (f"  {state}", "dim"),
                               (f"  {arrived[doc_id]}" if doc_id in arrived else "", "bold cyan"))
        items.append((doc_id, prompt, doc_id))
    done_n, total = progress(entries)
    title = (f"Go to document · yours: {done_n} of {total} done" if total else "Go to document") + news

    def done(doc_id: str | None) -> None:
        if doc_id and self.save_now():
            self.open_document(self.doc_ids.index(doc_id))

    self.app.push_screen(Picker(title, items), done)


def help_groups(app: Any, schema: Schema) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help screen's groups: the keys (as remapped), then the team's guidelines."""
    from textual.binding import Binding

    from tui.guidelines import has_guidelines, label_lines

    keymap = getattr(app, "keymap", {}) or {}
    display = app.get_key_display
    groups = [(title, [(k, d) for k, d, _ in rows])
              for title, rows in help_rows(annotate_help(schema), keymap, lambda k: display(Binding(k, "")))]
    if has_guidelines(schema):  # the team's guidelines from margin.yaml, under the keys
        rows = []
        for label in schema.labels:
            for line in label_lines(schema, label):
                rows.append((line.text, "") if line.role == "title" else ("", line.text.strip()))
        groups.append(("Guidelines (margin.yaml)", rows))
    return groups

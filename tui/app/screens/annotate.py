"""The annotate screen: the article beside the annotation panel.

The screen owns the document state (a ``tui.workspace.Workspace``: the edit session, the
file, the cursor) and is the only place that changes the annotation. Motions come from
``tui.cursor``; the article view owns the selection and posts ``SelectionChanged``, on
which the panel and the status line follow. Saving is ``SavingScreen``'s (shared with
review); search, suggestions and the reach keys are mixins of their own modules.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from tui.corpus import Corpus
from tui.cursor import Selection
from tui.display import one_line
from tui.editing import EditSession
from tui.errors import DataError, MarginError, ValidationError
from tui.model import Annotation, Span
from tui.workspace import Workspace, doc_status, first_unfinished, open_workspace
from tui.app.bindings import annotate_bindings, annotate_help, help_rows
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.picker import Picker
from tui.app.dialogs.safe_input import SafeInput
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.span_panel import SpanPanel
from tui.app.widgets.status_line import StatusLine
from tui.app.screens.base import NARROW, ArticleScreen, building_heap
from tui.app.screens.edits import EditsMixin
from tui.app.screens.ghosts import GhostsMixin
from tui.app.screens.reach import ReachMixin
from tui.app.screens.search import SearchMixin

AUTOSAVE_DELAY = 1.0  # seconds of quiet before an automatic save (tests and benchmarks change it)
PANEL_ALL = 300  # up to this many spans the panel lists them all, beyond it those near the view
SUGGEST_AUTO_CHARS = 200_000  # longer articles get suggestions on demand (S), not on open


class AnnotateScreen(EditsMixin, ReachMixin, SearchMixin, GhostsMixin, ArticleScreen[Workspace]):
    """Annotate one document at a time; ]/[ and ctrl+f move between documents."""

    def __init__(self, corpus: Corpus, annotator: str, doc_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.schema = corpus.schema
        self.annotator = annotator
        self.doc_ids = corpus.doc_ids()
        self.doc_index = (self.doc_ids.index(doc_id) if doc_id in self.doc_ids
                          else first_unfinished(corpus, self.doc_ids, annotator))
        self.char_mode = False
        self.on_span: str | None = None  # grow/shrink resize this span (set by tag, tab, accept)
        self.matches: list[tuple[int, int]] = []
        self._before_search: tuple[int, int] | None = None
        self.message = ""
        self.view_range = (0, 0)
        self._followed: tuple | None = None  # what the panel and status line last followed
        self.rejected: set[tuple] = set()
        self.show_ghosts = True
        try:  # checked by `margin annotate` before the screen opens; a bad value means the default here
            self.space_least_sure = space_goes_to_doubt(corpus)
        except DataError:
            self.space_least_sure = False
        self.reach_init()

    # -- layout ------------------------------------------------------------------------
    def compose_panel(self) -> ComposeResult:
        self.panel = SpanPanel(id="panel")
        yield self.panel

    def compose_below(self) -> ComposeResult:
        yield SafeInput(placeholder="search (enter: select · esc: cancel)", id="search")
        yield StatusLine(id="status")

    @property
    def ws(self) -> Workspace:
        return self.opened

    @property
    def session(self) -> EditSession:
        return self.ws.session

    @property
    def file(self):
        return self.ws.file if self.is_open else None

    @property
    def sel(self) -> tuple[int, int]:
        return self.view.selection.as_tuple()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "narrow")  # before the first layout: wrap once
        self.query_one("#search").display = False
        self.open_document(self.doc_index)

    # -- documents ---------------------------------------------------------------------
    def open_document(self, index: int) -> bool:
        with building_heap(replacing=self.is_open):
            return self._open_document(index)

    def _open_document(self, index: int) -> bool:
        try:
            ws = open_workspace(self.corpus, self.doc_ids[index], self.annotator)
        except ValidationError as e:
            self.app.fail("\n".join(e.problems))
            return False
        except MarginError as e:
            self.app.fail(str(e))
            return False
        self.doc_index, self._opened = index, ws
        self.conflict = False
        self.matches = []
        self.on_span = None
        self.view.set_session(ws.session, list(self.schema.labels))
        self.message = ws.message
        self.view.select(*ws.first_selection().as_tuple())
        self.refresh_header()
        self.suggestions, self.rejected = None, set()
        self.refresh_ghosts()
        if self.show_ghosts and len(ws.doc.text) <= SUGGEST_AUTO_CHARS:
            self.call_after_refresh(self._suggest_worker, ws.doc)  # after the first frame
        elif self.show_ghosts:
            self.show_ghosts = False
            self.message = "long article: press S for suggestions"
        return True

    def refresh_header(self) -> None:
        s = self.session
        self.title = s.doc.id
        status = s.annotation.status.replace("_", " ")
        self.sub_title = f"{self.annotator} · {status} · doc {self.doc_index + 1}/{len(self.doc_ids)}"

    # -- saving (SavingScreen) ---------------------------------------------------------
    def save_source(self):
        if not self.is_open:
            return None
        version, snapshot = self.ws.session.snapshot()
        return self.ws.file, version, snapshot

    def is_dirty(self) -> bool:
        return self.is_open and self.ws.session.dirty

    def autosave_delay(self) -> float:
        return AUTOSAVE_DELAY

    def mark_saved(self, version: int) -> None:
        if self.is_open:
            self.ws.session.mark_saved(version)
            self.set_status("saved")
            self.schedule_retrain()

    def reload_from_disk(self) -> None:
        self.open_document(self.doc_index)

    # -- selection ---------------------------------------------------------------------
    def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None:
        self.on_span = on_span
        sel = self.ws.cursor.clamp(start, end) if self.is_open else Selection(start, end)
        self.view.select(sel.start, sel.end, center=center)
        self.follow_selection()

    def on_article_view_selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        self.follow_selection()

    def follow_selection(self) -> None:
        """The panel and the status line follow the view's selection and what it shows.
        Keys call this right after moving the selection, so the one frame the key causes
        shows all of it; ``SelectionChanged`` (posted by the view, handled a message hop
        later) then finds nothing new, and covers the moves the view makes by itself
        (resizing, scrolling with the mouse)."""
        if not self.is_open:
            return
        view = self.view
        state = (view.selection, view.visible_range(), self.session.version, self.on_span)
        if state == self._followed:
            return
        self._followed = state
        self.view_range = state[1]
        if self.on_span is not None:
            span = self.session.get(self.on_span)
            if span is None or (span.start, span.end) != state[0].as_tuple():
                self.on_span = None
        if self.pending and (self.on_span is None or self.pending[0].span_id != self.on_span):
            self.pending = []  # moved off the span just tagged: its choice waits for the form (e)
        self.refresh_panel()
        self.refresh_status()

    def refresh_panel(self) -> None:
        """Show the spans (near the view, for long lists) and follow the cursor."""
        session = self.session
        window = None
        if len(session.spans) > PANEL_ALL:
            lo, hi = self.view_range
            if hi <= lo:  # not laid out yet
                lo, hi = self.sel[0], self.sel[0] + 4000
            reach = hi - lo
            window = (max(0, lo - reach) // 4000 * 4000, (hi + reach) // 4000 * 4000 + 4000)
        self.panel.show(session, self.schema, window)
        span = session.current(*self.sel)
        self.panel.follow(span.id if span else None)

    def set_status(self, message: str) -> None:
        self.message = message
        self.refresh_status()

    def refresh_status(self) -> None:
        if not self.is_open:
            return
        s, e = self.sel
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {s}–{e} ", style="reverse")
        text.append(" " + one_line(self.ws.doc.text[s:e], 40) + " ")
        span = self.session.current(s, e)
        if span is not None:
            text.append(" resize " if span.id == self.on_span else " in ", style="dim")
            text.append(span.label, style="bold")
            if span.attrs:
                text.append(" " + one_line(", ".join(f"{k}={v}" for k, v in span.attrs.items()), 40), style="dim")
        elif (ghost := self.ghost_at(s, e)) is not None:
            exact = (ghost.start, ghost.end) == (s, e)
            text.append(f" suggested {ghost.label} ({self.ghost_source(ghost)}){'' if exact else ' around it'}: "
                        "enter accepts, backspace rejects", style="italic")
        text.append_text(self.reach_status())
        if self.matches:
            text.append(f"  {len(self.matches)} matches", style="dim")
        if self.conflict:
            text.append("  not saved: the file changed on disk", style="bold red")
        if self.message:
            text.append("  · " + self.message, style="italic")
        self.query_one(StatusLine).show(text)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys that cannot apply now are off (and out of the palette)."""
        if not self.is_open:
            return action in ("help", "quit_app")
        if action == "next_match":
            return True if self.matches else None
        if action in ("accept_ghost", "reject_ghost", "accept_all_ghosts"):
            return True if self.view.ghostset else None
        return True

    # -- documents, focus, help, quit ---------------------------------------------------
    def action_switch_doc(self, delta: int) -> None:
        target = self.doc_index + delta
        if not 0 <= target < len(self.doc_ids):
            self.set_status("no more documents that way")
            return
        if self.save_now():
            self.open_document(target)

    def action_pick_doc(self) -> None:
        """Documents, the annotator's assigned ones first (``margin assign``), with progress."""
        from tui.team.assign import picker_entries, progress

        try:
            entries = picker_entries(self.corpus, self.annotator, self.doc_ids)
        except MarginError as e:  # a bad assignments.yaml: say so, list everything
            self.notify(one_line(str(e)), severity="warning", markup=False)
            entries = []
        order = [e.doc_id for e in entries] or list(self.doc_ids)
        assigned = {e.doc_id for e in entries if e.assigned}
        items = []
        for doc_id in order:
            status, spans = doc_status(self.corpus, doc_id, self.annotator)
            state = status.replace("_", " ") + (f", {spans} spans" if status != "new" else "")
            current = doc_id == self.doc_ids[self.doc_index]
            prompt = Text.assemble(("▶ " if current else "  ", "bold"), (doc_id, "bold"),
                                   (" ★ yours" if doc_id in assigned else "", "cyan"), (f"  {state}", "dim"))
            items.append((doc_id, prompt, doc_id))
        done_n, total = progress(entries)
        title = f"Go to document · yours: {done_n} of {total} done" if total else "Go to document"

        def done(doc_id: str | None) -> None:
            if doc_id and self.save_now():
                self.open_document(self.doc_ids.index(doc_id))

        self.app.push_screen(Picker(title, items), done)

    def action_switch_focus(self) -> None:
        if self.view.has_focus:
            self.panel.focus()
        else:
            self.view.focus()

    def action_toggle_panel(self) -> None:
        """On a small screen: the panel in place of the article, and back."""
        self.toggle_class("panel-only")
        if self.has_class("panel-only"):
            self.panel.focus()
        else:
            self.view.focus()

    def on_span_panel_span_chosen(self, message: SpanPanel.SpanChosen) -> None:
        span = self.session.get(message.span_id)
        if span is not None:
            self.remove_class("panel-only")
            self.view.focus()
            self.select(span.start, span.end, center=True, on_span=span.id)

    def on_span_panel_command(self, message: SpanPanel.Command) -> None:
        if message.action == "delete":
            self.action_delete_span(message.span_id)
        elif message.action == "edit":
            self.action_edit_attrs(message.span_id)

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        self.view.focus()
        self.select(*self.ws.cursor.unit_at(message.offset, self.char_mode).as_tuple())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        keymap = getattr(self.app, "keymap", {}) or {}
        display = self.app.get_key_display
        from textual.binding import Binding

        groups = [(title, [(k, d) for k, d, _ in rows])
                  for title, rows in help_rows(annotate_help(self.schema), keymap, lambda k: display(Binding(k, "")))]
        from tui.guidelines import has_guidelines, label_lines

        if has_guidelines(self.schema):  # the team's guidelines from margin.yaml, under the keys
            rows = []
            for label in self.schema.labels:
                for line in label_lines(self.schema, label):
                    rows.append((line.text, "") if line.role == "title" else ("", line.text.strip()))
            groups.append(("Guidelines (margin.yaml)", rows))
        return groups

    def action_cancel(self) -> None:
        """escape: close the search, else drop the pending count, picker or jump."""
        if not self.cancel_search():
            self.reach_cancel()

    def snapshot_annotation(self) -> Annotation:
        return self.session.snapshot()[1]

    def span_under_cursor(self) -> Span | None:
        return self.session.current(*self.sel)


def space_goes_to_doubt(corpus: Corpus) -> bool:
    """``suggest: {space: least-sure}`` in margin.yaml: space goes to the sentence the
    corpus's model is least sure of (else, and without a model, the next untagged one)."""
    from tui.corpus import load_settings

    section = load_settings(corpus.root).get("suggest")
    value = section.get("space", "next-untagged") if isinstance(section, dict) else "next-untagged"
    if value not in ("next-untagged", "least-sure"):
        raise DataError(f"{corpus.root / 'margin.yaml'}: suggest.space must be next-untagged or least-sure, got {value!r}")
    return value == "least-sure"


def annotate_screen(corpus: Corpus, annotator: str, doc_id: str | None) -> AnnotateScreen:
    """An AnnotateScreen whose key table includes the corpus schema's label keys."""
    cls = type("AnnotateScreen", (AnnotateScreen,), {"BINDINGS": annotate_bindings(corpus.schema)})
    return cls(corpus, annotator, doc_id)

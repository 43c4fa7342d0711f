"""The annotate screen: the article beside the annotation panel.

Everything a key does to the open document is the controller's (``tui.annotating``: no
Textual): the screen maps each key to one controller method and renders the ``Changed``
it returns once (:meth:`AnnotateScreen.render_change`): the view's selection and rows,
the panel, the status line, the header, a save. Saving is ``SavingScreen``'s (shared
with review); the background work (suggestions, retraining) is ``annotate_work``'s, the
forms ``annotate_dialogs``', the status line ``annotate_status``'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Input

from tui.annotating import Annotating, Changed
from tui.annotating.habits import NONE as NO_HABITS
from tui.corpus import Corpus
from tui.display import one_line
from tui.editing import EditSession
from tui.errors import DataError, MarginError, ValidationError
from tui.model import Span
from tui.team.status import first_unfinished
from tui.workspace import Workspace, open_workspace
from tui.app.bindings import annotate_bindings, annotate_help, help_rows
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.picker import Picker
from tui.app.dialogs.safe_input import SafeInput
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.span_panel import SpanPanel
from tui.app.widgets.status_line import StatusLine
from tui.app.screens.annotate_dialogs import help_groups, open_dialog, pick_doc
from tui.app.screens.annotate_status import prompt_text, status_text
from tui.app.screens.annotate_work import LeastSure, Suggested, SuggestWork, space_goes_to_doubt
from tui.app.screens.base import NARROW, ArticleScreen, building_heap, settle_heap

AUTOSAVE_DELAY = 1.0  # seconds of quiet before an automatic save (tests and benchmarks change it)
PANEL_ALL = 300  # up to this many spans the panel lists them all, beyond it those near the view
SUGGEST_AUTO_CHARS = 200_000  # longer articles get suggestions on demand (S), not on open


class AnnotateScreen(ArticleScreen[Annotating]):
    """Annotate one document at a time; ]/[ and ctrl+f move between documents."""

    def __init__(self, corpus: Corpus, annotator: str, doc_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.schema = corpus.schema
        self.annotator = annotator
        self.doc_ids = corpus.doc_ids()
        self.doc_index = (self.doc_ids.index(doc_id) if doc_id in self.doc_ids
                          else first_unfinished(corpus, self.doc_ids, annotator))
        self.work = SuggestWork(self, corpus)
        self.show_ghosts = True  # suggestions shown in the next document opened
        self.conflict = False
        self._followed: tuple | None = None  # what the panel last showed (session, version, window)
        try:  # checked by `margin annotate` before the screen opens; a bad value means the default here
            self.space_least_sure = space_goes_to_doubt(corpus)
        except DataError:
            self.space_least_sure = False

    # -- layout ------------------------------------------------------------------------
    def compose_panel(self) -> ComposeResult:
        self.panel = SpanPanel(id="panel")
        yield self.panel

    def compose_below(self) -> ComposeResult:
        yield SafeInput(placeholder="search (enter: select · esc: cancel)", id="search")
        yield StatusLine(id="status")

    # -- what is open (the controller; the rest are views of it for tests and benches) ----
    @property
    def ctl(self) -> Annotating:
        return self.opened

    @property
    def ws(self) -> Workspace:
        return self.ctl.ws

    @property
    def session(self) -> EditSession:
        return self.ctl.session

    @property
    def sel(self) -> tuple[int, int]:
        return self.ctl.sel.as_tuple()

    def ghost_at(self, start: int, end: int) -> Span | None:
        return self.ctl.suggesting.at(start, end)

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
        except MarginError as e:  # a ValidationError names every problem
            cast(Any, self.app).fail("\n".join(e.problems) if isinstance(e, ValidationError) else str(e))
            return False
        if self.show_ghosts and len(ws.doc.text) > SUGGEST_AUTO_CHARS:
            self.show_ghosts = False
            ws.message = "long article: press S for suggestions"
        ctl = Annotating(ws, self.schema, suggestions_shown=self.show_ghosts, habits=self.work.habits or NO_HABITS)
        self.doc_index, self._opened = index, ctl
        self.conflict = False
        self._followed = None
        self.view.set_session(ws.session, list(self.schema.labels))
        self.view.set_ghosts(ctl.suggesting.ghosts)
        self.refresh_header()
        self.render_change(Changed(selection=True, matches=True))
        if self.show_ghosts:
            self.call_after_refresh(self.work.suggest, ws.doc)  # after the first frame
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
        version, snapshot = self.session.snapshot()
        return self.ws.file, version, snapshot

    def is_dirty(self) -> bool:
        return self.is_open and self.session.dirty

    def autosave_delay(self) -> float:
        return AUTOSAVE_DELAY

    def mark_saved(self, version: int) -> None:
        if self.is_open:
            self.session.mark_saved(version)
            self.render_change(self.ctl.say("saved"))
            self.work.schedule_retrain()

    def reload_from_disk(self) -> None:
        self.open_document(self.doc_index)

    # -- rendering: one pass per key -----------------------------------------------------
    def render_change(self, ch: Changed) -> None:
        """Show what a key changed: each widget at most once, all in the key's one frame."""
        if not self.is_open:
            return
        ctl, view = self.ctl, self.view
        if ch.spans is not None:
            view.spans_changed(*ch.spans)
        if ch.ghosts is not None:
            view.ghost_changed(*ch.ghosts)
        if ch.ghost_set:
            view.set_ghosts(ctl.suggesting.ghosts)
        if ch.jump:
            view.set_jump_labels(ctl.jumping.shown() if ctl.jumping is not None else {})
        if ch.matches:
            view.set_matches(ctl.search.matches)
        if ch.selection:
            view.select(*ctl.sel.as_tuple(), center=ch.center)
            ctl.view_range = view.visible_range()
        if ch.header:
            self.refresh_header()
        if ch.edited or ch.selection:
            self.refresh_panel()
        self.refresh_status()
        if ch.edited:
            self.schedule_autosave()
        if ch.dialog is not None:
            open_dialog(self, ctl, ch.dialog, self.render_change)
        if ch.worker is not None:  # ("suggest",) or ("least_sure", text, after, annotated)
            job, *args = ch.worker
            self.work.suggest(self.ws.doc) if job == "suggest" else self.work.least_sure(*args)

    def on_article_view_selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        """The view scrolled or was resized (its selection is the controller's): a long
        panel lists the spans near what is in view."""
        if not self.is_open:
            return
        self.ctl.view_range = message.visible
        if len(self.session.spans) > PANEL_ALL:
            self.refresh_panel()

    def refresh_panel(self) -> None:
        """Show the spans (near the view, for long lists) when they or the window changed;
        follow the cursor."""
        session = self.session
        window = None
        if len(session.spans) > PANEL_ALL:
            lo, hi = self.ctl.view_range
            if hi <= lo:  # not laid out yet
                lo, hi = self.sel[0], self.sel[0] + 4000
            reach = hi - lo
            window = (max(0, lo - reach) // 4000 * 4000, (hi + reach) // 4000 * 4000 + 4000)
        shown = (id(session), session.version, window)
        if shown != self._followed:
            self._followed = shown
            self.panel.show(session, self.schema, window)
        span = self.ctl.current()
        self.panel.follow(span.id if span else None)

    def refresh_status(self) -> None:
        if self.is_open:
            self.query_one(StatusLine).show(status_text(self.ctl, self.conflict))
            bar = self.query_one(KeyBar)
            bar.show_prompt(prompt_text(self.ctl, bar.size.width - 1))

    def set_status(self, message: str) -> None:
        if self.is_open:
            self.render_change(self.ctl.say(message))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys that cannot apply now are off (and out of the palette)."""
        if not self.is_open:
            return action in ("help", "quit_app")
        if action == "next_match":
            return True if self.ctl.search.matches else None
        if action in ("accept_ghost", "accept_next_ghost", "reject_ghost", "accept_all_ghosts"):
            return True if self.ctl.suggesting.ghosts else None
        return True

    # -- keys: each one controller method, rendered once --------------------------------
    def action_move(self, unit: str, delta: int) -> None:
        if unit in ("line", "page"):
            page = unit == "page"
            self.render_change(self.ctl.move_rows(lambda n: self.view.row_target(self.ctl.sel, delta * n, page=page)))
        else:
            self.render_change(self.ctl.move(unit, delta))

    def action_jump(self) -> None:
        self.ctl.view_range = self.view.visible_range()
        self.render_change(self.ctl.jump())

    def action_next_unannotated(self) -> None:
        least_sure = self.space_least_sure and self.work.has_model()
        self.render_change(self.ctl.next_unannotated(least_sure))

    def on_least_sure(self, message: LeastSure) -> None:
        if self.is_open:
            self.render_change(self.ctl.least_sure(message.sentence))

    def action_save(self) -> None:
        if self.save_now(force=False) and not self.session.dirty:
            self.set_status(f"saved {self.ws.file.path}")

    def action_accept_all_ghosts(self) -> None:
        self.ctl.view_range = self.view.visible_range()
        self.render_change(self.ctl.accept_all())

    def action_suggest(self) -> None:
        ch = self.ctl.toggle_suggestions()
        self.show_ghosts = self.ctl.suggesting.shown
        self.render_change(ch)

    def on_suggested(self, message: Suggested) -> None:
        if self.is_open and message.doc_id == self.session.doc.id:
            self.ctl.habits = message.habits
            self.render_change(self.ctl.set_suggestions(message.suggestions))
            settle_heap()

    def on_key(self, event: events.Key) -> None:
        """Keys the jump labels or a preselected choice take before the key table."""
        if not self.is_open:
            return
        ctl = self.ctl
        if ctl.jumping is not None:
            event.stop()
            event.prevent_default()
            ch = None if event.key == "escape" else event.character
            self.render_change(ctl.jump_key(ch))
        elif ctl.prompt and event.key == "enter" and ctl.prompt.first.preselected is not None:
            event.stop()
            event.prevent_default()
            self.render_change(ctl.choose_preselected())

    # -- search ------------------------------------------------------------------------
    def action_search(self) -> None:
        self.render_change(self.ctl.search_open())
        box = self.query_one("#search", Input)
        box.display = True
        self.set_focus(box)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search" and self.is_open:
            self.render_change(self.ctl.search_typed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and self.is_open:
            self._close_search()
            self.render_change(self.ctl.search_done(event.value))

    def _close_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.set_focus(self.view)

    def action_cancel(self) -> None:
        """escape: close the search (back where it started), else drop the pending count,
        choice or jump."""
        if self.query_one("#search").display:
            self._close_search()
            self.render_change(self.ctl.search_cancel())
        else:
            self.render_change(self.ctl.cancel())

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
        pick_doc(self)

    def action_switch_focus(self) -> None:
        if self.view.has_focus:
            self.set_focus(self.panel)
        else:
            self.set_focus(self.view)

    def action_toggle_panel(self) -> None:
        """On a small screen: the panel in place of the article, and back."""
        self.toggle_class("panel-only")
        if self.has_class("panel-only"):
            self.set_focus(self.panel)
        else:
            self.set_focus(self.view)

    def on_span_panel_span_chosen(self, message: SpanPanel.SpanChosen) -> None:
        span = self.session.get(message.span_id)
        if span is not None:
            self.remove_class("panel-only")
            self.set_focus(self.view)
            self.select(span.start, span.end, center=True, on_span=span.id)

    def select(self, start: int, end: int, *, center: bool = False, on_span: str | None = None) -> None:
        """Select [start, end) (tests, the panel, the mouse)."""
        self.render_change(self.ctl.select(start, end, center=center, on_span=on_span))

    def on_span_panel_command(self, message: SpanPanel.Command) -> None:
        if message.action == "delete":
            self.render_change(self.ctl.delete(message.span_id))
        elif message.action == "edit":
            self.render_change(self.ctl.edit_attrs(message.span_id))

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        self.set_focus(self.view)
        if self.is_open:
            self.render_change(self.ctl.click(message.offset))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return help_groups(self.app, self.schema)


FORWARDED = {  # action -> the controller method it is (the key's arguments pass through)
    "grow": "grow", "shrink": "shrink", "char_mode": "toggle_char_mode", "extend": "extend", "whole": "whole",
    "digit": "digit", "jump_span": "jump_span", "tag": "tag", "delete_span": "delete", "edit_attrs": "edit_attrs",
    "edit_note": "edit_note", "relate": "relate", "undo": "undo", "redo": "redo", "toggle_done": "toggle_done",
    "accept_ghost": "accept", "accept_next_ghost": "accept_next", "reject_ghost": "reject",
    "next_match": "next_match",
}


def _forward(method: str) -> Callable[..., None]:
    def action(self: AnnotateScreen, *args: Any) -> None:
        self.render_change(getattr(self.ctl, method)(*args))

    action.__name__ = action.__qualname__ = f"action_{method}"
    action.__doc__ = getattr(Annotating, method).__doc__
    return action


for _action, _method in FORWARDED.items():
    setattr(AnnotateScreen, f"action_{_action}", _forward(_method))


def annotate_screen(corpus: Corpus, annotator: str, doc_id: str | None) -> AnnotateScreen:
    """An AnnotateScreen whose key table includes the corpus schema's label keys."""
    cls = type("AnnotateScreen", (AnnotateScreen,), {"BINDINGS": annotate_bindings(corpus.schema)})
    return cls(corpus, annotator, doc_id)

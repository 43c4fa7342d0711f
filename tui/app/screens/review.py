"""The review screen: settle several annotators' versions of one document into gold.

The screen drives an :class:`~tui.review.adjudication.Adjudication` (the core owns every rule);
each decision is one ``Change`` of the gold draft's EditSession (undo is the session's, with the
decisions before and after), saved at once. The article shows the gold draft in label colours,
the open disagreements marked like search matches and the highlighted candidate selected; the
panel lists the current item's candidates with who proposed them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from tui.review.adjudication import OPEN, Added, Adjudication, Group, Item, RelationChoice, RelationItem
from tui.corpus import GOLD, Corpus
from tui.cursor import Cursor, Selection
from tui.display import one_line, safe_text
from tui.editing import Change, EditSession
from tui.errors import DataError, MarginError, ValidationError
from tui.model import Annotation, Span
from tui.store import AnnotationFile
from tui.tokens import token_index
from tui.workspace import Review, open_review
from tui.app.bindings import help_rows, review_bindings, review_help
from tui.app.dialogs.help import HelpScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.candidates import CandidateList, differing_words, link_words, panel_texts, relation_words
from tui.app.screens.base import ArticleScreen
from tui.app.screens.review_edit import CandidateEditMixin, Draft

__all__ = ["Review", "ReviewScreen", "open_review", "review_screen"]


#: actions that only work while editing a candidate, and those that only work outside it
EDIT_ACTIONS = {"edit_attrs", "edit_note", "apply_edit", "cancel"}
DECIDE_ACTIONS = {"go", "accept", "highlight", "accept_highlighted", "reject", "edit", "reopen",
                  "undo", "redo", "mark_done", "move", "link"}  # grow, shrink, tag: both (review_edit)


# --------------------------------------------------------------------------- the screen


@dataclass
class Loaded:
    """What ``ReviewScreen.load`` opens: the adjudication, where its gold goes, the token
    cursor over the text (grow/shrink while editing) and the gold draft the article shows."""

    adj: Adjudication
    file: AnnotationFile
    cursor: Cursor
    gold_view: EditSession


class ReviewScreen(CandidateEditMixin, ArticleScreen[Loaded]):
    """Adjudicate one document: n/N between open items, 1-9 accept, x reject, e edit."""

    #: what the key bar keeps at 80 columns: the decisions and undo (N, redo and save go first)
    KEY_BAR_KEEP = frozenset({"help", "quit", "next-disagreement", "accept-1", "reject", "edit-candidate",
                              "undo", "mark-done", "apply-edit", "edit-attrs", "edit-note", "cancel"})

    def __init__(self, corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                 auto_accept: bool | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.schema = corpus.schema
        self.doc_id = doc_id
        self.wanted = annotators
        self.auto_accept = auto_accept
        self.current: Item | None = None
        self.cand = 0  # highlighted candidate of the current item
        self.draft: Draft | None = None
        self.free: Selection | None = None  # moved off the item to draw a span no one drew
        self.message = ""

    # -- layout ------------------------------------------------------------------------
    def compose_panel(self) -> ComposeResult:
        with Vertical(id="panel"):
            yield Static(id="item-title")
            yield Static(id="item-gold")  # above the candidates: the state and keys stay in sight
            self.candidates = CandidateList(id="candidates")
            yield self.candidates
            yield Static(id="progress")

    def compose_below(self) -> ComposeResult:
        yield Static(id="status")

    @property
    def state(self) -> Loaded:
        return self.opened

    @property
    def adj(self) -> Adjudication:
        return self.state.adj

    @property
    def cursor(self) -> Cursor:
        return self.state.cursor

    def on_mount(self) -> None:
        if self.load():
            self.goto(self.adj.next(open_only=True) or self.adj.next(), center=True)

    def load(self) -> bool:
        try:
            review = open_review(self.corpus, self.doc_id, self.wanted, self.auto_accept)
        except ValidationError as e:
            self.app.fail("\n".join(e.problems))
            return False
        except MarginError as e:
            self.app.fail(str(e))
            return False
        doc = review.adj.doc
        # the gold as opened: version 0, clean (no gold.yaml until the first decision, ctrl+s or d)
        self._opened = Loaded(review.adj, review.file, Cursor(token_index(doc.text)),
                             EditSession(doc, review.adj.gold()))
        self.conflict = False
        self.kept = review.adj.decisions()  # what the gold draft's last change left (undo's base)
        self.draft = None
        self.refresh_bindings()
        self.view.set_session(self.state.gold_view, list(self.schema.labels))
        self.message = review.message
        return True

    # -- showing the state -------------------------------------------------------------
    def goto(self, item: Item | None, *, center: bool = True) -> None:
        """Make ``item`` current, highlighting the candidate gold took from it (else the first)."""
        self.current = item
        self.cand = 0
        self.free = None
        if isinstance(item, Group):
            chosen = self.adj.chosen(item)
            for i, c in enumerate(item.candidates):
                if any(self._from_candidate(s, c.span) for s in chosen):
                    self.cand = i
                    break
        self.refresh_state(center=center)

    def refresh_state(self, *, center: bool = False) -> None:
        """Redraw everything from the adjudication: article layer, panel, header, status."""
        adj, gold = self.adj, self.state.gold_view.annotation
        open_places = [(g.start, g.end) for g in adj.groups if adj.state(g) == OPEN]
        if open_places != self.view.matches:
            self.view.set_matches(open_places)
        self.view.set_marks(differing_words(adj, self.current))
        self._fill_panel(gold)
        self.title = adj.doc.id
        self.sub_title = f"review: {', '.join(adj.annotators)} → gold · {adj.open_count()} open"
        self._select(center=center)
        self.refresh_status()

    def _select(self, *, center: bool) -> None:
        if self.draft is not None or self.free is not None:
            sel = self.free or Selection(self.draft.start, self.draft.end)  # type: ignore[union-attr]
            self.view.select(sel.start, sel.end)
            return
        item = self.current
        if isinstance(item, Added):
            self.view.select(item.span.start, item.span.end, center=center)
        elif isinstance(item, Group):
            span = item.candidates[self.cand].span
            self.view.select(span.start, span.end, center=center)
        elif isinstance(item, (RelationItem, RelationChoice)):
            self.view.select(item.source.start, item.source.end, center=center)

    @staticmethod
    def _from_candidate(gold_span: Span, cand: Span) -> bool:
        return gold_span.origin == cand.origin and (gold_span.edited or gold_span.key == cand.key)

    def _fill_panel(self, gold: Annotation) -> None:
        title, options, decided, progress = panel_texts(self.adj, self.current, gold, self._draft_span() if self.draft else None,
                                                        self.draft.n if self.draft else 0, self.schema)
        box = self.candidates
        box.set_options(options)
        if options:
            box.highlighted = min(self.cand, len(options) - 1)
        self.set_class(self.draft is not None, "editing")  # narrow: the draft in place of the list
        self._show("#item-title", title)
        self._show("#item-gold", decided)
        self._show("#progress", progress)

    def _show(self, selector: str, text: Text) -> None:
        """Update a Static only when its text changed (each update costs a layout)."""
        widget = self.query_one(selector, Static)
        if widget.content != text:
            widget.update(text)

    def set_status(self, message: str) -> None:
        self.message = message
        self.refresh_status()

    def refresh_status(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" EDIT " if self.draft else " REVIEW ", style="reverse")
        if self.conflict:
            text.append("  not saved: gold.yaml changed on disk (ctrl+s decides)", style="bold red")
        elif self.is_dirty():
            text.append("  unsaved", style="dim")
        if self.message:
            text.append("  · " + self.message, style="italic")
        self._show("#status", safe_text(text))  # a message may quote a span or a file

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a candidate highlights it (accepting stays on the keys)."""
        if event.option_list is self.candidates and self.draft is None:
            self.cand = event.option_index
            self._select(center=False)

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """A click on an item's place in the article makes it current."""
        if self.draft is not None:
            return
        hit = next((it for it in self.adj.to_review()
                    if isinstance(it, Group) and it.start <= message.offset < it.end), None)
        if hit is not None:
            self.goto(hit, center=False)

    # -- modes ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_open:  # not loaded (the app is stopping with an error)
            return action in ("help", "quit_app")
        if action in EDIT_ACTIONS:
            return self.draft is not None
        if action in DECIDE_ACTIONS:
            return self.draft is None
        return True

    # -- saving (SavingScreen): decisions are saved in a worker, right after each one ----
    def save_source(self) -> tuple[AnnotationFile, int, Annotation] | None:
        if not self.is_open:
            return None
        return (self.state.file, *self.state.gold_view.snapshot())  # the gold draft's one version path

    def is_dirty(self) -> bool:
        return self.state.gold_view.dirty

    def mark_saved(self, version: int) -> None:
        self.state.gold_view.mark_saved(version)
        self.refresh_status()

    def reload_from_disk(self) -> None:
        if self.load():
            self.goto(self.adj.next(open_only=True) or self.adj.next())

    def decided(self, what: str, item: Item, *, advance: bool = True) -> None:
        """After a decision: one change of the gold draft (undoable, with the decisions
        before and after), saved in a worker; then the next open item (or stay)."""
        gold_view, after = self.state.gold_view, self.adj.decisions()
        gold = self.adj.gold(updated=gold_view.annotation.updated)
        gold_view.record(Change.between(what, gold_view.annotation, gold, ((self.kept, item), (after, item))))
        self.kept = after
        self.view.spans_changed()
        self.schedule_autosave(0)
        nxt = self.adj.next(item, open_only=True) if advance else None
        self.message = what + (" · nothing open: the gold is done" if advance and nxt is None else "")
        self.goto(nxt or self._fresh(item), center=nxt is not None)

    def _fresh(self, item: Item) -> Item | None:
        """``item`` as the adjudication has it now (an own link may have gone with its end)."""
        if not isinstance(item, RelationChoice):
            return item
        return next((r for r in self.adj.relations() if r.key == item.key), None) or self.adj.next(item)

    def _stepped(self, what: str | None, verb: str) -> None:
        """After an undo or redo of the gold draft: the decisions it left, and their item."""
        if what is None:
            self.set_status(f"nothing to {verb}")
            return
        self.kept, item = self.state.gold_view.extra
        self.adj.restore(self.kept)
        self.view.spans_changed()
        self.schedule_autosave(0)
        self.message = f"{verb}ne: {what}"
        self.goto(self._fresh(item), center=True)

    # -- actions: deciding -------------------------------------------------------------
    def action_go(self, delta: int, open_only: bool = True) -> None:
        """The next (previous) open item; when none is open, or with ``open_only`` off, any item."""
        adj, backward = self.adj, delta < 0
        nxt = adj.next(self.current, backward=backward, open_only=True) if open_only else None
        self.message = ""
        if nxt is None:
            if open_only and self.current is not None and adj.state(self.current) == OPEN:
                self.set_status("this is the only open item")
                return
            nxt = adj.next(self.current, backward=backward)
            if open_only:
                self.message = "nothing open: going through the decided items" if nxt else "nothing to review"
        if nxt is not None:
            self.goto(nxt)
        else:
            self.refresh_status()

    def action_highlight(self, delta: int) -> None:
        if self.candidates.option_count:
            self.cand = (self.cand + delta) % self.candidates.option_count
            self.candidates.highlighted = self.cand
            self._select(center=False)

    def action_accept(self, n: int, add: bool = False) -> None:
        item = self.current
        if item is None:
            self.set_status("nothing to accept")
            return
        try:
            if isinstance(item, Added):
                raise DataError("your own span is in gold already (x takes it back)")
            if isinstance(item, RelationChoice):
                if n != 0:
                    raise DataError("your own link has one version: 1 keeps it")
                self.adj.accept(item)
                what = f"accepted: {relation_words(item)}"
            elif isinstance(item, RelationItem):
                self.adj.accept(item, n, add=add)
                what = f"{'added' if add else 'accepted'} {n + 1}: {link_words(item, n)}"
            else:
                self.adj.accept(item, n, add=add)
                cand = item.candidates[n]
                what = (f"{'added' if add else 'accepted'} {n + 1}: {cand.span.label} "
                        f"“{one_line(cand.span.text, 30)}” from {', '.join(cand.annotators)}")
        except DataError as e:
            self.set_status(str(e))
            return
        self.decided(what, item)

    def action_accept_highlighted(self, add: bool = False) -> None:
        self.action_accept(self.cand, add)

    def action_reject(self) -> None:
        item = self.current
        if item is None:
            self.set_status("nothing to reject")
            return
        self.adj.reject(item)
        self.decided("rejected: nothing of it goes into gold", item)

    def action_reject_why(self) -> None:
        """Reject with a reason, kept in the gold (margin/2) so the team sees why."""
        item = self.current
        if item is None:
            self.set_status("nothing to reject")
            return
        from tui.app.dialogs.text_prompt import TextPrompt

        def done(reason: str | None) -> None:
            if reason is None:
                return
            self.adj.reject(item, reason.strip() or None)
            self.decided(f"rejected ({one_line(reason, 40)})" if reason.strip() else "rejected", item)

        self.app.push_screen(TextPrompt("Why reject it? (kept with the gold)", self.adj.reason(item) or ""), done)

    def action_reopen(self) -> None:
        item = self.current
        if item is None or self.adj.state(item) == OPEN:
            self.set_status("already open")
            return
        self.adj.reopen(item)
        self.decided("reopened", item, advance=False)

    def action_undo(self) -> None:
        self._stepped(self.state.gold_view.undo(), "undo")

    def action_redo(self) -> None:
        self._stepped(self.state.gold_view.redo(), "redo")

    def action_page(self, delta: int) -> None:
        (self.view.scroll_page_down if delta > 0 else self.view.scroll_page_up)(animate=False)

    # -- file, help, quit ----------------------------------------------------------------
    def action_save(self) -> None:
        self.state.gold_view.touch()  # ctrl+s always writes (a new gold too)
        if self.save_now(force=False):
            self.set_status(f"saved {self.state.file.path}")

    def action_mark_done(self) -> None:
        n = self.adj.open_count()
        if n:
            nxt = self.adj.next(self.current, open_only=True)
            self.message = f"{n} item(s) still open: settle them first"
            self.goto(nxt or self.current)
            return
        self.state.gold_view.touch()  # status follows the open items: nothing open writes "done"
        if self.save_now():
            self.set_status(f"gold is done: saved {self.state.file.path}")

    def action_help(self) -> None:
        keymap = getattr(self.app, "keymap", {}) or {}
        from textual.binding import Binding

        rows = help_rows(review_help(self.schema), keymap, lambda k: self.app.get_key_display(Binding(k, "")))
        self.app.push_screen(HelpScreen([(title, [(k, d) for k, d, _ in r]) for title, r in rows]))


def review_screen(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                  auto_accept: bool | None = None) -> ReviewScreen:
    """A ReviewScreen whose key table includes the corpus schema's label keys (to relabel)."""
    cls = type("ReviewScreen", (ReviewScreen,), {"BINDINGS": review_bindings(corpus.schema)})
    return cls(corpus, doc_id, annotators, auto_accept)

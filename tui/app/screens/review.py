"""The review screen: settle several annotators' versions of one document into gold.

The screen drives an :class:`~tui.adjudicate.Adjudication` (the core owns every rule) and
saves its gold after each decision. The article shows the gold draft in label colours,
the open disagreements marked like search matches, and the highlighted candidate selected;
the panel lists the current item's candidates with who proposed them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ... import store
from ...adjudicate import (ACCEPTED, EDITED, OPEN, REJECTED, Adjudication, Group, Item, RelationChoice,
                           bound_diffs)
from ...corpus import GOLD, Corpus
from ...display import one_line
from ...editing import AnnotationFile, EditSession
from ...errors import ConflictError, DataError, MarginError, ValidationError
from ...model import Annotation, Span, make_span
from ...schema import Schema
from ...tokens import TokenIndex, token_index
from ..bindings import DOCS, EDIT, MOVE, label_bindings
from ..dialogs.attrs import AttrsDialog
from ..dialogs.confirm import Choice
from ..dialogs.help import HelpScreen
from ..dialogs.text_prompt import TextPrompt
from ..widgets.article_view import ArticleView
from ..widgets.candidate_marks import mark_bounds

NARROW = 100  # below this width the panel moves under the article
QUOTE = 240  # characters of a quote or a note shown in the panel (longer ones end in …)
SHORT = 80  # characters of a relation's endpoints or an attribute value


def _pick(bindings: list[Binding], *ids: str) -> list[Binding]:
    by_id = {b.id: b for b in bindings}
    return [by_id[i] for i in ids]


DECIDE = [
    Binding("n", "go(1)", "Next open", id="next-disagreement"),
    Binding("N", "go(-1)", "Prev open", id="prev-disagreement"),
    Binding("tab", "go(1, False)", "Next item (decided ones too)", show=False, id="next-item", priority=True),
    Binding("shift+tab", "go(-1, False)", "Previous item (decided ones too)", show=False, id="prev-item",
            priority=True),
    Binding("1", "accept(0)", "Accept", key_display="1-9", id="accept-1",
            tooltip="Accept candidate N (1-9): gold gets it and nothing else from here"),
    *(Binding(str(i), f"accept({i - 1})", f"Accept candidate {i}", show=False, id=f"accept-{i}")
      for i in range(2, 10)),
    Binding("j,down", "highlight(1)", "Next candidate", show=False, id="next-candidate"),
    Binding("k,up", "highlight(-1)", "Previous candidate", show=False, id="prev-candidate"),
    Binding("enter", "accept_highlighted", "Accept the highlighted candidate", show=False, id="accept-highlighted"),
    Binding("plus", "accept_highlighted(True)", "Add the highlighted candidate (keep what gold has)",
            show=False, id="add-candidate"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("e", "edit", "Edit", id="edit-candidate"),
    Binding("o", "reopen", "Reopen (undecided again)", show=False, id="reopen"),
    *_pick(EDIT, "undo", "redo"),
    Binding("pagedown", "page(1)", "Scroll the article down", show=False, id="page-down"),
    Binding("pageup", "page(-1)", "Scroll the article up", show=False, id="page-up"),
]

EDITING = [
    *_pick(MOVE, "grow-end", "grow-start", "shrink-start", "shrink-end"),
    Binding("e", "edit_attrs", "Attrs", id="edit-attrs"),
    Binding("semicolon", "edit_note", "Note", id="edit-note"),
    Binding("enter", "apply_edit", "Accept edited", id="apply-edit"),
    Binding("escape", "cancel_edit", "Cancel", id="cancel-edit"),
]

FILES = [
    Binding("d", "mark_done", "Done", id="mark-done"),
    *_pick(DOCS, "save", "help", "quit"),
]

#: actions that only work while editing a candidate, and those that only work outside it
EDIT_ACTIONS = {"grow", "shrink", "tag", "edit_attrs", "edit_note", "apply_edit", "cancel_edit"}
DECIDE_ACTIONS = {"go", "accept", "highlight", "accept_highlighted", "reject", "edit", "reopen",
                  "undo", "redo", "mark_done"}

STATE_STYLE = {OPEN: "bold yellow", ACCEPTED: "bold green", EDITED: "bold cyan", REJECTED: "bold red"}


def review_bindings(schema: Schema) -> list[Binding]:
    return [*DECIDE, *label_bindings(schema), *EDITING, *FILES]


def help_table(schema: Schema) -> list[tuple[str, list[Binding]]]:
    more = {f"accept-{i}" for i in range(2, 10)}  # 1-9 is one row
    decide = [b for b in DECIDE if b.id not in more]
    return [("Decide", decide), ("Edit a candidate (after e)", [*EDITING, *label_bindings(schema)]),
            ("File", FILES)]


# --------------------------------------------------------------------------- loading


@dataclass
class Review:
    """What the screen works on: the adjudication, where its gold goes, and what loading noticed."""

    adj: Adjudication
    file: AnnotationFile
    message: str = ""


def open_review(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                auto_accept: bool | None = None) -> Review:
    """Load ``annotators``' files (default: everyone but gold) and the gold to resume.

    ``auto_accept`` defaults to on with two or more annotators, off with one (reviewing a
    colleague's file line by line). Raises DataError / ValidationError.
    """
    schema = corpus.schema
    doc = corpus.document(doc_id)
    names = annotators or [n for n in corpus.annotators(doc_id) if n != GOLD]
    if not names:
        raise DataError(f"{corpus.annotations_dir / doc_id}: nobody has annotated {doc_id!r} yet")
    anns, moved = {}, 0
    for name in names:
        path = corpus.annotation_path(doc_id, name)
        if not path.is_file():
            raise DataError(f"{path}: no such file ({name} has not annotated {doc_id!r})")
        loaded = store.load(path, schema, doc)
        anns[name] = loaded.annotation
        moved += loaded.moved
    gold_path = corpus.annotation_path(doc_id, GOLD)
    saved = store.load_or_new(gold_path, schema, doc, GOLD)
    auto = len(names) > 1 if auto_accept is None else auto_accept
    adj = Adjudication(doc, anns, None if saved.fingerprint is None else saved.annotation,
                       auto_accept=auto, schema=schema)
    message = f"re-anchored {moved} span(s) of the annotators' files" if moved else ""
    return Review(adj, AnnotationFile(gold_path, saved.fingerprint), message)


# --------------------------------------------------------------------------- selection


def grow(tokens: TokenIndex, start: int, end: int, side: str) -> tuple[int, int]:
    """Grow to the end (start) of the token the bounds cut, else by one token (as the annotator)."""
    toks = tokens.tokens
    if not toks:
        return start, end
    if side == "end":
        i = tokens.token_at(max(end - 1, 0))
        if toks[i][0] < end < toks[i][1]:
            return start, toks[i][1]
        j = bisect_left(tokens.starts, end)
        return (start, toks[j][1]) if j < len(toks) else (start, end)
    i = tokens.token_at(start)
    if toks[i][0] < start < toks[i][1]:
        return toks[i][0], end
    j = bisect_right(tokens.ends, start) - 1
    return (toks[j][0], end) if j >= 0 else (start, end)


def shrink(tokens: TokenIndex, start: int, end: int, side: str) -> tuple[int, int]:
    """Drop the first (side ``start``) or last token; a single token stays."""
    inside = [tokens.tokens[i] for i in tokens.tokens_in(start, end)]
    if len(inside) < 2:
        return start, end
    return (inside[1][0], end) if side == "start" else (start, inside[-2][1])


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


# --------------------------------------------------------------------------- panel text


def _attrs_lines(attrs: dict, differs: set[str]) -> Text:
    """One ``name: value`` line per attribute; values the candidates disagree on stand out."""
    text = Text()
    for k, v in attrs.items():
        text.append(f"\n   {k}: ", style="dim")
        shown = f"{v:,}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        text.append(one_line(shown, SHORT), style="bold yellow" if k in differs else "")
    return text


def span_lines(span: Span, differs: set[str] = frozenset()) -> Text:
    """The quote, attributes, note and anchor flag of a span, as plain Text (never markup)."""
    text = Text()
    text.append("   “" + one_line(span.text, QUOTE) + "”")
    text.append_text(_attrs_lines(span.attrs, differs))
    if span.note:
        text.append("\n   ✎ " + one_line(span.note, QUOTE), style="italic")
    if span.flag:
        text.append(f"\n   ⚑ {span.flag}: the article changed since; check the bounds", style="bold red")
    return text


def candidate_text(i: int, span: Span, annotators, in_gold: bool, differs: set[str]) -> Text:
    head = Text(no_wrap=False)
    head.append(f" {i} ", style="reverse bold")
    head.append(" " + span.label, style="bold")
    head.append(f" {span.start}–{span.end}  ", style="dim")
    head.append(", ".join(annotators), style="italic")
    if in_gold:
        head.append("  ✓ gold", style="bold green")
    head.append("\n")
    head.append_text(span_lines(span, differs))
    return head


def relation_text(rc: RelationChoice, in_gold: bool) -> Text:
    text = Text()
    text.append(" 1 ", style="reverse bold")
    text.append(" " + rc.label.replace("_", " "), style="bold")
    text.append("  " + (", ".join(rc.annotators) or "kept from the saved gold"), style="italic")
    if in_gold:
        text.append("  ✓ gold", style="bold green")
    text.append(f"\n   {rc.source.label} “{one_line(rc.source.text, SHORT)}”")
    text.append(f"\n   → {rc.target.label} “{one_line(rc.target.text, SHORT)}”")
    return text


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _differing_attrs(spans) -> set[str]:
    """Attributes whose value (or absence) is not the same in all ``spans``."""
    keys = {k for s in spans for k in s.attrs}
    return {k for k in keys if any(s.attrs.get(k) != spans[0].attrs.get(k) for s in spans)}


class CandidateList(OptionList, can_focus=False):
    """The candidates of the current item; the screen moves the highlight (j/k)."""


# --------------------------------------------------------------------------- the screen


class ReviewScreen(Screen):
    """Adjudicate one document: n/N between open items, 1-9 accept, x reject, e edit."""

    AUTO_FOCUS = "ArticleView"

    def __init__(self, corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                 auto_accept: bool | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.schema = corpus.schema
        self.doc_id = doc_id
        self.wanted = annotators
        self.auto_accept = auto_accept
        self.adj: Adjudication | None = None
        self.file: AnnotationFile | None = None
        self.gold_view: EditSession | None = None  # the gold draft, as the article shows it
        self.current: Item | None = None
        self.cand = 0  # highlighted candidate of the current item
        self.draft: Draft | None = None
        self.dirty = False
        self.conflict = False
        self.message = ""

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            with Vertical(id="panel"):
                yield Static(id="item-title")
                yield CandidateList(id="candidates")
                yield Static(id="item-gold")
                yield Static(id="progress")
        yield Static(id="status")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def candidates(self) -> CandidateList:
        return self.query_one(CandidateList)

    def on_mount(self) -> None:
        if self.load():
            self.goto(self.adj.next(open_only=True) or self.adj.next(), center=True)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def load(self) -> bool:
        try:
            review = open_review(self.corpus, self.doc_id, self.wanted, self.auto_accept)
        except ValidationError as e:
            self.app.fail("\n".join(e.problems))
            return False
        except MarginError as e:
            self.app.fail(str(e))
            return False
        self.adj, self.file = review.adj, review.file
        self.dirty = False  # no gold.yaml until the first decision (or ctrl+s, or d)
        self.conflict = False
        self.draft = None
        self.refresh_bindings()
        doc = self.adj.doc
        self.tokens = token_index(doc.text)
        self.gold_view = EditSession(doc, Annotation.new(doc, GOLD))
        self.view.set_session(self.gold_view, list(self.schema.labels))
        self.message = review.message
        return True

    # -- showing the state -------------------------------------------------------------
    def goto(self, item: Item | None, *, center: bool = True) -> None:
        """Make ``item`` current, highlighting the candidate gold took from it (else the first)."""
        self.current = item
        self.cand = 0
        if isinstance(item, Group):
            chosen = self.adj.chosen(item)
            for i, c in enumerate(item.candidates):
                if any(self._from_candidate(s, c.span) for s in chosen):
                    self.cand = i
                    break
        self.refresh_state(center=center)

    def refresh_state(self, *, center: bool = False) -> None:
        """Redraw everything from the adjudication: article layer, panel, header, status."""
        adj = self.adj
        gold = adj.gold()
        if gold.spans != self.gold_view.annotation.spans:
            self.gold_view.annotation = gold
            self.gold_view.version += 1  # the article's row cache keys on it
            self.view.spans_changed()
        open_places = [(g.start, g.end) for g in adj.groups if adj.state(g) == OPEN]
        if open_places != self.view.matches:
            self.view.set_matches(open_places)
        self._fill_panel(gold)
        self.title = adj.doc.id
        self.sub_title = f"review: {', '.join(adj.annotators)} → gold · {adj.open_count()} open"
        self._select(center=center)
        self.refresh_status()

    def _select(self, *, center: bool) -> None:
        if self.draft is not None:
            self.view.select(self.draft.start, self.draft.end)
            return
        item = self.current
        if isinstance(item, Group):
            span = item.candidates[self.cand].span
            self.view.select(span.start, span.end, center=center)
        elif isinstance(item, RelationChoice):
            self.view.select(item.source.start, item.source.end, center=center)

    @staticmethod
    def _from_candidate(gold_span: Span, cand: Span) -> bool:
        return gold_span.origin == cand.origin and (gold_span.edited or gold_span.key == cand.key)

    def _fill_panel(self, gold: Annotation) -> None:
        adj, item = self.adj, self.current
        title = Text()
        options: list[Option] = []
        decided = Text()
        if item is None:
            title.append("Nothing to review", style="bold")
            decided.append("The annotators agree on every span (or have none).\n"
                           "d marks the gold done and saves it · q quits")
        else:
            items = adj.to_review()
            orders = [it.order for it in items]
            pos = orders.index(item.order) + 1 if item.order in orders else 0
            kind = "Relation" if isinstance(item, RelationChoice) else "Span" if item.unanimous else "Disagreement"
            state = adj.state(item)
            title.append(f"{kind} {pos} of {len(items)}", style="bold")
            title.append(" · ")
            title.append(state, style=STATE_STYLE[state])
            if isinstance(item, RelationChoice):
                options.append(Option(relation_text(item, state == ACCEPTED), id="c0"))
                decided = self._decision_text(item, (), state)
            else:
                chosen = adj.chosen(item)
                spans = [c.span for c in item.candidates]
                differs = _differing_attrs(spans)
                bounds = bound_diffs(adj.doc.text, spans)
                for i, c in enumerate(item.candidates):
                    if i:
                        options.append(None)  # a separator line
                    in_gold = any(s.key == c.span.key and s.attrs == c.span.attrs and s.origin == c.annotators
                                  and not s.edited for s in chosen)
                    options.append(Option(mark_bounds(candidate_text(i + 1, c.span, c.annotators, in_gold, differs),
                                                      c.span, bounds[i], adj.doc.text), id=f"c{i}"))
                decided = self._decision_text(item, chosen, state)
        box = self.candidates
        box.set_options(options)
        if options:
            box.highlighted = min(self.cand, len(options) - 1)
        self._show("#item-title", title)
        self._show("#item-gold", decided)
        progress = Text()
        progress.append(f"{adj.open_count()} of {len(adj.to_review())} open", style="bold")
        progress.append(f" · gold: {_count(len(gold.spans), 'span')}, {_count(len(gold.relations), 'relation')}",
                        style="dim")
        self._show("#progress", progress)

    def _show(self, selector: str, text: Text) -> None:
        """Update a Static only when its text changed (each update costs a layout)."""
        widget = self.query_one(selector, Static)
        if widget.content != text:
            widget.update(text)

    def _decision_text(self, item: Item, chosen, state: str) -> Text:
        text = Text()
        d = self.draft
        if d is not None:
            text.append(f"Editing candidate {d.n + 1}:", style="bold cyan")
            text.append(f" {d.label} {d.start}–{d.end}\n", style="bold")
            text.append_text(span_lines(make_span(self.adj.doc.text, "draft", d.label, d.start, d.end,
                                                  attrs=d.attrs, note=d.note)))
            keys = "/".join(lab.key for lab in self.schema.labels.values())
            text.append(f"\nH/L grow · ctrl+←/→ shrink · {keys} label · e attrs · ; note\n"
                        "enter accepts it · esc cancels", style="dim")
            return text
        if state == OPEN:
            text.append("Undecided: ", style="bold yellow")
            text.append("1 accepts · x rejects" if isinstance(item, RelationChoice)
                        else "1-9 accepts · x rejects · e edits", style="dim")
        elif state == REJECTED:
            text.append("Rejected: nothing of it goes into gold", style="bold red")
        elif isinstance(item, RelationChoice):
            text.append("In gold", style=STATE_STYLE[state])
        else:
            text.append("In gold:", style=STATE_STYLE[state])
            for s in chosen:
                text.append(f"\n {s.label} {s.start}–{s.end}  ", style="bold")
                text.append("from " + ", ".join(s.origin), style="italic")
                if s.edited:
                    text.append("  edited\n", style="bold cyan")
                    text.append_text(span_lines(s))
        return text

    def set_status(self, message: str) -> None:
        self.message = message
        self.refresh_status()

    def refresh_status(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" EDIT " if self.draft else " REVIEW ", style="reverse")
        if self.conflict:
            text.append("  not saved: gold.yaml changed on disk (ctrl+s decides)", style="bold red")
        elif self.dirty:
            text.append("  unsaved", style="dim")
        if self.message:
            text.append("  · " + self.message, style="italic")
        self._show("#status", text)

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
        if self.adj is None:  # not loaded (the app is stopping with an error)
            return action in ("help", "quit_app")
        if action in EDIT_ACTIONS:
            return self.draft is not None
        if action in DECIDE_ACTIONS:
            return self.draft is None
        return True

    # -- saving --------------------------------------------------------------------------
    def save_now(self, *, force: bool = False) -> bool:
        """Write the gold (atomically; a gold changed on disk is never clobbered unless ``force``)."""
        if self.adj is None or (not self.dirty and not force):
            return True
        try:
            self.file.save(self.adj.gold(), force=force)
        except ConflictError as e:
            self.on_conflict(str(e))
            return False
        except OSError as e:
            self.notify(f"could not save {self.file.path}: {e.strerror}", severity="error", timeout=10, markup=False)
            return False
        self.dirty = False
        self.conflict = False
        return True

    def on_conflict(self, error: str) -> None:
        self.conflict = True
        self.refresh_status()

        def answer(choice: str) -> None:
            if choice == "overwrite":
                if self.save_now(force=True):
                    self.set_status("saved over the file on disk")
            elif choice == "reload":
                if self.load():
                    self.goto(self.adj.next(open_only=True) or self.adj.next())
                    self.notify("reloaded the gold from disk")
            else:
                self.notify("not saved: your decisions stay here; ctrl+s asks again", severity="warning")

        self.app.push_screen(Choice("The gold file changed on disk", error, [
            ("o", "overwrite", "overwrite it with the gold you see here"),
            ("r", "reload", "reload it from disk (your unsaved decisions here are dropped)"),
            ("escape", "cancel", "keep reviewing without saving"),
        ]), answer)

    def decided(self, what: str, item: Item, *, advance: bool = True) -> None:
        """After a decision: autosave, then go to the next open item (or stay)."""
        self.dirty = True
        if not self.conflict:
            self.save_now()
        nxt = self.adj.next(item, open_only=True) if advance else None
        if advance and nxt is None:
            what += " · nothing open: the gold is done"
        self.message = what
        self.goto(nxt or self._fresh(item), center=nxt is not None)

    def _fresh(self, item: Item) -> Item | None:
        """``item`` as the adjudication has it now (a relation may have gone with its endpoint)."""
        if isinstance(item, Group):
            return item
        return next((r for r in self.adj.relations() if r.key == item.key), None) or self.adj.next(item)

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
            if isinstance(item, RelationChoice):
                if n != 0:
                    raise DataError("a relation has one version: 1 accepts it")
                self.adj.accept(item)
                what = f"accepted {item.label.replace('_', ' ')}"
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

    def action_reopen(self) -> None:
        item = self.current
        if item is None or self.adj.state(item) == OPEN:
            self.set_status("already open")
            return
        self.adj.reopen(item)
        self.decided("reopened", item, advance=False)

    def action_undo(self) -> None:
        item = self.adj.undo()
        if item is None:
            self.set_status("nothing to undo")
            return
        self.decided("undone", item, advance=False)

    def action_redo(self) -> None:
        item = self.adj.redo()
        if item is None:
            self.set_status("nothing to redo")
            return
        self.decided("redone", item, advance=False)

    def action_page(self, delta: int) -> None:
        if delta > 0:
            self.view.scroll_page_down(animate=False)
        else:
            self.view.scroll_page_up(animate=False)

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
        if _differing_attrs([c.span for c in item.candidates if c.span.label == base.label]):
            self.action_edit_attrs()  # versions of this label differ in attributes: start with the form

    def _draft_span(self) -> Span:
        d = self.draft
        return make_span(self.adj.doc.text, "draft", d.label, d.start, d.end, attrs=d.attrs, note=d.note)

    def action_grow(self, side: str) -> None:
        d = self.draft
        d.start, d.end = grow(self.tokens, d.start, d.end, side)
        self.refresh_state()

    def action_shrink(self, side: str) -> None:
        d = self.draft
        d.start, d.end = shrink(self.tokens, d.start, d.end, side)
        self.refresh_state()

    def action_tag(self, label: str) -> None:
        d = self.draft
        allowed = self.schema.labels[label].attrs
        d.label = label
        d.attrs = {k: v for k, v in d.attrs.items() if k in allowed}
        self.message = f"label {label}"
        self.refresh_state()

    def action_edit_attrs(self) -> None:
        ldef = self.schema.labels.get(self.draft.label)
        if ldef is None or not ldef.attrs:
            self.set_status(f"{self.draft.label} has no attributes")
            return

        def done(attrs: dict | None) -> None:
            if attrs is not None and self.draft is not None:
                self.draft.attrs = attrs
                self.message = "attributes changed: enter accepts the edited span"
                self.refresh_state()

        self.app.push_screen(AttrsDialog(self._draft_span(), ldef), done)

    def action_edit_note(self) -> None:
        d = self.draft

        def done(note: str | None) -> None:
            if note is not None and self.draft is not None:
                self.draft.note = note.strip() or None
                self.refresh_state()

        self.app.push_screen(TextPrompt(f"Note on {d.label} “{one_line(self._draft_span().text, 40)}”",
                                        d.note or ""), done)

    def action_apply_edit(self) -> None:
        d = self.draft
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

    def action_cancel_edit(self) -> None:
        self.draft = None
        self.refresh_bindings()
        self.message = "edit cancelled"
        self.refresh_state()

    # -- file, help, quit ----------------------------------------------------------------
    def action_save(self) -> None:
        self.dirty = True  # ctrl+s always writes (a new gold too)
        if self.save_now(force=False):
            self.set_status(f"saved {self.file.path}")

    def action_mark_done(self) -> None:
        n = self.adj.open_count()
        if n:
            nxt = self.adj.next(self.current, open_only=True)
            self.message = f"{n} item(s) still open: settle them first"
            self.goto(nxt or self.current)
            return
        self.dirty = True  # status follows the open items: nothing open writes "done"
        if self.save_now():
            self.set_status(f"gold is done: saved {self.file.path}")

    def action_help(self) -> None:
        keymap = getattr(self.app, "keymap", {}) or {}
        groups = []
        for title, bindings in help_table(self.schema):
            rows = []
            for b in bindings:
                keys = keymap.get(b.id, b.key) if b.id else b.key
                shown = b.key_display or ", ".join(self.app.get_key_display(Binding(k, "")) for k in keys.split(","))
                rows.append((shown, b.tooltip if b.id == "accept-1" else b.description))
            groups.append((title, rows))
        self.app.push_screen(HelpScreen(groups))

    def action_quit_app(self) -> None:
        if self.save_now():
            self.app.exit()


def review_screen(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                  auto_accept: bool | None = None) -> ReviewScreen:
    """A ReviewScreen whose key table includes the corpus schema's label keys (to relabel)."""
    cls = type("ReviewScreen", (ReviewScreen,), {"BINDINGS": review_bindings(corpus.schema)})
    return cls(corpus, doc_id, annotators, auto_accept)

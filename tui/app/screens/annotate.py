"""The annotate screen: the article beside the annotation panel.

The screen owns the state (the edit session, the selection, the search) and is the only
place that changes the annotation; widgets are told what changed, and post messages up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input

from ... import store
from ...corpus import Corpus
from ...display import fold_for_search, one_line
from ...editing import AnnotationFile, EditSession
from ...errors import ConflictError, MarginError, ValidationError
from ...tokens import token_index
from ..bindings import GROUPS, annotate_bindings, label_bindings
from ..dialogs.attrs import AttrsDialog
from ..dialogs.confirm import Choice
from ..dialogs.help import HelpScreen
from ..dialogs.picker import Picker
from ..dialogs.text_prompt import TextPrompt
from ..widgets.article_view import ArticleView
from ..widgets.span_panel import SpanPanel, span_summary
from ..widgets.status_line import StatusLine

AUTOSAVE_DELAY = 1.0  # seconds of quiet before an automatic save
PANEL_ALL = 300  # up to this many spans the panel lists them all, beyond it those near the view
SUGGEST_AUTO_CHARS = 200_000  # longer articles get suggestions on demand (S), not on open
NARROW = 100  # below this width the panel moves under the article


class Saved(Message):
    def __init__(self, error: str | None = None, conflict: bool = False) -> None:
        super().__init__()
        self.error = error
        self.conflict = conflict


class Suggested(Message):
    """Suggestions for ``doc_id`` are ready (computed in a worker)."""

    def __init__(self, doc_id: str, suggestions) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.suggestions = suggestions


class AnnotateScreen(Screen):
    """Annotate one document at a time; ]/[ and ctrl+f move between documents."""

    AUTO_FOCUS = "ArticleView"

    def __init__(self, corpus: Corpus, annotator: str, doc_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.schema = corpus.schema
        self.annotator = annotator
        self.doc_ids = corpus.doc_ids()
        self.doc_index = self.doc_ids.index(doc_id) if doc_id in self.doc_ids else self._first_unfinished()
        self.session: EditSession | None = None
        self.file: AnnotationFile | None = None
        self.sel = (0, 0)
        self.char_mode = False
        self.matches: list[tuple[int, int]] = []
        self._before_search: tuple[int, int] | None = None
        self._save_timer: Timer | None = None
        self.conflict = False
        self.message = ""
        self._panel_key = None
        self.suggestions = None  # tui.suggest.Suggestions for the open document
        self.rejected: set[tuple] = set()  # keys of suggestions rejected in this session
        self.show_ghosts = True

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield SpanPanel(id="panel")
        yield Input(placeholder="search (enter: select · esc: cancel)", id="search")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SpanPanel:
        return self.query_one(SpanPanel)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "narrow")  # before the first layout: wrap once
        self.query_one("#search").display = False
        self.open_document(self.doc_index)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def _first_unfinished(self) -> int:
        for i, doc_id in enumerate(self.doc_ids):
            path = self.corpus.annotation_path(doc_id, self.annotator)
            if not path.exists() or "status: done" not in path.read_text(encoding="utf-8", errors="replace")[:2000]:
                return i
        return 0

    # -- documents ---------------------------------------------------------------------
    def open_document(self, index: int) -> bool:
        doc_id = self.doc_ids[index]
        try:
            doc = self.corpus.document(doc_id)
            path = self.corpus.annotation_path(doc_id, self.annotator)
            loaded = store.load_or_new(path, self.schema, doc, self.annotator)
        except ValidationError as e:
            self.app.fail("\n".join(e.problems))
            return False
        except MarginError as e:
            self.app.fail(str(e))
            return False
        self.doc_index = index
        self.session = EditSession(doc, loaded.annotation)
        self.file = AnnotationFile(path, loaded.fingerprint)
        self.tokens = token_index(doc.text)
        self.conflict = False
        self.matches = []
        self.view.set_session(self.session, list(self.schema.labels))
        self._panel_key = None
        first = self.tokens.tokens[0] if self.tokens.tokens else (0, 0)
        self.message = (f"re-anchored {loaded.moved} span(s), {len(loaded.flagged)} flagged for a look"
                        if loaded.moved else "")
        self.select(*first)
        self.refresh_header()
        self.suggestions, self.rejected = None, set()
        self.view.set_ghosts([])
        if self.show_ghosts and len(doc.text) <= SUGGEST_AUTO_CHARS:
            self.call_after_refresh(self._suggest_worker, doc)  # after the first frame
        elif self.show_ghosts:
            self.show_ghosts = False
            self.message = "long article: press S for suggestions"
            self.refresh_status()
        return True

    def refresh_header(self) -> None:
        s = self.session
        self.title = f"{s.doc.id}"
        status = s.annotation.status.replace("_", " ")
        self.sub_title = f"{self.annotator} · {status} · {len(s.spans)} spans · doc {self.doc_index + 1}/{len(self.doc_ids)}"

    def save_now(self, *, force: bool = False) -> bool:
        """Save synchronously (ctrl+s, switching documents, quitting)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.session is None or (not self.session.dirty and not force):
            return True
        try:
            self.file.save(self.session.annotation, force=force)
        except ConflictError as e:
            self.on_conflict(str(e))
            return False
        except OSError as e:
            self.notify(f"could not save {self.file.path}: {e.strerror}", severity="error", timeout=10, markup=False)
            return False
        self.session.dirty = False
        self.conflict = False
        self.set_status("saved")
        return True

    def schedule_autosave(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if not self.conflict:
            self._save_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        if self.session is not None and self.session.dirty and not self.conflict:
            self.session.dirty = False
            self._save_worker(self.file, self.session)

    @work(thread=True, exclusive=True, group="save")
    def _save_worker(self, file: AnnotationFile, session: EditSession) -> None:
        try:
            file.save(session.annotation)
        except ConflictError as e:
            session.dirty = True
            self.post_message(Saved(str(e), conflict=True))
        except OSError as e:
            session.dirty = True
            self.post_message(Saved(f"could not save {file.path}: {e.strerror}"))
        else:
            self.post_message(Saved())

    def on_saved(self, message: Saved) -> None:
        if message.conflict:
            self.on_conflict(message.error)
        elif message.error:
            self.notify(message.error, severity="error", timeout=10, markup=False)
        else:
            self.set_status("saved")

    def on_conflict(self, error: str) -> None:
        self.conflict = True

        def answer(choice: str) -> None:
            if choice == "overwrite":
                self.save_now(force=True)
            elif choice == "reload":
                self.open_document(self.doc_index)
                self.notify("reloaded the file from disk")
            else:
                self.notify("not saved: your edits stay here; ctrl+s asks again", severity="warning")

        self.app.push_screen(Choice("The file changed on disk", error, [
            ("o", "overwrite", "overwrite it with what you see here"),
            ("r", "reload", "reload it from disk (your unsaved edits here are dropped)"),
            ("escape", "cancel", "keep editing without saving"),
        ]), answer)

    # -- suggestions (ghost spans) -----------------------------------------------------
    @work(thread=True, exclusive=True, group="suggest")
    def _suggest_worker(self, doc) -> None:
        from ...suggest import Suggestions, corpus_actors, suggest

        try:
            found = suggest(doc.text, self.schema, extra_actors=corpus_actors(self.corpus))
        except MarginError as e:
            self.app.call_from_thread(self.notify, f"no suggestions: {e}", severity="warning", markup=False)
            found = Suggestions()
        self.post_message(Suggested(doc.id, found))

    def on_suggested(self, message: Suggested) -> None:
        if self.session is not None and message.doc_id == self.session.doc.id:
            self.suggestions = message.suggestions
            self.refresh_ghosts()

    def ghosts(self) -> list:
        """Suggestions not rejected and not already made by the annotator."""
        if self.suggestions is None or not self.show_ghosts:
            return []
        have = {s.key for s in self.session.spans}
        return [g for g in self.suggestions.spans if g.key not in have and g.key not in self.rejected]

    def refresh_ghosts(self) -> None:
        self.view.set_ghosts(self.ghosts())

    def ghost_at(self, start: int, end: int):
        hits = [g for g in self.view.ghosts if g.start < max(end, start + 1) and start < g.end]
        return min(hits, key=lambda g: (g.end - g.start, g.start)) if hits else None

    def _links_for(self, accepted: list) -> list[tuple[str, tuple, tuple]]:
        """attributed_to links of the suggestions, between span keys."""
        if self.suggestions is None:
            return []
        by_id = {g.id: g for g in self.suggestions.spans}
        keys = {g.key for g in accepted}
        return [(r.label, by_id[r.source].key, by_id[r.target].key) for r in self.suggestions.relations
                if by_id[r.source].key in keys or by_id[r.target].key in keys]

    def _accept(self, ghosts: list) -> None:
        added = self.session.add_many(ghosts, self._links_for(ghosts))
        self.changed(f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}")

    def _next_ghost_after(self, offset: int) -> None:
        nxt = next((g for g in self.view.ghosts if g.start >= offset), None)
        if nxt is not None:
            self.select(nxt.start, nxt.end)

    def action_accept_ghost(self) -> None:
        g = self.ghost_at(*self.sel)
        if g is None:
            self.set_status("no suggestion here (tab/space to move; S shows or hides suggestions)")
            return
        self._accept([g])
        self._next_ghost_after(g.end)

    def action_reject_ghost(self) -> None:
        g = self.ghost_at(*self.sel)
        if g is None:
            self.set_status("no suggestion here")
            return
        self.rejected.add(g.key)
        self.refresh_ghosts()
        self.set_status(f"rejected suggested {g.label}")
        self._next_ghost_after(g.end)

    def action_accept_all_ghosts(self) -> None:
        g = self.ghost_at(*self.sel)
        label = g.label if g is not None else None
        top = int(self.view.scroll_offset.y)
        rows = self.view.rows
        lo = rows[top] if top < len(rows) else 0
        bottom = top + self.view.scrollable_content_region.height
        hi = rows[bottom] if bottom < len(rows) else len(self.session.doc.text)
        todo = [x for x in self.view.ghosts if (label is None or x.label == label) and x.start < hi and x.end > lo]
        if not todo:
            self.set_status("no suggestions in view")
            return
        self._accept(todo)

    def action_suggest(self) -> None:
        self.show_ghosts = not self.show_ghosts
        if self.show_ghosts and self.suggestions is None:
            self._suggest_worker(self.session.doc)
        self.refresh_ghosts()
        self.set_status("suggestions shown" if self.show_ghosts else "suggestions hidden")

    # -- selection ---------------------------------------------------------------------
    def select(self, start: int, end: int, *, center: bool = False) -> None:
        n = len(self.session.doc.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if end == start and start < n:
            end = start + 1
        self.sel = (start, end)
        self.view.select(start, end, center=center)
        self.refresh_panel()
        self.refresh_status()

    def refresh_panel(self, force: bool = False) -> None:
        """Rebuild the panel when the spans changed or, for long lists, the view moved to
        another page; then highlight the span under the cursor."""
        session, view = self.session, self.view
        window = None
        if len(session.spans) > PANEL_ALL and (view.scrollable_content_region.height <= 0 or len(view.rows) <= 1):
            window = (max(0, self.sel[0] - 4000), self.sel[0] + 8000)  # not laid out yet
        elif len(session.spans) > PANEL_ALL:
            height = max(1, view.scrollable_content_region.height)
            page = int(view.scroll_offset.y) // height
            rows = view.rows
            lo = rows[min(max(0, (page - 1) * height), len(rows) - 1)]
            hi_row = (page + 2) * height
            hi = rows[hi_row] if hi_row < len(rows) else len(session.doc.text)
            window = (lo, hi)
        key = (session.version, id(session), window)
        if force or key != self._panel_key:
            self._panel_key = key
            self.panel.rebuild(session, self.schema, window)
        span = session.current(*self.sel)
        self.panel.follow(span.id if span else None)

    def set_status(self, message: str) -> None:
        self.message = message
        self.refresh_status()

    def refresh_status(self) -> None:
        s, e = self.sel
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {s}–{e} ", style="reverse")
        text.append(" " + one_line(self.session.doc.text[s:e], 40) + " ")
        span = self.session.current(s, e)
        if span is not None:
            text.append(" in ", style="dim")
            text.append(span.label, style="bold")
        elif (ghost := self.ghost_at(s, e)) is not None:
            text.append(f" suggested {ghost.label}: enter accepts, backspace rejects", style="italic")
        text.append("  CHAR" if self.char_mode else "  token", style="bold yellow" if self.char_mode else "dim")
        if self.matches:
            text.append(f"  {len(self.matches)} matches", style="dim")
        if self.message:
            text.append("  · " + self.message, style="italic")
        self.query_one(StatusLine).show(text)

    def _token_after(self, offset: int) -> tuple[int, int] | None:
        i = bisect_left(self.tokens.starts, offset)
        return self.tokens.tokens[i] if i < len(self.tokens.tokens) else None

    def _token_before(self, offset: int) -> tuple[int, int] | None:
        i = bisect_right(self.tokens.ends, offset) - 1
        return self.tokens.tokens[i] if i >= 0 else None

    def _unit_at(self, offset: int) -> tuple[int, int]:
        """The token (or character, in char mode) at or after ``offset``."""
        if self.char_mode or not self.tokens.tokens:
            return offset, offset + 1
        return self.tokens.tokens[self.tokens.token_at(offset)]

    # -- actions: moving ---------------------------------------------------------------
    def action_move(self, unit: str, delta: int) -> None:
        s, e = self.sel
        n = len(self.session.doc.text)
        if unit == "token":
            if self.char_mode:
                pos = s + delta if delta < 0 else e
                if 0 <= pos < n:
                    self.select(pos, pos + 1)
                return
            tok = self._token_after(e) if delta > 0 else self._token_before(s)
            if tok is not None:
                self.select(*tok)
        elif unit in ("line", "page"):
            step = delta * (max(1, self.view.scrollable_content_region.height - 1) if unit == "page" else 1)
            row = self.view.row_of(s) + step
            if unit == "page":  # the page scrolls with the cursor, as in an editor
                self.view.scroll_to(y=self.view.scroll_offset.y + step, animate=False, immediate=True)
            if 0 <= row < len(self.view.rows) or unit == "page":
                off = self.view.offset_at(row, self.view.column_of(s))
                self.select(*self._unit_at(off))
        elif unit == "sentence":
            sents = self.tokens.sentences
            if not sents:
                return
            i = self.tokens.sentence_at(s)
            if delta > 0:
                i = min(i + 1, len(sents) - 1)
            elif s <= sents[i][0]:
                i = max(i - 1, 0)
            self.select(*self._unit_at(sents[i][0]))
        elif unit == "doc":
            toks = self.tokens.tokens
            if toks:
                self.select(*(toks[0] if delta < 0 else toks[-1]))

    def action_grow(self, side: str) -> None:
        """Grow to the end (start) of the token the selection cuts, else by one token."""
        s, e = self.sel
        toks = self.tokens.tokens
        if side == "end":
            if self.char_mode:
                self.select(s, e + 1)
                return
            i = self.tokens.token_at(max(e - 1, 0))
            if toks and toks[i][0] < e < toks[i][1]:
                self.select(s, toks[i][1])
            elif (tok := self._token_after(e)) is not None:
                self.select(s, tok[1])
        else:
            if self.char_mode:
                self.select(max(0, s - 1), e)
                return
            i = self.tokens.token_at(s)
            if toks and toks[i][0] < s < toks[i][1]:
                self.select(toks[i][0], e)
            elif (tok := self._token_before(s)) is not None:
                self.select(tok[0], e)

    def action_shrink(self, side: str) -> None:
        s, e = self.sel
        if self.char_mode:
            if e - s > 1:
                self.select(s + 1, e) if side == "start" else self.select(s, e - 1)
            return
        inside = [self.tokens.tokens[i] for i in self.tokens.tokens_in(s, e)]
        if len(inside) > 1:
            self.select(inside[1][0], e) if side == "start" else self.select(s, inside[-2][1])

    def action_char_mode(self) -> None:
        self.char_mode = not self.char_mode
        self.refresh_status()

    def action_jump_span(self, delta: int) -> None:
        """Select the next (previous) span or suggestion."""
        spans = sorted([*self.session.spans, *self.view.ghosts], key=lambda sp: (sp.start, sp.end))
        if not spans:
            self.set_status("no spans yet")
            return
        key = self.sel
        if delta > 0:
            nxt = next((sp for sp in spans if (sp.start, sp.end) > key), spans[0])
        else:
            nxt = next((sp for sp in reversed(spans) if (sp.start, sp.end) < key), spans[-1])
        self.select(nxt.start, nxt.end)

    def action_next_unannotated(self) -> None:
        spans = self.session.spans
        starts = [sp.start for sp in spans]
        sents = self.tokens.sentences
        i0 = self.tokens.sentence_at(self.sel[0]) + 1
        for k in range(len(sents)):
            a, b = sents[(i0 + k) % len(sents)]
            lo = bisect_left(starts, b)
            if not any(sp.end > a for sp in spans[:lo] if sp.start < b):
                self.select(*self._unit_at(a), center=True)
                return
        self.set_status("every sentence has an annotation")

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        self.view.focus()
        self.select(*self._unit_at(message.offset))

    # -- actions: editing --------------------------------------------------------------
    def changed(self, what: str | None) -> None:
        """After any change to the annotation: redraw, update the panel, schedule a save."""
        self.view.spans_changed()
        if self.suggestions is not None:
            self.refresh_ghosts()
        self.refresh_panel()
        self.refresh_header()
        self.set_status(what or "")
        self.schedule_autosave()

    def action_tag(self, label: str) -> None:
        what, span = self.session.toggle(label, *self.sel)
        if span is not None:
            self.sel = (span.start, span.end)
            self.view.select(span.start, span.end)
        self.changed(what)

    def action_delete_span(self, span_id: str | None = None) -> None:
        span = self.session.get(span_id) if span_id else self.session.current(*self.sel)
        if span is None:
            self.set_status("no span here")
            return
        self.session.delete(span.id)
        self.changed(f"deleted {span.label} {one_line(span.text, 30)!r}")

    def action_edit_attrs(self, span_id: str | None = None) -> None:
        span = self.session.get(span_id) if span_id else self.session.current(*self.sel)
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
        span = self.session.current(*self.sel)
        if span is None:
            self.set_status("no span here")
            return

        def done(note: str | None) -> None:
            if note is not None:
                self.session.update(span.id, note=note.strip() or None)
                self.changed("noted")

        self.app.push_screen(TextPrompt(f"Note on {span.label} {one_line(span.text, 40)!r}", span.note or ""), done)

    def action_relate(self) -> None:
        span = self.session.current(*self.sel)
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

    def action_redo(self) -> None:
        what = self.session.redo()
        self.changed(f"redid: {what}" if what else "nothing to redo")

    def action_toggle_done(self) -> None:
        done = self.session.annotation.status == "done"
        self.session.set_status("in_progress" if done else "done")
        self.changed("marked in progress" if done else "marked done")

    def action_save(self) -> None:
        if self.save_now(force=False) and not self.session.dirty:
            self.set_status(f"saved {self.file.path}")

    # -- search ------------------------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        self._before_search = self.sel
        box.display = True
        box.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.find(event.value)
        if self.matches:
            m = self._match_from(self._before_search[0] if self._before_search else self.sel[0], 1)
            self.view.select(*m)
        self.refresh_status()

    def find(self, query: str) -> None:
        q = fold_for_search(query)
        self.matches = []
        if q:
            hay = self._folded()
            i = hay.find(q)
            while i != -1 and len(self.matches) < 100_000:
                self.matches.append((i, i + len(q)))
                i = hay.find(q, i + 1)
        self.view.set_matches(self.matches)

    def _folded(self) -> str:
        doc = self.session.doc
        if getattr(self, "_folded_doc", None) is not doc:
            self._folded_doc, self._folded_text = doc, fold_for_search(doc.text)
        return self._folded_text

    def _match_from(self, offset: int, delta: int) -> tuple[int, int]:
        starts = [m[0] for m in self.matches]
        if delta > 0:
            i = bisect_left(starts, offset)
            return self.matches[i % len(self.matches)]
        i = bisect_left(starts, offset) - 1
        return self.matches[i % len(self.matches)]

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        if self.matches:
            self.select(*self._match_from(self._before_search[0], 1), center=True)
        else:
            self.set_status(f"not found: {one_line(event.value, 30)!r}")

    def _close_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = False
        self.view.focus()

    def action_next_match(self, delta: int) -> None:
        if not self.matches:
            self.set_status("no search: press / to search")
            return
        self.select(*self._match_from(self.sel[0] + (1 if delta > 0 else 0), delta), center=True)

    def action_cancel_search(self) -> None:
        if self.query_one("#search").display:
            self._close_search()
            if self._before_search:
                self.select(*self._before_search)

    # -- documents, focus, help, quit ---------------------------------------------------
    def action_switch_doc(self, delta: int) -> None:
        target = self.doc_index + delta
        if not 0 <= target < len(self.doc_ids):
            self.set_status("no more documents that way")
            return
        if self.save_now():
            self.open_document(target)

    def action_pick_doc(self) -> None:
        items = []
        for i, doc_id in enumerate(self.doc_ids):
            path = self.corpus.annotation_path(doc_id, self.annotator)
            state = "new"
            if path.exists():
                head = path.read_text(encoding="utf-8", errors="replace")
                spans = head.count("\n- id: ")
                state = ("done" if "\nstatus: done" in head[:1000] else "in progress") + f", {spans} spans"
            prompt = Text.assemble(("▶ " if i == self.doc_index else "  ", "bold"), (doc_id, "bold"), (f"  {state}", "dim"))
            items.append((doc_id, prompt, doc_id))

        def done(doc_id: str | None) -> None:
            if doc_id and self.save_now():
                self.open_document(self.doc_ids.index(doc_id))

        self.app.push_screen(Picker("Go to document", items), done)

    def action_switch_focus(self) -> None:
        if self.view.has_focus:
            self.panel.focus()
        else:
            self.view.focus()

    @on(SpanPanel.OptionSelected)
    def _panel_selected(self, event: SpanPanel.OptionSelected) -> None:
        span = self.session.get(event.option.id or "")
        if span is not None:
            self.view.focus()
            self.select(span.start, span.end, center=True)

    def on_span_panel_command(self, message: SpanPanel.Command) -> None:
        if message.action == "delete":
            self.action_delete_span(message.span_id)
        elif message.action == "edit":
            self.action_edit_attrs(message.span_id)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        keymap = getattr(self.app, "keymap", {}) or {}
        groups = []
        for title, bindings in GROUPS:
            bindings = label_bindings(self.schema) if bindings is None else bindings
            rows = []
            for b in bindings:
                keys = keymap.get(b.id, b.key) if b.id else b.key
                rows.append((", ".join(self.app.get_key_display(Binding(k, "")) for k in keys.split(",")), b.description))
            groups.append((title, rows))
        return groups

    def action_quit_app(self) -> None:
        if self.save_now():
            self.app.exit()

    def key_escape(self) -> None:
        self.action_cancel_search()


def annotate_screen(corpus: Corpus, annotator: str, doc_id: str | None) -> AnnotateScreen:
    """An AnnotateScreen whose key table includes the corpus schema's label keys."""
    cls = type("AnnotateScreen", (AnnotateScreen,), {"BINDINGS": annotate_bindings(corpus.schema)})
    return cls(corpus, annotator, doc_id)

"""An editing session on one annotation: every change goes through here and can be undone.

Pure (no Textual): the annotate and review screens drive it, tests drive it directly.
Each change records the whole (spans, relations, status) state before it; states are
tuples of frozen objects, so a snapshot is cheap and undo/redo are exact.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from .model import Annotation, Document, IdAllocator, Relation, Span, make_span, now_utc

WHITESPACE = " \t\r\n\u00a0"


@dataclass(frozen=True)
class State:
    spans: tuple[Span, ...]
    relations: tuple[Relation, ...]
    status: str


class EditSession:
    """The annotation being edited, with undo/redo and a change counter."""

    def __init__(self, doc: Document, annotation: Annotation):
        self.doc = doc
        self.annotation = annotation.sorted()
        self._undo: list[tuple[str, State]] = []
        self._redo: list[tuple[str, State]] = []
        self.version = 0  # bumps on every change (render caches key on it)
        self.saved_version = 0  # the version last written to disk (or read from it)
        self._index_version = -1  # spans_at's start index is rebuilt when version moves
        self.ids = IdAllocator.of(self.annotation)

    # -- saving ------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Changed since the last save (undoing back to it still counts as a change)."""
        return self.version != self.saved_version

    def snapshot(self) -> tuple[int, Annotation]:
        """(version, a copy of the annotation) to hand to a save in another thread: spans
        and relations of one version, whatever the main thread changes next."""
        a = self.annotation
        return self.version, replace(a, spans=list(a.spans), relations=list(a.relations))

    def mark_saved(self, version: int) -> None:
        """A save of ``version`` reached the disk."""
        self.saved_version = max(self.saved_version, version)

    # -- state -------------------------------------------------------------------------
    @property
    def spans(self) -> list[Span]:
        return self.annotation.spans

    def _state(self) -> State:
        a = self.annotation
        return State(tuple(a.spans), tuple(a.relations), a.status)

    def _apply(self, state: State) -> None:
        a = self.annotation
        a.spans = sorted(state.spans, key=lambda s: (s.start, s.end, s.label, s.id))
        a.relations = list(state.relations)
        a.status = state.status
        a.updated = now_utc()
        self.version += 1

    def _change(self, what: str, state: State) -> str:
        self._undo.append((what, self._state()))
        self._redo.clear()
        self._apply(state)
        return what

    def undo(self) -> str | None:
        if not self._undo:
            return None
        what, state = self._undo.pop()
        self._redo.append((what, self._state()))
        self._apply(state)
        return what

    def redo(self) -> str | None:
        if not self._redo:
            return None
        what, state = self._redo.pop()
        self._undo.append((what, self._state()))
        self._apply(state)
        return what

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- queries -----------------------------------------------------------------------
    def get(self, span_id: str) -> Span | None:
        for s in self.annotation.spans:
            if s.id == span_id:
                return s
        return None

    def spans_at(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end) (or holding ``start`` when empty), innermost first."""
        end = max(end, start + 1)
        if self._index_version != self.version:  # once per change, not per keystroke
            self._by_start = sorted(self.annotation.spans, key=lambda s: s.start)
            self._starts = [s.start for s in self._by_start]
            self._max_len = max((s.end - s.start for s in self._by_start), default=0)
            self._index_version = self.version
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_left(self._starts, end)
        hits = [s for s in self._by_start[lo:hi] if start < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def current(self, start: int, end: int) -> Span | None:
        """The span a command applies to: the one equal to the selection, else the innermost
        span containing it, else the innermost overlapping it."""
        hits = self.spans_at(start, end)
        for s in hits:
            if s.start == start and s.end == end:
                return s
        for s in hits:
            if s.start <= start and end <= s.end:
                return s
        return hits[0] if hits else None

    def relations_of(self, span_id: str) -> list[Relation]:
        return [r for r in self.annotation.relations if span_id in (r.source, r.target)]

    # -- changes -----------------------------------------------------------------------
    def new_span_id(self) -> str:
        """A span id never used in this session, even by a span since deleted."""
        return self.ids.span()

    def trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.doc.text
        while start < end and text[start] in WHITESPACE:
            start += 1
        while end > start and text[end - 1] in WHITESPACE:
            end -= 1
        return start, end

    def toggle(self, label: str, start: int, end: int, attrs: dict | None = None,
               source: str | None = None) -> tuple[str, Span | None]:
        """Add a ``label`` span over [start, end) (whitespace trimmed), or remove the
        identical one. Returns (what happened, the new span or None)."""
        start, end = self.trim(start, end)
        if end <= start:
            return "nothing to tag: the selection is blank", None
        for s in self.annotation.spans:
            if s.start == start and s.end == end and s.label == label:
                self.delete(s.id)
                return f"removed {label}", None
        span = make_span(self.doc.text, self.new_span_id(), label, start, end,
                         attrs=dict(attrs or {}), source=source)
        state = self._state()
        self._change(f"tagged {label}", replace(state, spans=state.spans + (span,)))
        return f"tagged {label}", span

    def add(self, span: Span) -> Span:
        """Add a ready-made span (e.g. an accepted suggestion), giving it a fresh id."""
        span = replace(span, id=self.new_span_id())
        state = self._state()
        self._change(f"added {span.label}", replace(state, spans=state.spans + (span,)))
        return span

    def add_many(self, spans: list[Span], links: list[tuple[str, tuple, tuple]] | tuple = ()) -> list[Span]:
        """Add spans (fresh ids) and relations between span keys ``(start, end, label)``,
        as one undoable change. Spans whose key exists already are skipped; links whose ends
        are missing, or that exist already, too."""
        state = self._state()
        by_key = {sp.key: sp for sp in state.spans}
        added = []
        for sp in spans:
            if sp.key not in by_key:
                new = replace(sp, id=self.new_span_id())
                by_key[new.key] = new
                added.append(new)
        rels = list(state.relations)
        have = {(r.label, r.source, r.target) for r in rels}
        for label, src, dst in links:
            a, b = by_key.get(src), by_key.get(dst)
            if a is not None and b is not None and (label, a.id, b.id) not in have:
                rels.append(Relation(self.ids.relation(), label, a.id, b.id))
                have.add((label, a.id, b.id))
        if added or len(rels) != len(state.relations):
            what = f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}"
            self._change(what, replace(state, spans=state.spans + tuple(added), relations=tuple(rels)))
        return added

    def delete(self, span_id: str) -> Span | None:
        span = self.get(span_id)
        if span is None:
            return None
        state = self._state()
        self._change(f"deleted {span.label}", replace(
            state,
            spans=tuple(s for s in state.spans if s.id != span_id),
            relations=tuple(r for r in state.relations if span_id not in (r.source, r.target)),
        ))
        return span

    def update(self, span_id: str, **changes) -> Span | None:
        """Change a span's attrs / note / bounds (bounds refresh text and context)."""
        span = self.get(span_id)
        if span is None:
            return None
        if "start" in changes or "end" in changes:
            fresh = make_span(self.doc.text, span.id, span.label,
                              changes.pop("start", span.start), changes.pop("end", span.end))
            changes.update(start=fresh.start, end=fresh.end, text=fresh.text,
                           prefix=fresh.prefix, suffix=fresh.suffix)
        if span.flag is not None and "flag" not in changes:
            changes["flag"] = None  # a human looked at it
        new = replace(span, **changes)
        if new == span:
            return span
        if span.origin and not span.edited:
            new = replace(new, edited=True)
        state = self._state()
        what = "edited note" if set(changes) <= {"note", "flag", "edited"} else f"edited {span.label}"
        self._change(what, replace(state, spans=tuple(new if s.id == span_id else s for s in state.spans)))
        return new

    def resize(self, span_id: str, start: int, end: int) -> Span | None:
        """Move a span's edges (whitespace trimmed); attributes, relations and id stay.
        One undo step; None when the span is gone or the new bounds are blank."""
        start, end = self.trim(start, end)
        if end <= start:
            return None
        return self.update(span_id, start=start, end=end)

    def link(self, label: str, source_id: str, target_id: str) -> tuple[str, Relation | None]:
        """Add relation ``label`` source→target, or remove it when it exists (toggle)."""
        state = self._state()
        for r in state.relations:
            if r.label == label and r.source == source_id and r.target == target_id:
                self._change(f"unlinked {label}", replace(state, relations=tuple(x for x in state.relations if x is not r)))
                return f"removed {label}", None
        rel = Relation(self.ids.relation(), label, source_id, target_id)
        self._change(f"linked {label}", replace(state, relations=state.relations + (rel,)))
        return f"linked {label}", rel

    def set_status(self, status: str) -> None:
        if status != self.annotation.status:
            self._change(f"marked {status.replace('_', ' ')}", replace(self._state(), status=status))

"""An editing session on one annotation: every change goes through here and can be undone.

Pure (no Textual): the annotate and review screens drive it, tests drive it directly.
A change is a :class:`Change` (the spans it added and removed, the relations and status
before and after); undo applies its inverse. The session keeps the spans sorted and
indexed (starts, ids, counts per label) and updates them by the change alone, so a tag
on an article with 5,000 spans costs a few bisects, not passes over all of them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

from tui.change import Change
from tui.model import Annotation, Document, IdAllocator, Relation, Span, make_span, now_utc, span_order
from tui.tokens import trimmed

__all__ = ["Change", "EditSession"]


class EditSession:
    """The annotation being edited, with undo/redo and a change counter."""

    def __init__(self, doc: Document, annotation: Annotation):
        self.doc = doc
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self.version = 0  # bumps on every change (render caches key on it)
        self.saved_version = 0  # the version last written to disk (or read from it)
        self.touched: tuple[int, int] | None = None  # text range the last change (or undo) redrew
        self.extra: Any = None  # the driver's state the last change (or undo) left (Change.extra)
        self._load(annotation)

    def _load(self, annotation: Annotation) -> None:
        self.annotation = annotation.sorted()
        self.ids = IdAllocator.of(self.annotation)
        spans = self.annotation.spans
        self._starts = [s.start for s in spans]  # parallel to spans (sorted by span_order)
        self._by_id = {s.id: s for s in spans}
        self._counts: dict[str, int] = {}
        for s in spans:
            self._counts[s.label] = self._counts.get(s.label, 0) + 1
        self._max_len: int | None = None  # the longest span's length; None: to compute
        self._rel_index: dict[str, list[Relation]] | None = None  # None: to build

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

    def touch(self) -> None:
        """Count as changed: the next save writes even if nothing changed (ctrl+s)."""
        self.version += 1

    # -- state -------------------------------------------------------------------------
    @property
    def spans(self) -> list[Span]:
        return self.annotation.spans

    def _apply(self, change: Change) -> None:
        a = self.annotation
        spans, starts = a.spans, self._starts
        for s in change.removed:
            i = bisect_left(spans, span_order(s), key=span_order)
            while spans[i] is not s:
                i += 1
            del spans[i], starts[i]
            del self._by_id[s.id]
            self._counts[s.label] -= 1  # the longest length stays an upper bound: still right for spans_in
        for s in change.added:
            i = bisect_left(spans, span_order(s), key=span_order)
            spans.insert(i, s)
            starts.insert(i, s.start)
            self._by_id[s.id] = s
            self._counts[s.label] = self._counts.get(s.label, 0) + 1
            if self._max_len is not None:
                self._max_len = max(self._max_len, s.end - s.start)
        if change.relations is not None:
            a.relations = list(change.relations[1])
            self._rel_index = None
        if change.status is not None:
            a.status = change.status[1]
        if change.decisions is not None:
            a.decisions = list(change.decisions[1])
        self.extra = change.extra[1] if change.extra is not None else None
        moved = change.added + change.removed
        self.touched = (min(s.start for s in moved), max(s.end for s in moved)) if moved else None
        a.updated = now_utc()
        self.version += 1

    def record(self, change: Change) -> str:
        """Apply a change its driver made (review: the gold a decision gives), undoable as any."""
        return self._change(change)

    def _change(self, change: Change) -> str:
        self._undo.append(change)
        self._redo.clear()
        self._apply(change)
        return change.what

    def undo(self) -> str | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(change)
        self._apply(change.inverse())
        return change.what

    def retract(self, version: int) -> bool:
        """Take back the last change as if it never happened (no redo), if it is still
        the last one: ``version`` is the session's version right after it."""
        if not self._undo or self.version != version:
            return False
        self._apply(self._undo.pop().inverse())
        return True

    def redo(self) -> str | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        self._apply(change)
        return change.what

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- queries -----------------------------------------------------------------------
    def get(self, span_id: str) -> Span | None:
        return self._by_id.get(span_id)

    def _longest(self) -> int:
        if self._max_len is None:
            self._max_len = max((s.end - s.start for s in self.annotation.spans), default=0)
        return self._max_len

    def has_bounds(self, start: int, end: int) -> bool:
        """Whether a span covers exactly [start, end) (any label)."""
        spans = self.annotation.spans
        i = bisect_left(self._starts, start)
        while i < len(spans) and spans[i].start == start:
            if spans[i].end == end:
                return True
            i += 1
        return False

    def has_label_over(self, start: int, end: int, label: str) -> bool:
        """Whether a ``label`` span overlaps [start, end): a bisect and the spans that can
        reach it, no list (asked for every suggestion a row draws)."""
        if not self._counts.get(label):
            return False
        spans = self.annotation.spans
        for i in range(bisect_left(self._starts, start - self._longest()), bisect_left(self._starts, end)):
            s = spans[i]
            if s.end > start and s.label == label:
                return True
        return False

    def find(self, key: tuple[int, int, str]) -> Span | None:
        """The span at ``key`` (start, end, label), if any."""
        spans = self.annotation.spans
        i = bisect_left(self._starts, key[0])
        while i < len(spans) and spans[i].start == key[0]:
            if spans[i].key == key:
                return spans[i]
            i += 1
        return None

    def spans_at(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end) (or holding ``start`` when empty), innermost first."""
        hits = self.spans_in(start, max(end, start + 1))
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def spans_in(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end), in file order (by start): a bisect and a slice."""
        lo = bisect_left(self._starts, start - self._longest())
        hi = bisect_left(self._starts, end)
        return [s for s in self.annotation.spans[lo:hi] if s.end > start]

    def label_counts(self) -> dict[str, int]:
        """Spans per label."""
        return {k: v for k, v in self._counts.items() if v}

    def relation_index(self) -> dict[str, list[Relation]]:
        """span id -> its relations, both directions (built once per change of relations)."""
        if self._rel_index is None:
            index: dict[str, list[Relation]] = {}
            for rel in self.annotation.relations:
                index.setdefault(rel.source, []).append(rel)
                if rel.target != rel.source:
                    index.setdefault(rel.target, []).append(rel)
            self._rel_index = index
        return self._rel_index

    def relations_of(self, span_id: str) -> list[Relation]:
        return list(self.relation_index().get(span_id, ()))

    def neighbour(self, start: int, end: int, delta: int) -> Span | None:
        """The span next to [start, end) in reading order (by start, an enclosing span
        before the ones nested in it): after it for ``delta`` > 0, else before it. None at
        either end. A bisect and the spans sharing one start, not a walk of the document."""
        spans, starts = self.annotation.spans, self._starts  # sorted by (start, end)
        if delta > 0:
            i = bisect_left(starts, start)  # same start, shorter: the longest of them
            same = [sp for sp in spans[i:bisect_left(starts, start + 1)] if sp.end < end]
            if same:
                return max(same, key=lambda sp: sp.end)
            j = bisect_left(starts, start + 1)
            if j == len(spans):
                return None
            return spans[bisect_left(starts, spans[j].start + 1) - 1]  # the longest at the next start
        i = bisect_left(starts, start)
        same = [sp for sp in spans[i:bisect_left(starts, start + 1)] if sp.end > end]
        if same:
            return min(same, key=lambda sp: sp.end)
        if i == 0:
            return None
        return spans[bisect_left(starts, spans[i - 1].start)]  # the shortest at the previous start

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

    # -- changes -----------------------------------------------------------------------
    def new_span_id(self) -> str:
        """A span id never used in this session, even by a span since deleted."""
        return self.ids.span()

    def trim(self, start: int, end: int) -> tuple[int, int]:
        return trimmed(self.doc.text, start, end)

    def toggle(self, label: str, start: int, end: int, attrs: dict | None = None,
               source: str | None = None) -> tuple[str, Span | None]:
        """Add a ``label`` span over [start, end) (whitespace trimmed), or remove the
        identical one. Returns (what happened, the new span or None)."""
        start, end = self.trim(start, end)
        if end <= start:
            return "nothing to tag: the selection is blank", None
        same = self.find((start, end, label))
        if same is not None:
            self.delete(same.id)
            return f"removed {label}", None
        span = make_span(self.doc.text, self.new_span_id(), label, start, end,
                         attrs=dict(attrs or {}), source=source)
        self._change(Change(f"tagged {label}", added=(span,)))
        return f"tagged {label}", span

    def add(self, span: Span) -> Span:
        """Add a ready-made span (e.g. an accepted suggestion), giving it a fresh id."""
        span = replace(span, id=self.new_span_id())
        self._change(Change(f"added {span.label}", added=(span,)))
        return span

    def add_many(self, spans: list[Span], links: list[tuple[str, tuple, tuple]] | tuple = ()) -> list[Span]:
        """Add spans (fresh ids) and relations between span keys ``(start, end, label)``,
        as one undoable change. Spans whose key exists already are skipped; a link whose
        target is missing goes to the span of that label on the same words (an accepted claim
        whose suggested actor was tagged with other bounds), else it is skipped, as are links
        that exist already."""
        new_by_key: dict[tuple, Span] = {}
        added = []
        for sp in spans:
            if sp.key not in new_by_key and self.find(sp.key) is None:
                new = replace(sp, id=self.new_span_id())
                new_by_key[new.key] = new
                added.append(new)
        before = tuple(self.annotation.relations)
        rels = list(before)
        have = {(r.label, r.source, r.target) for r in rels} if links else set()
        for label, src, dst in links:
            a, b = new_by_key.get(src) or self.find(src), new_by_key.get(dst) or self.link_end(dst)
            if a is not None and b is not None and (label, a.id, b.id) not in have:
                rels.append(Relation(self.ids.relation(), label, a.id, b.id))
                have.add((label, a.id, b.id))
        if added or len(rels) != len(before):
            what = f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}"
            self._change(Change(what, added=tuple(added),
                                relations=(before, tuple(rels)) if len(rels) != len(before) else None))
        return added

    def link_end(self, key: tuple[int, int, str]) -> Span | None:
        """The span a suggested link's target ``key`` means: the one at ``key``, else the
        span of its label on the same words (see ``add_many``)."""
        return self.find(key) or self._on_same_words(key)

    def _on_same_words(self, key: tuple[int, int, str]) -> Span | None:
        """The span of label ``key[2]`` that shares the most characters with [key[0], key[1])
        (an actor tagged by hand as "President Trump" where "Trump" was suggested), or None."""
        start, end, label = key
        best = max((sp for sp in self.spans_in(start, end) if sp.label == label),
                   key=lambda sp: (min(sp.end, end) - max(sp.start, start), -sp.start), default=None)
        return best

    def delete(self, span_id: str) -> Span | None:
        span = self.get(span_id)
        if span is None:
            return None
        before = tuple(self.annotation.relations)
        after = tuple(r for r in before if span_id not in (r.source, r.target))
        self._change(Change(f"deleted {span.label}", removed=(span,),
                            relations=(before, after) if len(after) != len(before) else None))
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
        what = "edited note" if set(changes) <= {"note", "flag", "edited"} else f"edited {span.label}"
        self._change(Change(what, added=(new,), removed=(span,)))
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
        before = tuple(self.annotation.relations)
        for r in before:
            if r.label == label and r.source == source_id and r.target == target_id:
                self._change(Change(f"unlinked {label}", relations=(before, tuple(x for x in before if x is not r))))
                return f"removed {label}", None
        rel = Relation(self.ids.relation(), label, source_id, target_id)
        self._change(Change(f"linked {label}", relations=(before, before + (rel,))))
        return f"linked {label}", rel

    def set_status(self, status: str) -> None:
        if status != self.annotation.status:
            self._change(Change(f"marked {status.replace('_', ' ')}", status=(self.annotation.status, status)))

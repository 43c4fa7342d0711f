"""Adjudication: settle several annotators' work on one document into a gold annotation.

Pure (no Textual, no I/O). :func:`partition` (``adjudicate_groups``) splits every
annotator's spans into groups: unanimous spans, and disagreements (overlapping candidates,
each with who proposed it); ``adjudicate_bounds`` finds where candidates' bounds differ.
:class:`Adjudication` holds the decisions a review screen makes with keys (accept candidate
N, reject, edit, reopen, undo/redo), walks from item to item, and builds the gold
:class:`~tui.model.Annotation` with provenance (``from``, ``edited``). The rules are in
docs/review.md.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.store import rules
from tui.review.bounds import BoundDiff, bound_diffs
from tui.review.groups import Added, Candidate, Group, Item, RelationChoice, disagreements, merge_attrs, partition
from tui.review.resume import resume
from tui.corpus import GOLD
from tui.errors import DataError
from tui.model import FLAG_LOST, Annotation, Decision, Document, IdAllocator, Relation, Span, make_span, now_utc
from tui.schema import DEFAULT_SCHEMA, Schema

__all__ = ["ACCEPTED", "EDITED", "OPEN", "REJECTED", "Added", "Adjudication", "BoundDiff", "Candidate", "Group", "Item",
           "RelationChoice", "bound_diffs", "disagreements", "merge_attrs", "partition"]

OPEN, ACCEPTED, EDITED, REJECTED = "open", "accepted", "edited", "rejected"


class Adjudication:
    """The gold draft of one document and the decisions that build it, with undo/redo.

    ``annotations`` maps annotator -> Annotation (a ``gold`` entry is ignored); ``gold``, an
    existing gold annotation, resumes earlier work. With ``auto_accept`` unanimous spans and
    relations start accepted and navigation skips them; without it every item is reviewed
    (also the way to go through a single colleague's file).
    """

    def __init__(self, doc: Document, annotations: Mapping[str, Annotation],
                 gold: Annotation | None = None, *, auto_accept: bool = True,
                 schema: Schema = DEFAULT_SCHEMA):
        self.doc = doc
        self.annotations = {n: a for n, a in annotations.items() if n != GOLD}
        if not self.annotations:
            raise DataError(f"{doc.id}: no annotations to review")
        self.annotators = tuple(self.annotations)
        self.auto_accept = auto_accept
        self.schema = schema
        self.groups = partition(self.annotations)
        self._home: dict[tuple[str, str], tuple[int, str]] = {}  # (annotator, id) -> (group, label)
        for g in self.groups:
            for c in g.candidates:
                for m in c.members:
                    self._home[m] = (g.index, c.span.label)
        self._decisions: dict[int, tuple[Span, ...]] = {}  # absent = open, () = rejected
        self._members: dict[str, tuple[tuple[str, str], ...]] = {}  # gold span id -> members
        self._rel: dict[tuple, bool] = {}
        self._rel_ids: dict[tuple, str] = {}
        self._extras: tuple[Span, ...] = ()
        self._added: dict[str, Span] = {}  # the reviewer's own spans (``add``), by gold id
        self._reasons: dict[tuple, str | None] = {}  # ("span", group) / ("rel", key) -> why rejected
        self._saved: tuple[frozenset, bool] | None = None  # (span keys, done) of a resumed gold
        self._undo: list[tuple] = []
        self._redo: list[tuple] = []
        self._ids = IdAllocator()  # gold span and relation ids
        if gold is not None:
            resume(self, gold)
        elif auto_accept:
            for g in self.groups:
                if g.unanimous:
                    self._decisions[g.index] = (self._take(g.candidates[0]),)

    # ---------------------------------------------------------------- reading the state

    def state(self, item: Item) -> str:
        """``open``, ``accepted``, ``edited`` (an accepted span the adjudicator changed) or ``rejected``."""
        if isinstance(item, Added):
            return ACCEPTED if item.span.id in self._added else REJECTED
        if isinstance(item, Group):
            spans = self._decisions.get(item.index)
            if spans is None:
                return OPEN
            if not spans:
                return REJECTED
            return EDITED if any(s.edited for s in spans) else ACCEPTED
        v = self._rel_state(item)
        return OPEN if v is None else ACCEPTED if v else REJECTED

    def chosen(self, group: Group) -> tuple[Span, ...]:
        """The gold spans decided for ``group`` (empty when open or rejected)."""
        return self._decisions.get(group.index) or ()

    def relations(self) -> list[RelationChoice]:
        """Relations between current gold spans: drawn by annotators, or kept from a resumed gold."""
        gold_spans = self._gold_spans()
        by_member: dict[tuple[str, str], Span] = {}
        sole: dict[tuple[int, str], Span | None] = {}
        for idx, spans in self._decisions.items():
            for s in spans:
                for m in self._members.get(s.id, ()):
                    by_member[m] = s
                k = (idx, s.label)
                sole[k] = s if k not in sole else None

        def gold_of(name: str, sid: str) -> Span | None:
            m = (name, sid)
            if m in by_member:
                return by_member[m]
            home = self._home.get(m)
            return sole.get(home) if home else None

        found: dict[tuple, tuple[Span, Span, list[str]]] = {}
        for name, ann in self.annotations.items():
            for r in ann.relations:
                src, tgt = gold_of(name, r.source), gold_of(name, r.target)
                if src is None or tgt is None or not self._allowed(r.label, src, tgt):
                    continue
                entry = found.setdefault((r.label, src.key, tgt.key), (src, tgt, []))
                if name not in entry[2]:
                    entry[2].append(name)
        by_key = {s.key: s for s in reversed(gold_spans)}
        for key, keep in self._rel.items():
            if keep and key not in found and key[1] in by_key and key[2] in by_key:
                src, tgt = by_key[key[1]], by_key[key[2]]
                if self._allowed(key[0], src, tgt):
                    found[key] = (src, tgt, [])
        everyone = set(self.annotators)
        out = [RelationChoice(k[0], src, tgt, tuple(names), set(names) == everyone)
               for k, (src, tgt, names) in found.items()]
        out.sort(key=lambda r: r.order)
        return out

    def items(self) -> list[Item]:
        """Every group, relation and span the reviewer added, in document order."""
        added = [Added(s) for s in self._added.values()]
        return sorted([*self.groups, *self.relations(), *added], key=lambda it: it.order)

    def to_review(self) -> list[Item]:
        """The items navigation visits: disagreements, plus everything when auto-accept is off
        or still open."""
        return [it for it in self.items()
                if not it.unanimous or not self.auto_accept or self.state(it) == OPEN]

    def open_count(self) -> int:
        return sum(self.state(it) == OPEN for it in self.items())

    def next(self, current: Item | None = None, backward: bool = False,
             open_only: bool = False, wrap: bool = True) -> Item | None:
        """The review item after (or before) ``current``; with ``open_only`` only undecided ones."""
        items = [it for it in self.to_review() if not open_only or self.state(it) == OPEN]
        if backward:
            items.reverse()
        if current is None:
            return items[0] if items else None
        cur = current.order
        for it in items:
            if (it.order < cur) if backward else (it.order > cur):
                return it
        return items[0] if wrap and items and items[0].order != cur else None

    # ---------------------------------------------------------------- decisions

    def accept(self, item: Item, n: int = 0, add: bool = False) -> None:
        """Accept candidate ``n`` (0-based) of a group, or a relation. ``add`` keeps what the
        group already has (two spans where annotators drew one)."""
        if isinstance(item, RelationChoice):
            self._do(("rel", item.key, True))
            return
        if isinstance(item, Added):
            return  # the reviewer's own span is in gold already
        cand = self._candidate(item, n)
        s = cand.span
        if s.flag == FLAG_LOST:
            raise DataError(f"{self.doc.id}: span {s.start}-{s.end} was lost when the document changed; edit it")
        self._check(s.label, s.start, s.end, s.attrs)
        self._decide(item, self._take(cand), add)

    def reject(self, item: Item, reason: str | None = None) -> None:
        """Nothing of this group (or this relation) goes into gold; the gold keeps the
        rejection and ``reason`` (format margin/2), so a resumed review does not reopen it."""
        if isinstance(item, Added):
            self._do(("added", item.span.id, None))  # the reviewer's own span: taken back
        elif isinstance(item, RelationChoice):
            self._reasons[("rel", item.key)] = reason or None
            self._do(("rel", item.key, False))
        else:
            self._reasons[("span", item.index)] = reason or None
            self._do(("span", item.index, ()))

    def reason(self, item: Item) -> str | None:
        """Why ``item`` was rejected (None when not rejected or no reason was given)."""
        if self.state(item) != REJECTED or isinstance(item, Added):
            return None
        key = ("rel", item.key) if isinstance(item, RelationChoice) else ("span", item.index)
        return self._reasons.get(key)

    def reopen(self, item: Item) -> None:
        """Back to undecided (a span the reviewer added comes back)."""
        if isinstance(item, Added):
            self._do(("added", item.span.id, item.span))
        elif isinstance(item, RelationChoice):
            self._do(("rel", item.key, None))
        else:
            self._do(("span", item.index, None))

    def edit(self, group: Group, n: int = 0, *, label: str | None = None, start: int | None = None,
             end: int | None = None, attrs: dict | None = None, note: str | None = None,
             add: bool = False) -> Span:
        """Accept candidate ``n`` changed as given (``note=""`` clears the note); returns the gold
        span, ``edited`` unless the change gives back the candidate. A new label keeps only the
        attributes it allows."""
        cand = self._candidate(group, n)
        base = cand.span
        label = base.label if label is None else label
        start = base.start if start is None else start
        end = base.end if end is None else end
        if attrs is None:
            ldef = self.schema.labels.get(label)
            attrs = {k: v for k, v in base.attrs.items() if ldef is None or k in ldef.attrs}
        note = base.note if note is None else (note or None)
        if base.flag == FLAG_LOST and (start, end) == (base.start, base.end):
            raise DataError(f"{self.doc.id}: span {start}-{end} was lost when the document changed; give it new offsets")
        self._check(label, start, end, attrs)
        same = (label, start, end, attrs, note) == (base.label, base.start, base.end, base.attrs, base.note)
        span = self._take(cand, label=label, start=start, end=end, attrs=dict(attrs), note=note,
                          edited=not same)
        self._decide(group, span, add)
        return span

    def add(self, label: str, start: int, end: int, attrs: dict | None = None, note: str | None = None) -> Added:
        """A span no candidate has, the reviewer's own decision (``from: [gold]``, DataError
        for bad offsets, label or attributes, or a span gold has already)."""
        attrs = dict(attrs or {})
        self._check(label, start, end, attrs)
        if any(s.key == (start, end, label) for s in self._gold_spans()):
            raise DataError(f"{self.doc.id}: gold has {label} {start}-{end} already")
        span = make_span(self.doc.text, self._ids.span(), label, start, end, attrs=attrs, note=note, origin=(GOLD,))
        self._do(("added", span.id, span))
        return Added(span)

    def link(self, label: str, source: Span, target: Span) -> RelationChoice:
        """A relation between two gold spans that no annotator drew (or one rejected before)."""
        gold = {s.id for s in self._gold_spans()}
        if source.id not in gold or target.id not in gold:
            raise DataError("link spans that are in gold: accept or add them first")
        if not self._allowed(label, source, target):
            raise DataError(f"{label} does not go from {source.label} to {target.label}")
        key = (label, source.key, target.key)
        self._do(("rel", key, True))
        return next(r for r in self.relations() if r.key == key)

    def undo(self) -> Item | None:
        """Undo the last decision; returns the item it concerned (or None if nothing to undo)."""
        return self._step(self._undo, self._redo)

    def redo(self) -> Item | None:
        return self._step(self._redo, self._undo)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # ---------------------------------------------------------------- the result

    def gold(self, status: str | None = None, updated: str | None = None) -> Annotation:
        """The gold annotation as decided so far (status ``done`` once nothing is open)."""
        relations = []
        for rc in self.relations():
            if self._rel_state(rc):
                rid = self._rel_ids.get(rc.key)
                if rid is None:
                    rid = self._rel_ids[rc.key] = self._ids.relation()
                relations.append(Relation(rid, rc.label, rc.source.id, rc.target.id))
        if status is None:
            status = "done" if self.open_count() == 0 else "in_progress"
        spans = self._gold_spans()
        return Annotation(self.doc.id, self.doc.sha256, len(self.doc.text), GOLD, status,
                          updated or now_utc(), spans, relations, self._rejections(spans)).sorted()

    def _rejections(self, gold_spans: list[Span]) -> list[Decision]:
        """The decisions a gold file keeps: every rejected candidate place, and every
        rejected relation between two gold spans."""
        out: dict[tuple, Decision] = {}
        for g in self.groups:
            if self._decisions.get(g.index) == ():
                why = self._reasons.get(("span", g.index))
                for c in g.candidates:
                    d = Decision(c.span.label, c.span.start, c.span.end, reason=why)
                    out.setdefault(d.key, d)
        ids = {s.key: s.id for s in gold_spans}
        for key, keep in self._rel.items():
            if keep is False and key[1] in ids and key[2] in ids:
                d = Decision(key[0], source=ids[key[1]], target=ids[key[2]], reason=self._reasons.get(("rel", key)))
                out.setdefault(d.key, d)
        return list(out.values())

    # ---------------------------------------------------------------- internals

    def _gold_spans(self) -> list[Span]:
        return ([s for idx in sorted(self._decisions) for s in self._decisions[idx]] + list(self._extras)
                + list(self._added.values()))

    def _candidate(self, group: Group, n: int) -> Candidate:
        if not 0 <= n < len(group.candidates):
            raise DataError(f"no candidate {n + 1} here ({len(group.candidates)} candidate(s))")
        return group.candidates[n]

    def _take(self, cand: Candidate, **changes) -> Span:
        """A new gold span from a candidate (fresh id, text from the document, no flag)."""
        s = cand.span
        sid = self._ids.span()
        label, start, end = changes.get("label", s.label), changes.get("start", s.start), changes.get("end", s.end)
        span = make_span(self.doc.text, sid, label, start, end, attrs=changes.get("attrs", s.attrs),
                         note=changes.get("note", s.note), origin=s.origin,
                         edited=changes.get("edited", False))
        self._members[sid] = cand.members
        return span

    def _check(self, label: str, start: int, end: int, attrs: dict) -> None:
        where = f"{self.doc.id}: span {start}-{end}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.doc.text)):
            raise DataError(f"{where}: outside the document ({len(self.doc.text)} characters) or empty; edit it")
        ldef = self.schema.labels.get(label)
        problem = rules.label_problem(self.schema, label) or next(
            (p for k, v in attrs.items() if ldef and (p := rules.attr_problem(ldef, k, v))), None)
        if problem:
            raise DataError(f"{where}: {problem}")

    def _allowed(self, label: str, src: Span, tgt: Span) -> bool:
        return rules.relation_fits(self.schema.relations.get(label), src.label, tgt.label)

    def _decide(self, group: Group, span: Span, add: bool) -> None:
        keep = self._decisions.get(group.index, ()) if add else ()
        self._do(("span", group.index, (*keep, span)))

    def _store(self, kind: str) -> dict:
        return self._decisions if kind == "span" else self._added if kind == "added" else self._rel

    def _do(self, change: tuple) -> None:
        kind, key, new = change
        old = self._store(kind).get(key, _ABSENT)
        self._set(kind, key, new)
        self._undo.append((kind, key, old, new))
        self._redo.clear()

    def _set(self, kind: str, key, value) -> None:
        """Spans: absent or None = open. Relations: absent = the default, None = reopened.
        Added spans: absent or None = not in gold."""
        store = self._store(kind)
        if value is _ABSENT or (value is None and kind in ("span", "added")):
            store.pop(key, None)
        else:
            store[key] = value

    def _step(self, src: list, dst: list) -> Item | None:
        if not src:
            return None
        kind, key, old, new = src.pop()
        self._set(kind, key, old)
        dst.append((kind, key, new, old))
        if kind == "span":
            return self.groups[key]
        if kind == "added":
            span = old if isinstance(old, Span) else new
            return Added(span)
        return next((r for r in self.relations() if r.key == key), None)

    def _rel_state(self, rc: RelationChoice) -> bool | None:
        if rc.key in self._rel:
            return self._rel[rc.key]
        if self._saved is not None:
            keys, done = self._saved
            if rc.source.key in keys and rc.target.key in keys:
                return False if done else None  # the saved gold could have had it and has not
        return True if rc.unanimous and self.auto_accept else None

class _Absent:
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()

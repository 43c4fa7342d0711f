"""Adjudication: settle several annotators' work on one document into a gold annotation.

Pure (no Textual, no I/O). :func:`partition` (``adjudicate_groups``) splits every
annotator's spans into groups: unanimous spans, and disagreements (overlapping candidates,
each with who proposed it); ``adjudicate_bounds`` finds where candidates' bounds differ.
:class:`Adjudication` holds the decisions a review screen makes with keys (accept candidate
N, reject, edit, reopen), walks from item to item, and builds the gold
:class:`~tui.model.Annotation` with provenance (``from``, ``edited``). The rules are in
docs/review.md.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.store import rules
from tui.review.bounds import BoundDiff, bound_diffs
from tui.review import links
from tui.review.groups import (Added, Candidate, Group, Item, Link, RelationChoice, RelationItem, disagreements,
                               merge_attrs, partition, review_items)
from tui.review.resume import resume
from tui.corpus import GOLD
from tui.errors import DataError
from tui.model import FLAG_LOST, Annotation, Decision, Document, IdAllocator, Span, make_span, now_utc
from tui.schema import DEFAULT_SCHEMA, Schema

__all__ = ["ACCEPTED", "EDITED", "OPEN", "REJECTED", "Added", "Adjudication", "BoundDiff", "Candidate", "Group", "Item",
           "Link", "RelationChoice", "RelationItem", "bound_diffs", "disagreements", "merge_attrs", "partition",
           "review_items"]

OPEN, ACCEPTED, EDITED, REJECTED = "open", "accepted", "edited", "rejected"


class Adjudication:
    """The gold draft of one document and the decisions that build it. Undo is the
    caller's (review keeps ``decisions()`` with each change of its gold's EditSession and
    ``restore``s them).

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
        self.groups, self.rel_items = review_items(self.annotations)
        self._home: dict[tuple[str, str], tuple[int, str]] = {}  # (annotator, id) -> (group, label)
        for g in self.groups:
            for c in g.candidates:
                for m in c.members:
                    self._home[m] = (g.index, c.span.label)
        self._decisions: dict[int, tuple[Span, ...]] = {}  # absent = open, () = rejected
        self._members: dict[str, tuple[tuple[str, str], ...]] = {}  # gold span id -> members
        self._links: dict[int, tuple[int, ...]] = {}  # relation item -> target groups taken; () rejected
        self._rel: dict[tuple, bool] = {}  # the reviewer's own links (and kept ones): taken or taken back
        self._rel_ids: dict[tuple, str] = {}
        self._extras: tuple[Span, ...] = ()
        self._added: dict[str, Span] = {}  # the reviewer's own spans (``add``), by gold id
        self._reasons: dict[tuple, str | None] = {}  # ("span", group) / ("item", n) / ("rel", key) -> why rejected
        self._ids = IdAllocator()  # gold span and relation ids
        if gold is not None:
            resume(self, gold)
        elif auto_accept:
            for g in self.groups:
                if g.unanimous:
                    self._decisions[g.index] = (self._take(g.candidates[0]),)
            for it in self.rel_items:
                if it.unanimous:
                    self._links[it.index] = tuple(lk.target_group for lk in it.links)

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
        if isinstance(item, RelationItem):
            taken = self._links.get(item.index)
            if taken is None:
                return REJECTED if self._moot(item) else OPEN
            return ACCEPTED if taken else REJECTED
        return ACCEPTED if self._rel.get(item.key) else REJECTED  # an own link: in gold or taken back

    def chosen(self, group: Group) -> tuple[Span, ...]:
        """The gold spans decided for ``group`` (empty when open or rejected)."""
        return self._decisions.get(group.index) or ()

    def taken(self, item: RelationItem) -> tuple[int, ...]:
        """The target groups of ``item``'s links that were accepted."""
        return self._links.get(item.index) or ()

    def in_gold(self, item: RelationItem, link: Link) -> bool:
        """Whether gold has ``link`` now (accepted, and both its ends in gold)."""
        return (link.target_group in self.taken(item)
                and links.link_ends(self, item, link.target_group, links.resolver(self)) is not None)

    def relations(self) -> list[RelationChoice]:
        """The reviewer's own links (and relations kept from a resumed gold that no
        relation item holds), between current gold spans."""
        return links.own_links(self)

    def items(self) -> list[Item]:
        """Every group, relation and span the reviewer added, in document order."""
        added = [Added(s) for s in self._added.values()]
        return sorted([*self.groups, *self.rel_items, *self.relations(), *added], key=lambda it: it.order)

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
        """Accept candidate ``n`` (0-based) of a group or a relation item (its open ends come
        into gold with it), or an own relation. ``add`` keeps what the item already has
        (two spans where annotators drew one, two links of one claim)."""
        if isinstance(item, RelationItem):
            self._accept_link(item, n, add)
            return
        if isinstance(item, RelationChoice):
            self._rel[item.key] = True
            return
        if isinstance(item, Added):
            return  # the reviewer's own span is in gold already
        cand = self._candidate(item, n)
        self._check_candidate(cand)
        self._decide(item, self._take(cand), add)

    def reject(self, item: Item, reason: str | None = None) -> None:
        """Nothing of this group (or relation item, or own relation) goes into gold; the gold
        keeps the rejection and ``reason`` (format margin/2), so a resumed review does not
        reopen it."""
        if isinstance(item, Added):
            self._added.pop(item.span.id, None)  # the reviewer's own span: taken back
        elif isinstance(item, RelationItem):
            self._reasons[("item", item.index)] = reason or None
            self._links[item.index] = ()
        elif isinstance(item, RelationChoice):
            self._reasons[("rel", item.key)] = reason or None
            self._rel[item.key] = False
        else:
            self._reasons[("span", item.index)] = reason or None
            self._decisions[item.index] = ()

    def reason(self, item: Item) -> str | None:
        """Why ``item`` was rejected (None when not rejected or no reason was given)."""
        if self.state(item) != REJECTED or isinstance(item, Added):
            return None
        key = (("rel", item.key) if isinstance(item, RelationChoice) else
               ("item", item.index) if isinstance(item, RelationItem) else ("span", item.index))
        return self._reasons.get(key)

    def reopen(self, item: Item) -> None:
        """Back to undecided (a span or link the reviewer added comes back)."""
        if isinstance(item, Added):
            self._added[item.span.id] = item.span
        elif isinstance(item, RelationItem):
            self._links.pop(item.index, None)
        elif isinstance(item, RelationChoice):
            self._rel[item.key] = True  # the reviewer's own link comes back (like an added span)
        else:
            self._decisions.pop(item.index, None)

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
        self._added[span.id] = span
        return Added(span)

    def link(self, label: str, source: Span, target: Span) -> RelationItem | RelationChoice:
        """A relation between two gold spans: a link some annotator drew (its relation item
        takes it too), else the reviewer's own (or one rejected before)."""
        gold = {s.id for s in self._gold_spans()}
        if source.id not in gold or target.id not in gold:
            raise DataError("link spans that are in gold: accept or add them first")
        if not self._allowed(label, source, target):
            raise DataError(f"{label} does not go from {source.label} to {target.label}")
        where = {s.id: idx for idx, spans in self._decisions.items() for s in spans}
        for item in self.rel_items:
            if item.label == label and item.group == where.get(source.id):
                n = next((i for i, lk in enumerate(item.links) if lk.target_group == where.get(target.id)), None)
                if n is not None:
                    self.accept(item, n, add=True)
                    return item
        key = (label, source.key, target.key)
        self._rel[key] = True
        return next(r for r in self.relations() if r.key == key)

    def decisions(self) -> tuple:
        """Everything decided so far, to ``restore`` (review's undo keeps it with each change
        of the gold). Ids are not in it: a session never hands one out twice."""
        return (dict(self._decisions), dict(self._links), dict(self._rel), dict(self._added), dict(self._reasons))

    def restore(self, decided: tuple) -> None:
        """Back to what ``decisions()`` returned."""
        self._decisions, self._links, self._rel, self._added, self._reasons = (dict(d) for d in decided)

    # ---------------------------------------------------------------- the result

    def gold(self, status: str | None = None, updated: str | None = None) -> Annotation:
        """The gold annotation as decided so far (status ``done`` once nothing is open)."""
        if status is None:
            status = "done" if self.open_count() == 0 else "in_progress"
        spans = self._gold_spans()
        rejected = self._rejections() + links.rejected_relations(self, spans)
        return Annotation(self.doc.id, self.doc.sha256, len(self.doc.text), GOLD, status,
                          updated or now_utc(), spans, links.relations(self, spans), rejected).sorted()

    def _rejections(self) -> list[Decision]:
        """The span decisions a gold file keeps: every rejected candidate place."""
        out: dict[tuple, Decision] = {}
        for g in self.groups:
            if self._decisions.get(g.index) == ():
                why = self._reasons.get(("span", g.index))
                for c in g.candidates:
                    d = Decision(c.span.label, c.span.start, c.span.end, reason=why)
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
        self._decisions[group.index] = (*keep, span)

    def _check_candidate(self, cand: Candidate) -> None:
        s = cand.span
        if s.flag == FLAG_LOST:
            raise DataError(f"{self.doc.id}: span {s.start}-{s.end} was lost when the document changed; edit it")
        self._check(s.label, s.start, s.end, s.attrs)

    def _accept_link(self, item: RelationItem, n: int, add: bool) -> None:
        """Take link ``n`` of ``item``; an end whose group is open takes the candidate the
        link's first drawer drew there (one key settles a relation and what it joins)."""
        if not 0 <= n < len(item.links):
            raise DataError(f"no link {n + 1} here ({len(item.links)} link(s))")
        link = item.links[n]
        name, source, target = link.members[0]
        open_ends: list[tuple[int, Candidate]] = []
        for idx, member in ((item.group, (name, source)), (link.target_group, (name, target))):
            if self._decisions.get(idx) == ():
                what = self.groups[idx].candidates[0].span.label
                raise DataError(f"its {what} is rejected: go there and reopen it (o) first")
            if idx not in self._decisions and all(i != idx for i, _ in open_ends):
                cand = next(c for c in self.groups[idx].candidates if member in c.members)
                self._check_candidate(cand)
                open_ends.append((idx, cand))
        for idx, cand in open_ends:
            self._decisions[idx] = (self._take(cand),)
        keep = tuple(t for t in self._links.get(item.index, ()) if t != link.target_group) if add else ()
        self._links[item.index] = (*keep, link.target_group)

    def _moot(self, item: RelationItem) -> bool:
        """Nothing of ``item`` can go into gold: its claim, or every target, is rejected."""
        return (self._decisions.get(item.group) == ()
                or all(self._decisions.get(lk.target_group) == () for lk in item.links))

"""Grouping several annotators' spans of one document for adjudication (pure, no I/O).

:func:`partition` splits every annotator's spans into groups: unanimous spans, and
disagreements (overlapping candidates, each with who proposed it); :func:`relation_items`
gathers every annotator's relations from one claim into one :class:`RelationItem`;
:func:`review_items` is both, the one definition of what a review settles (``agree`` and
the dashboard count it too). A :class:`RelationChoice` is a relation between two gold
spans no item holds (the reviewer's own). The rules are in docs/review.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.model import Annotation, Span


@dataclass(frozen=True)
class Candidate:
    """One version of a span: what gold gets if it is accepted (``origin`` = who proposed it)."""

    span: Span
    members: tuple[tuple[str, str], ...]  # (annotator, span id) it stands for

    @property
    def annotators(self) -> tuple[str, ...]:
        return self.span.origin


@dataclass(frozen=True)
class Group:
    """Spans of one place: a unanimous span, or the competing candidates of a disagreement."""

    index: int
    candidates: tuple[Candidate, ...]
    unanimous: bool
    start: int
    end: int

    @property
    def order(self) -> tuple:
        return (self.start, 0, self.end, self.index)


@dataclass(frozen=True)
class RelationChoice:
    """A relation between two gold spans, with the annotators who drew it."""

    label: str
    source: Span  # gold spans
    target: Span
    annotators: tuple[str, ...]
    unanimous: bool

    @property
    def key(self) -> tuple:
        return (self.label, self.source.key, self.target.key)

    @property
    def order(self) -> tuple:
        return (self.source.start, 1, self.source.end, self.target.start, self.target.end, self.label)


@dataclass(frozen=True)
class Added:
    """A span no candidate has, drawn by the reviewer (in gold as ``from: [gold]``)."""

    span: Span
    unanimous = True  # nothing to settle: never among the items to review

    @property
    def order(self) -> tuple:
        return (self.span.start, 0, self.span.end, -1)


@dataclass(frozen=True)
class Link:
    """One target a claim's relation goes to, and who drew it (a candidate of a
    :class:`RelationItem`): ``target`` is the first drawer's target span, ``target_group``
    the group it is in; ``members`` are (annotator, source span id, target span id)."""

    target: Span
    target_group: int
    members: tuple[tuple[str, str, str], ...]

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m[0] for m in self.members))


@dataclass(frozen=True)
class RelationItem:
    """Every annotator's ``label`` relations from one claim (the spans of group ``group``):
    one review item, one candidate :class:`Link` per target group. Unanimous when every
    annotator links the claim to the same targets."""

    index: int
    label: str
    group: int
    source: Span  # the first drawer's source span
    links: tuple[Link, ...]
    unanimous: bool
    start: int  # the source group's place
    end: int

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for link in self.links for a in link.annotators))

    @property
    def order(self) -> tuple:
        return (self.start, 1, self.end, -1, -1, self.label)


Item = Group | RelationItem | RelationChoice | Added


# --------------------------------------------------------------------------- grouping


def merge_attrs(spans) -> dict | None:
    """Union of the spans' attributes, or None if two spans give one attribute different values."""
    merged: dict = {}
    for s in spans:
        for k, v in s.attrs.items():
            if k not in merged:
                merged[k] = v
            elif merged[k] != v:
                return None
    return merged


def _merge_notes(entries) -> str | None:
    notes: dict[str, str] = {}
    for name, s in entries:
        if s.note:
            notes.setdefault(s.note, name)
    if len(notes) <= 1:
        return next(iter(notes), None)
    return "; ".join(f"{name}: {note}" for note, name in notes.items())


def _candidate(entries: list[tuple[str, Span]], attrs: dict) -> Candidate:
    rep = entries[0][1]
    flag = next((s.flag for _, s in entries if s.flag), None)
    origin = tuple(dict.fromkeys(name for name, _ in entries))
    span = Span(rep.id, rep.label, rep.start, rep.end, rep.text, rep.prefix, rep.suffix, attrs,
                _merge_notes(entries), None, origin, False, flag)
    return Candidate(span, tuple((name, s.id) for name, s in entries))


def _candidates(entries: list[tuple[str, Span]], rank: dict[str, int]) -> list[Candidate]:
    by_key: dict[tuple, list] = {}
    for e in entries:
        by_key.setdefault(e[1].key, []).append(e)
    out = []
    for es in by_key.values():
        merged = merge_attrs(s for _, s in es)
        if merged is not None:
            out.append(_candidate(es, merged))
            continue
        by_attrs: dict[tuple, list] = {}
        for e in es:
            by_attrs.setdefault(tuple(sorted(e[1].attrs.items())), []).append(e)
        out.extend(_candidate(v, dict(v[0][1].attrs)) for v in by_attrs.values())
    # a stable order, by annotator: candidate 1 is the first annotator's version whatever its
    # length or support, so a key pressed through a review always means the same person
    out.sort(key=lambda c: (rank[c.annotators[0]], c.span.start, c.span.end, c.span.label))
    return out


def partition(annotations: Mapping[str, Annotation]) -> list[Group]:
    """Every span of ``annotations`` (annotator -> Annotation of one document), in groups.

    A span is unanimous when every annotator has it (same start, end, label), none of the
    copies carries an anchor flag and their attributes do not conflict (merged). The other
    spans are grouped: same label and overlapping, or same start and end (transitively).
    """
    rank = {n: i for i, n in enumerate(annotations)}
    unanimous, rest = _split(annotations)
    groups = [([_candidate(es, merged)], True) for es, merged in unanimous]
    groups += [(_candidates(members, rank), False) for members in _clusters(rest)]
    placed = sorted(((min(c.span.start for c in cands), max(c.span.end for c in cands),
                      cands[0].span.label, cands, u) for cands, u in groups), key=lambda g: g[:3])
    return [Group(i, tuple(c), u, s, e) for i, (s, e, _, c, u) in enumerate(placed)]


def relation_items(annotations: Mapping[str, Annotation], groups: list[Group]) -> list[RelationItem]:
    """The relations of ``annotations`` as review items: one per claim group and relation
    label, its candidates the target groups the annotators link it to (in annotator
    order, as span candidates). Relations whose ends are not in ``groups`` are left out."""
    rank = {n: i for i, n in enumerate(annotations)}
    home = {m: g.index for g in groups for c in g.candidates for m in c.members}
    spans = {(name, s.id): s for name, ann in annotations.items() for s in ann.spans}
    found: dict[tuple[int, str], dict[int, list[tuple[str, str, str]]]] = {}
    for name, ann in annotations.items():
        for r in ann.relations:
            src, tgt = home.get((name, r.source)), home.get((name, r.target))
            if src is not None and tgt is not None:
                members = found.setdefault((src, r.label), {}).setdefault(tgt, [])
                if (name, r.source, r.target) not in members:
                    members.append((name, r.source, r.target))
    items: list[RelationItem] = []
    for (gi, label), targets in sorted(found.items()):
        links = sorted((Link(spans[(ms[0][0], ms[0][2])], t, tuple(ms)) for t, ms in targets.items()),
                       key=lambda lk: (rank[lk.members[0][0]], lk.target_group))
        drawn = {n: frozenset(t for t, ms in targets.items() if any(m[0] == n for m in ms)) for n in annotations}
        first = links[0].members[0]
        g = groups[gi]
        items.append(RelationItem(len(items), label, gi, spans[(first[0], first[1])], tuple(links),
                                  len(set(drawn.values())) == 1, g.start, g.end))
    return items


def review_items(annotations: Mapping[str, Annotation]) -> tuple[list[Group], list[RelationItem]]:
    """The one definition of what a review settles: the span groups and the relation items
    of ``annotations`` (annotator -> Annotation of one document)."""
    groups = partition(annotations)
    return groups, relation_items(annotations, groups)


def disagreements(annotations: Mapping[str, Annotation]) -> int:
    """How many review items of ``annotations`` are not unanimous: what a reviewer must
    settle (``margin agree``, the dashboard and ``margin review`` all count these)."""
    groups, relations = review_items(annotations)
    return sum(not g.unanimous for g in groups) + sum(not r.unanimous for r in relations)


def _split(annotations: Mapping[str, Annotation]) -> tuple[list, list]:
    """([(one entry per annotator, merged attrs)] of unanimous spans, [other entries]);
    an entry is (annotator, span)."""
    n = len(annotations)
    by_key: dict[tuple, list[tuple[str, Span]]] = {}
    for name, ann in annotations.items():
        for s in ann.spans:
            by_key.setdefault((s.start, s.end, s.label), []).append((name, s))
    unanimous, rest = [], []
    for entries in by_key.values():
        if len(entries) >= n:
            first: dict[str, tuple[str, Span]] = {}
            extra = []
            for e in entries:
                if e[0] in first:
                    extra.append(e)
                else:
                    first[e[0]] = e
            if len(first) == n:
                es = list(first.values())
                merged = merge_attrs(s for _, s in es)
                if merged is not None and all(s.flag is None for _, s in es):
                    unanimous.append((es, merged))
                    rest.extend(extra)
                    continue
        rest.extend(entries)
    return unanimous, rest


def _clusters(entries: list[tuple[str, Span]]) -> list[list[tuple[str, Span]]]:
    """Connected sets of spans: same label and overlapping, or same start and end."""
    parent = list(range(len(entries)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(entries)), key=lambda i: (entries[i][1].label, entries[i][1].start))
    label, head, reach = None, -1, -1
    for i in order:
        s = entries[i][1]
        if s.label == label and s.start < reach:
            parent[find(i)] = find(head)
            reach = max(reach, s.end)
        else:
            label, head, reach = s.label, i, s.end
    same_place: dict[tuple[int, int], int] = {}
    for i, (_, s) in enumerate(entries):
        j = same_place.setdefault((s.start, s.end), i)
        if j != i:
            parent[find(i)] = find(j)
    out: dict[int, list] = {}
    for i, e in enumerate(entries):
        out.setdefault(find(i), []).append(e)
    return list(out.values())

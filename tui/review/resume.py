"""Resuming an adjudication from a saved gold file (docs/review.md, "Resuming").

Pure (no Textual, no I/O): fills an :class:`~tui.review.adjudication.Adjudication`'s
decisions from the gold annotation it wrote before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.corpus import GOLD
from tui.model import Annotation, IdAllocator, Span
from tui.review.groups import Candidate

if TYPE_CHECKING:
    from tui.review.adjudication import Adjudication


def resume(adj: Adjudication, gold: Annotation) -> None:
    """Start from a saved gold: its spans settle the groups they fall in; the others stay
    open (rejected if the gold is ``done``); spans matching no group are kept as they are."""
    by_key: dict[tuple, tuple[int, Candidate]] = {}
    for g in adj.groups:
        for c in g.candidates:
            by_key.setdefault((c.span.key, tuple(sorted(c.span.attrs.items()))), (g.index, c))
            by_key.setdefault((c.span.key, None), (g.index, c))
    attached: dict[int, list[Span]] = {}
    extras: list[Span] = []
    for s in gold.spans:
        if s.origin == (GOLD,):  # drawn by the reviewer: stays the reviewer's own
            adj._added[s.id] = s
            continue
        hit = by_key.get((s.key, tuple(sorted(s.attrs.items())))) or by_key.get((s.key, None))
        idx: int | None
        if hit is not None:
            idx, cand = hit
            adj._members[s.id] = cand.members
        else:
            idx = next((g.index for g in adj.groups if s.start < g.end and g.start < s.end
                        and any(c.span.label == s.label and s.overlaps(c.span.start, c.span.end)
                                for c in g.candidates)), None)
        if idx is None:
            extras.append(s)
        else:
            attached.setdefault(idx, []).append(s)
    done = gold.status == "done"
    rejected = {d.key: d.reason for d in gold.decisions if d.is_span}
    for g in adj.groups:
        if g.index in attached:
            adj._decisions[g.index] = tuple(attached[g.index])
        elif all(c.span.key in rejected for c in g.candidates):  # kept decisions (margin/2)
            adj._decisions[g.index] = ()
            adj._reasons[("span", g.index)] = next(
                (rejected[c.span.key] for c in g.candidates if rejected[c.span.key]), None)
        elif done:
            adj._decisions[g.index] = ()
    adj._extras = tuple(extras)
    group_of = {s.id: idx for idx, spans in attached.items() for s in spans}
    _resume_relations(adj, gold, group_of, done)
    adj._ids = IdAllocator.of(gold)


def _resume_relations(adj: Adjudication, gold: Annotation, group_of: dict[str, int], done: bool) -> None:
    """Saved relations (and relation decisions) settle the relation items whose links they
    are; the others stay the reviewer's own. An item the saved gold says nothing about is
    open, or rejected in a ``done`` gold; a unanimous one whose ends are not both in gold
    starts accepted (auto-accept), as in a new review."""
    by_id = gold.span_by_id()
    items = {(it.group, it.label): it for it in adj.rel_items}
    taken: dict[int, list[int]] = {}
    rejected: dict[int, str | None] = {}

    def item_of(label: str, source: str, target: str):
        it = items.get((group_of.get(source, -1), label))
        t = group_of.get(target)
        return (it, t) if it is not None and any(lk.target_group == t for lk in it.links) else (None, None)

    for r in gold.relations:
        key = (r.label, by_id[r.source].key, by_id[r.target].key)
        adj._rel_ids[key] = r.id
        it, t = item_of(r.label, r.source, r.target)
        if it is None:
            adj._rel[key] = True
        else:
            taken.setdefault(it.index, []).append(t)
    for d in gold.decisions:
        if not d.is_span and d.source in by_id and d.target in by_id:
            it, _ = item_of(d.label, d.source, d.target)
            if it is None:
                key = (d.label, by_id[d.source].key, by_id[d.target].key)
                adj._rel[key] = False
                adj._reasons[("rel", key)] = d.reason
            else:
                rejected[it.index] = rejected.get(it.index) or d.reason
    for it in adj.rel_items:
        if it.index in taken:
            adj._links[it.index] = tuple(dict.fromkeys(taken[it.index]))
        elif it.index in rejected or done:
            adj._links[it.index] = ()
            adj._reasons[("item", it.index)] = rejected.get(it.index)
        elif it.unanimous and adj.auto_accept and not (it.group in group_of.values()
                                                      and any(lk.target_group in group_of.values() for lk in it.links)):
            adj._links[it.index] = tuple(lk.target_group for lk in it.links)

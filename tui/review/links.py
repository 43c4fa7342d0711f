"""The relations of an adjudication's gold (pure): which gold spans an annotator's
relation joins, the relations gold has from its relation items and the reviewer's own
links, and the relation decisions a gold file keeps. docs/review.md, "Relations".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.model import Decision, Relation, Span
from tui.review.groups import RelationChoice, RelationItem

if TYPE_CHECKING:
    from tui.review.adjudication import Adjudication

Resolve = Callable[[str, str], "Span | None"]  # (annotator, span id) -> its gold span


def resolver(adj: Adjudication) -> Resolve:
    """An annotator's span -> its gold span: the gold span made from a candidate holding it,
    else the one gold span of its label in its group (bob's shorter ACTOR counts once
    alice's version is accepted); None when neither is there."""
    by_member: dict[tuple[str, str], Span] = {}
    sole: dict[tuple[int, str], Span | None] = {}
    for idx, spans in adj._decisions.items():
        for s in spans:
            for m in adj._members.get(s.id, ()):
                by_member[m] = s
            k = (idx, s.label)
            sole[k] = s if k not in sole else None

    def gold_of(name: str, sid: str) -> Span | None:
        m = (name, sid)
        if m in by_member:
            return by_member[m]
        home = adj._home.get(m)
        return sole.get(home) if home else None
    return gold_of


def link_ends(adj: Adjudication, item: RelationItem, target_group: int, gold_of: Resolve) -> tuple[Span, Span] | None:
    """The gold spans the link of ``item`` to ``target_group`` joins (the first drawer's
    whose ends are both in gold and whose labels the relation allows), or None."""
    link = next(lk for lk in item.links if lk.target_group == target_group)
    for name, s, t in link.members:
        src, tgt = gold_of(name, s), gold_of(name, t)
        if src is not None and tgt is not None and adj._allowed(item.label, src, tgt):
            return src, tgt
    return None


def gold_relations(adj: Adjudication, gold_spans: list[Span]) -> list[tuple[tuple, Span, Span]]:
    """(key, source, target) of every relation gold has: the accepted links of relation
    items whose ends are in gold, then the reviewer's own links."""
    gold_of = resolver(adj)
    found: dict[tuple, tuple[Span, Span]] = {}
    for item in adj.rel_items:
        for t in adj._links.get(item.index) or ():
            ends = link_ends(adj, item, t, gold_of)
            if ends is not None:
                found.setdefault((item.label, ends[0].key, ends[1].key), ends)
    by_key = {s.key: s for s in reversed(gold_spans)}
    for key, keep in adj._rel.items():
        if keep and key not in found and key[1] in by_key and key[2] in by_key:
            src, tgt = by_key[key[1]], by_key[key[2]]
            if adj._allowed(key[0], src, tgt):
                found[key] = (src, tgt)
    return [(k, src, tgt) for k, (src, tgt) in found.items()]


def own_links(adj: Adjudication) -> list[RelationChoice]:
    """The relations between gold spans no relation item holds: drawn by the reviewer
    (``link``) or kept from a resumed gold, taken back or not."""
    by_key = {s.key: s for s in reversed(adj._gold_spans())}
    out = []
    for key in adj._rel:
        if key[1] in by_key and key[2] in by_key and adj._allowed(key[0], by_key[key[1]], by_key[key[2]]):
            out.append(RelationChoice(key[0], by_key[key[1]], by_key[key[2]], (), True))
    return out


def relations(adj: Adjudication, gold_spans: list[Span]) -> list[Relation]:
    """Gold's relations, each with its id (kept from the resumed gold or made once)."""
    out = []
    for key, src, tgt in gold_relations(adj, gold_spans):
        rid = adj._rel_ids.get(key)
        if rid is None:
            rid = adj._rel_ids[key] = adj._ids.relation()
        out.append(Relation(rid, key[0], src.id, tgt.id))
    return out


def rejected_relations(adj: Adjudication, gold_spans: list[Span]) -> list[Decision]:
    """The relation decisions a gold file keeps: each link of a settled relation item whose
    ends are in gold, when the item puts no relation in gold (rejected, or the links taken
    lost an end the reviewer rejected later: the file then says what a resumed review would
    read, a settled item and none of its links), and each own link taken back."""
    gold_of = resolver(adj)
    out = []
    for item in adj.rel_items:
        taken = adj._links.get(item.index)
        if taken is not None and not any(link_ends(adj, item, t, gold_of) for t in taken):
            why = adj._reasons.get(("item", item.index))
            for link in item.links:
                ends = link_ends(adj, item, link.target_group, gold_of)
                if ends is not None:
                    out.append(Decision(item.label, source=ends[0].id, target=ends[1].id, reason=why))
    ids = {s.key: s.id for s in gold_spans}
    for key, keep in adj._rel.items():
        if keep is False and key[1] in ids and key[2] in ids:
            out.append(Decision(key[0], source=ids[key[1]], target=ids[key[2]], reason=adj._reasons.get(("rel", key))))
    return out

"""Adjudication core: grouping, decisions (kept and restored for undo), gold with provenance, resume."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import SEED
from tests.test_agree import build_team
from tui import store
from tui.review.adjudication import ACCEPTED, EDITED, OPEN, REJECTED, Adjudication, Group, RelationItem, partition
from tui.errors import DataError
from tui.model import Annotation, make_span


@pytest.fixture
def team(corpus_dir):
    corpus = build_team(corpus_dir)
    doc = corpus.document(SEED)
    anns = {who: store.load(corpus.annotation_path(SEED, who), corpus.schema, doc).annotation
            for who in ("alice", "bob", "carol")}
    return corpus, doc, anns


def where(group: Group) -> list:
    return [(c.span.start, c.span.end, c.span.label, c.annotators) for c in group.candidates]


def test_partition_unanimous_and_disagreements(team):
    _, _, anns = team
    groups = partition(anns)
    assert [(g.start, g.unanimous) for g in groups] == [
        (310, False), (349, True), (378, True), (538, False), (555, False), (598, False),
        (1602, True), (1619, True), (1619, True), (3194, False)]
    g = {grp.start: grp for grp in groups}
    assert where(g[310]) == [(310, 343, "ACTOR", ("alice", "carol")), (310, 329, "ACTOR", ("bob",))]
    assert where(g[555]) == [(555, 576, "ACTOR", ("alice", "bob")), (555, 576, "CLAIM", ("carol",))]
    assert [c.span.attrs["qualifier"] for c in g[598].candidates] == ["at least", "about"]
    assert where(g[3194]) == [(3194, 3217, "FIGURE", ("alice", "carol"))]
    assert g[349].candidates[0].annotators == ("alice", "bob", "carol")
    assert g[349].candidates[0].members == (("alice", "s3"), ("bob", "s3"), ("carol", "s3"))


def test_attributes_merge_unless_they_conflict_and_flags_need_a_look(team):
    _, doc, anns = team
    alice = anns["alice"]
    s1 = alice.span_by_id()["s1"]
    bare = replace(alice, annotator="bob", spans=[s1.with_(attrs={}, note="check")])
    [grp] = partition({"alice": replace(alice, spans=[s1]), "bob": bare})
    assert grp.unanimous and grp.candidates[0].span.attrs == {"type": "government"}
    assert grp.candidates[0].span.note == "check"
    flagged = replace(bare, spans=[s1.with_(flag="fuzzy")])
    [grp] = partition({"alice": replace(alice, spans=[s1]), "bob": flagged})
    assert not grp.unanimous and grp.candidates[0].span.flag == "fuzzy"
    twice = replace(alice, spans=[s1, s1.with_(id="s2")])
    assert [g.unanimous for g in partition({"alice": twice, "bob": replace(bare, spans=[])})] == [False]
    adj = Adjudication(doc, {"alice": replace(alice, spans=[s1]), "bob": flagged})
    [grp] = adj.groups
    adj.accept(grp)
    assert adj.chosen(grp)[0].flag is None and adj.chosen(grp)[0].origin == ("alice", "bob")
    lost = Adjudication(doc, {"alice": replace(alice, spans=[s1.with_(flag="lost")])})
    [grp] = lost.groups
    with pytest.raises(DataError, match="was lost"):
        lost.accept(grp)
    with pytest.raises(DataError, match="was lost"):
        lost.edit(grp, label="CLAIM")
    assert lost.edit(grp, start=330, end=343).text == "in Phnom Penh" and lost.state(grp) == EDITED


def test_settle_every_disagreement_with_provenance(team, corpus):
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    assert [s.key for s in adj.gold().spans] == [(349, 441, "CLAIM"), (378, 404, "FIGURE"), (1602, 1608, "ACTOR"),
                                                 (1619, 1640, "FIGURE"), (1619, 1682, "CLAIM")]
    assert all(s.origin == ("alice", "bob", "carol") for s in adj.gold().spans)
    seen = []
    item = adj.next()
    while item is not None and item not in seen:
        seen.append(item)
        item = adj.next(item)
    assert [(type(i).__name__, i.order[0]) for i in seen] == [
        ("Group", 310), ("Group", 538), ("Group", 555), ("Group", 598), ("RelationItem", 1619), ("Group", 3194)]
    r2 = seen[4]  # carol did not link this claim: one item, one link, alice's and bob's
    assert r2.annotators == ("alice", "bob") and adj.state(r2) == OPEN and len(r2.links) == 1

    g310, g538, g555, g598, g3194 = (i for i in seen if isinstance(i, Group))
    adj.accept(g310, 0)
    # alice's and carol's r1 point at the accepted span; bob's at his shorter one, same group
    r1 = adj.rel_items[0]
    assert r1.start == 349 and adj.in_gold(r1, r1.links[0])
    assert r1.annotators == ("alice", "bob", "carol") and r1.unanimous and adj.state(r1) == ACCEPTED
    adj.reject(g538)
    adj.accept(g555, 0)
    edited = adj.edit(g598, 1, attrs={"value": 15, "unit": "videos and images", "qualifier": "exact"})
    assert edited.edited and edited.origin == ("carol",)
    adj.accept(g3194)
    assert adj.next(open_only=True) == r2
    adj.accept(r2)
    assert adj.next(open_only=True) is None and adj.open_count() == 0
    assert [adj.state(g) for g in (g310, g538, g555, g598, g3194)] == [ACCEPTED, REJECTED, ACCEPTED, EDITED, ACCEPTED]

    gold = adj.gold(updated="2026-11-25T10:00:00Z")
    assert gold.status == "done" and gold.annotator == "gold"
    got = {(s.start, s.end, s.label): (s.origin, s.edited) for s in gold.spans}
    assert got[(310, 343, "ACTOR")] == (("alice", "carol"), False)
    assert got[(555, 576, "ACTOR")] == (("alice", "bob"), False)
    assert got[(598, 627, "FIGURE")] == (("carol",), True)
    assert got[(3194, 3217, "FIGURE")] == (("alice", "carol"), False)
    assert (538, 553, "ACTOR") not in got and len(gold.spans) == 9
    by_id = gold.span_by_id()
    assert sorted((by_id[r.source].start, by_id[r.target].start) for r in gold.relations) == [(349, 310), (1619, 1602)]
    text = store.dumps(gold)
    assert "  from: [alice, carol]\n" in text and "  edited: true\n" in text
    assert store.parse(text, "gold.yaml", corpus.schema, doc) == gold  # valid, round-trips


def test_decisions_restore_the_gold_they_made(team):
    """Review's undo keeps ``decisions()`` with each change and ``restore``s them."""
    _, doc, anns = team
    adj = Adjudication(doc, anns)
    when = "2026-11-25T10:00:00Z"
    g = adj.next()
    start, gold0 = adj.decisions(), adj.gold(updated=when)
    adj.accept(g, 1)
    accepted, gold1 = adj.decisions(), adj.gold(updated=when)
    adj.reject(g)
    assert adj.state(g) == REJECTED
    adj.restore(accepted)
    assert adj.state(g) == ACCEPTED and adj.chosen(g)[0].origin == ("bob",) and adj.gold(updated=when) == gold1
    adj.restore(start)
    assert adj.state(g) == OPEN and adj.gold(updated=when) == gold0
    r1, r2 = adj.rel_items
    adj.accept(r2)
    adj.reopen(r1)  # auto-accepted, reopened explicitly
    assert adj.state(r1) == OPEN and len(adj.gold().relations) == 1  # r2 only
    adj.accept(g, 0)
    adj.reject(g)  # the ACTOR goes: nothing of r1 can go into gold, it is settled with it
    assert adj.state(r1) == REJECTED and all(r.target != "s1" for r in adj.gold().relations)


def test_add_keeps_several_spans_of_a_group(team):
    _, doc, anns = team
    adj = Adjudication(doc, anns)
    g = adj.groups[0]
    adj.accept(g, 0)
    adj.accept(g, 1, add=True)
    assert [s.end for s in adj.chosen(g)] == [343, 329]
    assert len({s.id for s in adj.gold().spans}) == len(adj.gold().spans)


def test_edit_checks_and_label_change(team):
    _, doc, anns = team
    adj = Adjudication(doc, anns)
    g = adj.groups[0]
    start = adj.decisions()
    with pytest.raises(DataError, match="outside the document"):
        adj.edit(g, 0, end=len(doc.text) + 1)
    with pytest.raises(DataError, match="unknown label 'PLACE'"):
        adj.edit(g, 0, label="PLACE")
    with pytest.raises(DataError, match="unknown value 'company'"):
        adj.edit(g, 0, attrs={"type": "company"})
    with pytest.raises(DataError, match="no candidate 3"):
        adj.accept(g, 2)
    assert adj.state(g) == OPEN and adj.decisions() == start
    same = adj.edit(g, 0, end=343)
    assert not same.edited and same.text == "Indonesia’s embassy in Phnom Penh"
    claim = adj.edit(g, 1, label="CLAIM")
    assert claim.edited and claim.attrs == {} and claim.label == "CLAIM" and claim.origin == ("bob",)


def test_resume_from_saved_gold(team, corpus):
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    groups = [g for g in adj.groups if not g.unanimous]
    adj.accept(groups[0], 0)
    adj.reject(groups[1], "both versions cut the name")
    adj.edit(groups[3], 1, attrs={"value": 15, "unit": "videos and images", "qualifier": "exact"})
    path = corpus.annotation_path(SEED, "gold")
    before = adj.gold(updated="2026-11-25T10:00:00Z")
    assert before.status == "in_progress"
    store.save(path, before, None)
    saved = store.load(path, corpus.schema, doc).annotation
    again = Adjudication(doc, anns, saved, schema=corpus.schema)
    assert again.gold(updated=before.updated) == before  # same ids, same relations
    states = [again.state(g) for g in again.groups if not g.unanimous]
    # the rejection and its reason are kept in the file (margin/2): a resumed review does
    # not reopen it
    assert states == [ACCEPTED, REJECTED, OPEN, EDITED, OPEN]
    assert path.read_text().startswith("format: margin/2\n")
    assert {d.reason for d in saved.decisions} == {"both versions cut the name"}
    assert {d.key for d in saved.decisions} == {(c.span.start, c.span.end, c.span.label) for c in groups[1].candidates}
    assert again.reason(again.groups[groups[1].index]) == "both versions cut the name"
    assert again.next(open_only=True) is not again.groups[groups[1].index]
    assert again.chosen(again.groups[0])[0].id == before.spans[0].id
    new = again.edit(again.groups[0], 1)
    assert int(new.id[1:]) > max(int(s.id[1:]) for s in before.spans)  # ids never reused

    for g in (groups[1], groups[2], groups[4]):
        adj.reject(g)
    adj.reject(adj.rel_items[1])
    done = adj.gold()
    assert done.status == "done"
    resumed = Adjudication(doc, anns, done, schema=corpus.schema)
    assert resumed.open_count() == 0 and resumed.gold(updated=done.updated) == done


def test_review_a_single_colleague_line_by_line(team):
    _, doc, anns = team
    adj = Adjudication(doc, {"alice": anns["alice"]}, auto_accept=False)
    assert adj.gold().spans == [] and len(adj.to_review()) == 9 + 2  # spans, and the two claims' relations
    item = adj.next(open_only=True)
    while item is not None:
        adj.accept(item)
        item = adj.next(item, open_only=True)
    assert adj.open_count() == 0
    gold = adj.gold()
    assert [(s.key, s.origin) for s in gold.spans] == [(s.key, ("alice",)) for s in anns["alice"].sorted().spans]
    assert len(gold.relations) == 2 and gold.status == "done"
    assert isinstance(adj.next(), Group) and adj.next(backward=True).order[0] == 3194


def test_navigation_wraps_and_goes_back(team):
    _, doc, anns = team
    adj = Adjudication(doc, anns)
    items = adj.to_review()
    assert adj.next(items[-1]) == items[0]
    assert adj.next(items[-1], wrap=False) is None
    assert adj.next(items[0], backward=True) == items[-1]
    assert adj.next(items[2], backward=True) == items[1]
    assert isinstance(items[4], RelationItem)


def test_gold_is_ignored_as_an_annotator(team):
    _, doc, anns = team
    gold = Annotation(doc.id, doc.sha256, len(doc.text), "gold", spans=[make_span(doc.text, "s1", "ACTOR", 0, 5)])
    assert Adjudication(doc, {**anns, "gold": gold}).annotators == ("alice", "bob", "carol")
    with pytest.raises(DataError, match="no annotations"):
        Adjudication(doc, {"gold": gold})


def _ann(doc, name, *spans):
    return Annotation(doc.id, doc.sha256, len(doc.text), name,
                      spans=[make_span(doc.text, f"s{i}", lab, a, b) for i, (lab, a, b) in enumerate(spans, 1)])


def test_candidates_keep_the_annotators_order_and_bound_diffs_name_the_words():
    from tui.review.adjudication import bound_diffs
    from tui.model import Document

    doc = Document("d", "Yesterday the government of Chad said no.")
    gov = doc.text.index("the government")
    end = gov + len("the government of Chad")
    # alice drew the shorter span; bob and carol (the majority) the longer one
    anns = {"alice": _ann(doc, "alice", ("ACTOR", gov + 4, gov + 14)),
            "bob": _ann(doc, "bob", ("ACTOR", gov, end)),
            "carol": _ann(doc, "carol", ("ACTOR", gov, end))}
    (g,) = partition(anns)
    assert [c.annotators for c in g.candidates] == [("alice",), ("bob", "carol")]
    # whichever annotator comes first, candidate 1 is theirs: never "the longer/shorter one"
    (g2,) = partition({n: anns[n] for n in ("bob", "alice", "carol")})
    assert [c.annotators for c in g2.candidates] == [("bob", "carol"), ("alice",)]
    short, long_ = bound_diffs(doc.text, [c.span for c in g.candidates])
    words = lambda ranges: [doc.text[a:b] for a, b in ranges]  # noqa: E731
    assert words(short.extra) == [] and words(short.missing) == ["the", "of Chad"]
    assert words(long_.extra) == ["the", "of Chad"] and words(long_.missing) == []
    assert not any(bound_diffs(doc.text, [g.candidates[1].span, g.candidates[1].span]))

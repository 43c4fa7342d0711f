"""Review can finish the gold: a span (and a relation) no candidate has, drawn by the
reviewer, saved in gold as ``from: [gold]``, restorable (undo), kept when the review resumes;
and review's items are agree's count."""

from __future__ import annotations

import pytest

from tests.conftest import SEED
from tests.test_adjudicate import team  # noqa: F401  (the fixture)
from tui import store
from tui.errors import DataError
from tui.review.adjudication import ACCEPTED, REJECTED, Added, Adjudication


def _free_place(doc, adj, word: str) -> tuple[int, int]:
    """A word no annotator's span touches."""
    taken = [(c.span.start, c.span.end) for g in adj.groups for c in g.candidates]
    start = 0
    while True:
        start = doc.text.index(word, start + 1)
        end = start + len(word)
        if not any(s < end and start < e for s, e in taken):
            return start, end


def test_a_span_nobody_drew_goes_into_gold_and_stays(team, corpus):  # noqa: F811
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    start, end = _free_place(doc, adj, "police")
    item = adj.add("ACTOR", start, end, {"type": "government"})
    assert isinstance(item, Added) and adj.state(item) == ACCEPTED
    gold = adj.gold(updated="2026-11-25T10:00:00Z")
    mine = [s for s in gold.spans if s.key == (start, end, "ACTOR")]
    assert len(mine) == 1 and mine[0].origin == ("gold",) and mine[0].attrs == {"type": "government"}
    assert adj.to_review() == [it for it in adj.to_review() if not isinstance(it, Added)]  # never counted
    with pytest.raises(DataError, match="already"):
        adj.add("ACTOR", start, end)
    path = corpus.annotation_path(SEED, "gold")
    store.save(path, gold, None)
    assert "from: [gold]" in path.read_text()
    again = Adjudication(doc, anns, store.load(path, corpus.schema, doc).annotation, schema=corpus.schema)
    assert again.gold(updated=gold.updated) == gold
    [added] = [it for it in again.items() if isinstance(it, Added)]
    kept = again.decisions()
    again.reject(added)  # x on the reviewer's own span takes it back
    assert again.state(added) == REJECTED and all(s.key != (start, end, "ACTOR") for s in again.gold().spans)
    again.restore(kept)
    assert again.state(added) == ACCEPTED


def test_restore_before_and_after_an_added_span(team, corpus):  # noqa: F811
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    start, end = _free_place(doc, adj, "police")
    before = adj.decisions()
    item = adj.add("ACTOR", start, end)
    after = adj.decisions()
    adj.restore(before)
    assert all(s.key != item.span.key for s in adj.gold().spans)
    adj.restore(after)
    assert any(s.key == item.span.key for s in adj.gold().spans)


def test_bad_added_span_changes_nothing(team, corpus):  # noqa: F811
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    before, decided = adj.gold(updated="x"), adj.decisions()
    for bad in (("ACTOR", 5, 5), ("ACTOR", -1, 4), ("NOPE", 0, 4), ("ACTOR", 0, len(doc.text) + 1)):
        with pytest.raises(DataError):
            adj.add(*bad)
    with pytest.raises(DataError):
        adj.add("ACTOR", 0, 4, {"type": "company"})
    assert adj.gold(updated="x") == before and adj.decisions() == decided


def test_a_relation_nobody_drew(team, corpus):  # noqa: F811
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    claim = adj.add("CLAIM", *_free_place(doc, adj, "said")).span
    actor = adj.add("ACTOR", *_free_place(doc, adj, "police")).span
    with pytest.raises(DataError, match="does not go"):
        adj.link("attributed_to", actor, claim)
    rel = adj.link("attributed_to", claim, actor)
    assert adj.state(rel) == ACCEPTED
    gold = adj.gold()
    ids = {s.key: s.id for s in gold.spans}
    assert any((r.source, r.target) == (ids[claim.key], ids[actor.key]) for r in gold.relations)
    adj.reject(rel)
    assert not any((r.source, r.target) == (ids[claim.key], ids[actor.key]) for r in adj.gold().relations)


def test_review_items_are_the_disagreements_agree_counts(capsys, tmp_path):
    """On a generated team corpus, each document's items in review (auto-accept on), span
    and relation items, are as many as agree --json's disagreements for it, from the start
    and after any decision; the reviewer's own spans never change that count."""
    from bench import gen
    from tests.test_agree import agree_json
    from tui.corpus import Corpus
    from tui.review.groups import RelationItem
    from tui.workspace import open_review

    corpus = Corpus(gen.team(tmp_path / "c", docs=8))
    counts = {d["document"]: d["count"] for d in agree_json(capsys, corpus)["disagreements"]}
    assert counts and any(counts.values())
    relation_items = 0
    for doc_id, n in counts.items():
        adj = open_review(corpus, doc_id, None, None).adj
        assert len(adj.to_review()) == n
        relation_items += sum(isinstance(it, RelationItem) for it in adj.to_review())
        for item in adj.to_review():  # the count stays what it was, decision after decision
            adj.reject(item)
            assert len(adj.to_review()) == n
        free = next(i for i in range(len(adj.doc.text) - 1)
                    if adj.doc.text[i].isalpha() and all(not (c.span.start <= i < c.span.end)
                                                         for g in adj.groups for c in g.candidates))
        adj.add("ACTOR", free, free + 1)
        assert len(adj.to_review()) == n
    assert relation_items  # the corpus has relation disagreements: they are in both counts


def test_an_own_link_is_never_left_open(team, corpus):  # noqa: F811
    """The reviewer's own link is in gold or taken back: o brings it back, as an added span
    (an open one would keep the gold from being done with no item to go to)."""
    _, doc, anns = team
    adj = Adjudication(doc, anns, schema=corpus.schema)
    claim = adj.add("CLAIM", *_free_place(doc, adj, "said")).span
    actor = adj.add("ACTOR", *_free_place(doc, adj, "police")).span
    rel = adj.link("attributed_to", claim, actor)
    open_before = adj.open_count()
    adj.reject(rel)
    assert adj.state(rel) == REJECTED and adj.open_count() == open_before
    adj.reopen(rel)
    assert adj.state(rel) == ACCEPTED and adj.open_count() == open_before
    ids = {s.key: s.id for s in adj.gold().spans}
    assert any((r.source, r.target) == (ids[claim.key], ids[actor.key]) for r in adj.gold().relations)

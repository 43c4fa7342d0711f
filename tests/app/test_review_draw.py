"""Review finishes the gold with the annotator's keys: h/l select, H/L grow, a label key adds
a span no candidate has (the reviewer's own, from: [gold]), r links it; x takes it back. A
relation disagreement is one item per claim, with every annotator's link."""

from __future__ import annotations

from dataclasses import replace

from tests.app.conftest import keys
from tests.app.test_review import by_place, gold, review, team  # noqa: F401  (the fixture)
from tests.conftest import SEED
from tui import store
from tui.corpus import Corpus
from tui.review.adjudication import ACCEPTED, Added, Group, RelationChoice, RelationItem


async def test_a_span_both_annotators_missed_is_added_and_saved(team):  # noqa: F811
    async with review(team, annotators=["alice", "bob"]) as (app, pilot, scr):
        await keys(pilot, "l", "L")  # from the first item: the next token, grown by one
        sel = (scr.view.selection.start, scr.view.selection.end)
        assert scr.view.selection.start >= 343 and "adds" in scr.message
        await keys(pilot, "a")
        assert isinstance(scr.current, Added) and scr.current.span.key == (*sel, "ACTOR")
        assert "your own span" in scr.message
        await keys(pilot, "ctrl+s")
        mine = by_place(gold(team))[(*sel, "ACTOR")]
        assert mine["from"] == ["gold"]
        await keys(pilot, "x", "ctrl+s")  # x on the reviewer's own span takes it back
        assert (*sel, "ACTOR") not in by_place(gold(team))
        await keys(pilot, "u", "ctrl+s")
        assert by_place(gold(team))[(*sel, "ACTOR")]["from"] == ["gold"]


async def test_a_relation_nobody_drew_is_linked_from_the_keys(team):  # noqa: F811
    async with review(team, annotators=["alice", "bob"]) as (app, pilot, scr):
        actor = next(g for g in scr.adj.groups if g.unanimous and g.candidates[0].span.label == "ACTOR")
        await keys(pilot, "l", "c")  # a CLAIM of one token nobody drew
        claim = scr.current.span
        await keys(pilot, "r")
        picker = app.screen
        await keys(pilot, *actor.candidates[0].span.text[:12])
        await keys(pilot, "enter")
        assert app.screen is scr and isinstance(scr.current, RelationChoice)
        assert scr.message.startswith(f"linked: CLAIM “{claim.text}” attributed to ACTOR")
        assert picker is not scr
        await keys(pilot, "ctrl+s")
    data = gold(team)
    ids = {(s["start"], s["end"], s["label"]): s["id"] for s in data["spans"]}
    src = ids[claim.key]
    assert any(r["from"] == src and r["label"] == "attributed_to" for r in data["relations"])


async def test_a_single_candidate_says_who_has_nothing_there(team):  # noqa: F811
    async with review(team, annotators=["alice", "bob"]) as (app, pilot, scr):
        await keys(pilot, "n")  # ACTOR 538: bob's alone
        item = scr.current
        assert isinstance(item, Group) and len(item.candidates) == 1 and item.start == 538
        assert "alice has nothing here" in str(scr.query_one("#item-gold").render())


async def test_accepting_a_relation_says_what_it_links(team):  # noqa: F811
    async with review(team) as (app, pilot, scr):  # the relation alice and bob drew at 1619
        rel = next(it for it in scr.adj.to_review() if isinstance(it, RelationItem))
        scr.goto(rel)
        await keys(pilot, "1")
        assert scr.message.startswith(f"accepted 1: {rel.source.label} “")
        assert f"attributed to {rel.links[0].target.label} “" in scr.message


def _bob_links_the_claim_elsewhere(corpus_dir) -> None:
    """bob's relation from the claim at 1619 goes to the ACTOR at 555, not to The UN."""
    corpus = Corpus(corpus_dir)
    path = corpus.annotation_path(SEED, "bob")
    bob = store.load(path, corpus.schema, corpus.document(SEED)).annotation
    spans = bob.span_by_id()
    other = next(s for s in bob.spans if s.start == 555 and s.label == "ACTOR")
    relations = [replace(r, target=other.id) if spans[r.source].start == 1619 else r for r in bob.relations]
    path.write_text(store.dumps(replace(bob, relations=relations)), encoding="utf-8")


async def test_a_relation_disagreement_settles_as_one_item(team):  # noqa: F811
    """alice links the claim at 1619 to The UN, bob to the ACTOR at 555, carol not at all:
    one item shows every annotator's link; 2 takes bob's (and the ACTOR it needs), the item
    count stays, and nothing else about that claim is left to settle."""
    _bob_links_the_claim_elsewhere(team)
    async with review(team) as (app, pilot, scr):
        count = len(scr.adj.to_review())
        [rel] = [it for it in scr.adj.to_review() if isinstance(it, RelationItem)]
        assert [(lk.target.start, lk.annotators) for lk in rel.links] == [(1602, ("alice",)), (555, ("bob",))]
        scr.goto(rel)
        await keys(pilot)
        assert "carol has no link from it" in str(scr.query_one("#item-gold").render())
        shown = [str(scr.candidates.get_option_at_index(i).prompt.text) for i in (0, 1)]
        assert "alice" in shown[0] and "The UN" in shown[0] and "bob" in shown[1]
        open_before = scr.adj.open_count()
        await keys(pilot, "2")
        assert scr.adj.state(rel) == ACCEPTED and "accepted 2: CLAIM" in scr.message
        assert len(scr.adj.to_review()) == count  # no item appeared or went
        assert scr.adj.open_count() == open_before - 2  # the relation, and the ACTOR at 555 it took
    data = gold(team)
    ids = {s["id"]: s for s in data["spans"]}
    assert [(ids[r["from"]]["start"], ids[r["to"]]["start"]) for r in data["relations"]] == [(1619, 555)]
    assert by_place(data)[(555, 576, "ACTOR")]["from"] == ["alice", "bob"]


async def test_dirty_state_and_snapshots_follow_the_gold_session(team):  # noqa: F811
    """Review saves through its gold draft's EditSession (issue 26): opening is clean, a
    decision that changes the gold is one version more, the saved file is that version."""
    from tests.app.test_review import gold_file

    async with review(team) as (app, pilot, scr):
        session = scr.state.gold_view
        assert not session.dirty and not scr.is_dirty() and session.version == 0
        await keys(pilot, "1")
        assert session.version == 1  # saved at once (autosave), so clean again
        await pilot.pause(0.3)
        assert not session.dirty and session.saved_version == 1
        version, snapshot = session.snapshot()
        assert snapshot.spans == scr.adj.gold().spans
        await keys(pilot, "u")  # undo: the gold changes back, one version more
        assert session.version == 2
    assert gold_file(team).exists()

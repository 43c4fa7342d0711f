"""Review finishes the gold with the annotator's keys: h/l select, H/L grow, a label key adds
a span no candidate has (the reviewer's own, from: [gold]), r links it; x takes it back."""

from __future__ import annotations

from tests.app.conftest import keys
from tests.app.test_review import by_place, gold, review, team  # noqa: F401  (the fixture)
from tui.review.adjudication import Added, Group, RelationChoice


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
        rel = next(it for it in scr.adj.to_review() if isinstance(it, RelationChoice))
        scr.goto(rel)
        await keys(pilot, "1")
        assert scr.message.startswith(f"accepted: {rel.source.label} “")
        assert f"attributed to {rel.target.label} “" in scr.message


async def test_a_decision_that_adds_a_relation_item_says_so(team):  # noqa: F811
    """Reviewing every item (auto-accept off): accepting ACTOR 310, then CLAIM 349 puts both
    ends of the 349 -> 310 relation in gold, a new item, and the status line says so."""
    async with review(team, annotators=["alice", "bob"], auto_accept=False) as (app, pilot, scr):
        while scr.current.start != 349:
            await keys(pilot, "1")
        before = len(scr.adj.to_review())
        await keys(pilot, "1")
        assert len(scr.adj.to_review()) == before + 1
        assert "1 new relation item: its spans are in gold now" in scr.message
        await keys(pilot, "x")  # a decision that adds nothing says nothing of it
        assert "new relation" not in scr.message


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

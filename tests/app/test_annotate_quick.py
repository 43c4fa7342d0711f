"""One key where the loop cost several (issue 24, second round), asserted on the saved
file: a claim's speaker asked right after the tag, a figure's unit from the words after
it, ``y`` accepting a suggestion and moving on, a digit changing what an accepted
suggestion says, and the relation an accepted suggestion brings named before and after."""

from __future__ import annotations

from tests.app.conftest import annotate, keys, saved, search, settle
from tests.app.test_annotate_loop import DOC, spans_of, wire  # noqa: F401 (the fixture)

UNITS = "Officials said the dead were fourteen civilians, five Armed Forces personnel, and one member of the Coast Guard.\n"


def relations(root, annotator="alice", doc=DOC):
    data = saved(root, annotator, doc)
    by_id = {s["id"]: s["text"] for s in data["spans"]}
    return [(r["label"], by_id[r["from"]], by_id[r["to"]]) for r in data.get("relations") or []]


async def tag_actors(pilot, *names):
    await settle(pilot)
    for words in names:
        await search(pilot, words)
        await keys(pilot, "a", "escape")


async def test_a_claim_asks_who_said_it_and_enter_takes_the_speaker(wire):
    async with annotate(wire, doc=DOC) as (app, pilot, scr):
        await tag_actors(pilot, "Maria Ferrer", "Reuters")
        await search(pilot, "They were held for months")
        await keys(pilot, "c", "1")  # status: the first value; then who said it
        choice = scr.ctl.prompt.first
        assert choice.attr == "attributed_to" and choice.values[:2] == ("Maria Ferrer", "Reuters")
        assert "attributed_to? " in str(scr.query_one("KeyBar").render())
        await keys(pilot, "enter", "ctrl+s")
    assert relations(wire) == [("attributed_to", "They were held for months", "Maria Ferrer")]


async def test_enter_keeps_the_shown_status_and_takes_the_speaker_in_one_key(wire):
    """A claim whose status is preselected (the one this document uses): the key bar's
    line names the status and the speaker; one enter saves both."""
    async with annotate(wire, doc=DOC) as (app, pilot, scr):
        await tag_actors(pilot, "Maria Ferrer", "Reuters")
        await search(pilot, "15 compounds")
        await keys(pilot, "c", "2", "escape")  # reported, no speaker
        await search(pilot, "They were held for months")
        await keys(pilot, "c")
        bar = str(scr.query_one("KeyBar").render())
        assert "4 denied · enter: reported, by 'Maria Ferrer'" in bar
        await keys(pilot, "enter", "ctrl+s")
    assert relations(wire) == [("attributed_to", "They were held for months", "Maria Ferrer")]
    assert {text: attrs for label, text, attrs in spans_of(wire) if label == "CLAIM"} == {
        "15 compounds": {"status": "reported"}, "They were held for months": {"status": "reported"}}


async def test_an_actor_named_as_the_speaker_takes_the_claim_before_it_with_enter(wire):
    """The claim tagged first ("According to Amnesty International, over 1,000 people
    remain…": no speaker yet), then its speaker: one line names the actor's type and the
    claim; one enter saves both."""
    async with annotate(wire, doc=DOC) as (app, pilot, scr):
        await tag_actors(pilot)
        await search(pilot, "Reuters")
        await keys(pilot, "a", "2", "escape")  # organisation
        await search(pilot, "over 1,000 people remain in 15 compounds")
        await keys(pilot, "c", "2", "escape")  # reported; Reuters is not who said it
        await search(pilot, "Amnesty International")
        await keys(pilot, "a")
        bar = str(scr.query_one("KeyBar").render())
        assert "5:other ⏎ organisation, said 'over 1,000 people remai…'" in bar
        await keys(pilot, "enter", "ctrl+s")
    assert relations(wire) == [("attributed_to", "over 1,000 people remain in 15 compounds", "Amnesty International")]
    assert ("ACTOR", "Amnesty International", {"type": "organisation"}) in spans_of(wire)


async def test_a_figure_offers_the_words_it_counts_as_units(wire):
    (wire / "seeds" / f"{DOC}.txt").write_text(UNITS, encoding="utf-8")
    async with annotate(wire, doc=DOC) as (app, pilot, scr):
        await settle(pilot)
        await search(pilot, "five")
        await keys(pilot, "f")
        assert scr.ctl.prompt.first.values[:3] == ("personnel", "forces", "armed")
        await keys(pilot, "1")
        await search(pilot, "one member")
        await keys(pilot, "ctrl+left", "f", "1", "ctrl+s")
    got = {text: attrs for _, text, attrs in spans_of(wire)}
    assert got["five"]["unit"] == "personnel" and got["one"]["unit"] == "member"


async def test_y_accepts_and_moves_to_the_next_suggestion(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await app.workers.wait_for_complete()
        await keys(pilot, "g")  # the first word, inside a suggestion
        first = scr.ghost_at(*scr.sel)
        assert (first.start, first.end) != scr.sel
        await keys(pilot, "y")  # not on it exactly: to it, to see it
        assert scr.sel == (first.start, first.end) and not saved_or_none(corpus_dir)
        await keys(pilot, "y")  # accept it, on to the next
        second = scr.ctl.suggesting.ghosts.after((first.start, -first.end))
        assert scr.sel == (second.start, second.end)
        await keys(pilot, "y", "ctrl+s")
        third = scr.ctl.suggesting.ghosts.after((second.start, -second.end))
        assert scr.sel == (third.start, third.end)
    made = [(s["label"], s["start"], s["end"]) for s in saved(corpus_dir)["spans"]]
    assert sorted(made) == sorted([(g.label, g.start, g.end) for g in (first, second)])


def saved_or_none(corpus_dir):
    from tests.conftest import SEED

    path = corpus_dir / "annotations" / SEED / "alice.yaml"
    return saved(corpus_dir) if path.exists() else None


async def test_a_digit_changes_what_an_accepted_suggestion_says(corpus_dir):
    """enter on a suggested actor: its type is asked with what it says preselected; a
    digit changes it; the same value by digit then a move keeps the accept."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await app.workers.wait_for_complete()
        actors = [g for g in scr.ctl.suggesting.ghosts.live() if g.label == "ACTOR" and g.attrs.get("type")]
        one, two = actors[:2]
        types = scr.schema.labels["ACTOR"].attrs["type"].values
        scr.render_change(scr.ctl.select(one.start, one.end))
        await keys(pilot, "enter")
        choice = scr.ctl.prompt.first
        assert choice.attr == "type" and choice.preselected == one.attrs["type"]
        other = next(v for v in choice.values if v != one.attrs["type"])
        await keys(pilot, str(choice.values.index(other) + 1))
        scr.render_change(scr.ctl.select(two.start, two.end))
        await keys(pilot, "enter")
        same = scr.ctl.prompt.first.values.index(two.attrs["type"]) + 1
        await keys(pilot, str(same), "l", "ctrl+s")  # the same value, then a move: a count, the accept stays
    got = {(s["start"], s["end"]): s["attrs"].get("type") for s in saved(corpus_dir)["spans"]}
    assert got == {(one.start, one.end): other, (two.start, two.end): two.attrs["type"]} and other in types


async def test_the_relation_an_accept_brings_is_named_and_r_takes_it_off(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await app.workers.wait_for_complete()
        sug = scr.ctl.suggesting
        claim, actor_key = next((g, link[2]) for g in sug.ghosts.live() if g.label == "CLAIM"
                                for link in sug.links_for([g]) if link[1] == g.key)
        actor = next(g for g in sug.ghosts.live() if g.key == actor_key)
        scr.render_change(scr.ctl.select(actor.start, actor.end))
        await keys(pilot, "enter")
        scr.render_change(scr.ctl.select(claim.start, claim.end))
        await settle(pilot)
        assert f"→ attributed_to '{actor.text[:19]}" in scr.query_one("StatusLine").plain
        await keys(pilot, "enter")
        assert "attributed_to" in scr.ctl.message
        await keys(pilot, "ctrl+s")
        assert relations(corpus_dir, doc=scr.session.doc.id) == [("attributed_to", claim.text, actor.text)]
        await keys(pilot, "r")  # the linked actor is listed (✓); choosing it again takes the link off
        from tui.app.dialogs.picker import Picker

        assert isinstance(app.screen, Picker)
        await keys(pilot, "enter", "ctrl+s")
        assert relations(corpus_dir, doc=scr.session.doc.id) == []

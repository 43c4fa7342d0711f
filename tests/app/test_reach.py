"""Fewer keys a span (issue 15), driven headless and asserted on the saved YAML: resize,
counts, the extension keys, the jump mode, one-key attributes, exact suggestions."""

from __future__ import annotations

from tests.app.conftest import annotate, keys, saved, search


def spans(corpus_dir):
    return [(s["label"], s["text"], s.get("attrs")) for s in saved(corpus_dir)["spans"]]


def sel_text(scr):
    return scr.ws.doc.text[scr.sel[0]:scr.sel[1]]


async def test_resize_a_span_keeps_id_attrs_relations_and_undoes_in_one_step(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "S", "tab")  # onto the first span (an actor with a relation)
        before = {s["id"]: s for s in saved(corpus_dir)["spans"]}
        (sid,) = [i for i, s in before.items() if s["text"] == "Indonesia’s embassy in Phnom Penh"]
        await keys(pilot, "ctrl+left", "ctrl+s")  # shrink its end: the span, not just the selection
        after = {s["id"]: s for s in saved(corpus_dir)["spans"]}
        assert after[sid]["text"] == "Indonesia’s embassy in Phnom"
        assert after[sid]["attrs"] == before[sid]["attrs"] and len(after) == len(before)
        assert any(r["to"] == sid or r["from"] == sid for r in saved(corpus_dir)["relations"])
        await keys(pilot, "u", "ctrl+s")
        assert {s["id"]: s["text"] for s in saved(corpus_dir)["spans"]}[sid] == "Indonesia’s embassy in Phnom Penh"


async def test_count_prefixes(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "3", "l")
        assert sel_text(scr) == ","
        await keys(pilot, "g", "2", "L", "c", "ctrl+s")
        row0 = scr.view.row_of(scr.sel[0])
        await keys(pilot, "2", "j")
        assert scr.view.row_of(scr.sel[0]) == row0 + 2
    assert spans(corpus_dir)[0][1] == "Thousands of people"


async def test_extension_keys(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "comma")
        assert sel_text(scr) == "Thousands of people"
        await keys(pilot, "full_stop", "c")
        await search(pilot, "role of Cambodian")
        await keys(pilot, "s")
        assert sel_text(scr).startswith("Ferrer, said the role") or sel_text(scr).startswith("The organisation")
        await search(pilot, "In some videos")
        await keys(pilot, "apostrophe")
        assert sel_text(scr).startswith("In some videos police are visible")
        await keys(pilot, "escape", "ctrl+s")
    label, text, _ = spans(corpus_dir)[0]
    assert label == "CLAIM" and text.startswith("Thousands of people, including") and text.endswith("industry")


async def test_jump_mode_selects_a_labelled_word(corpus_dir):
    async with annotate(corpus_dir, size=(80, 24)) as (app, pilot, scr):
        await keys(pilot, "w")
        assert scr.ctl.jumping is not None
        label, offset = next((k, v) for k, v in scr.ctl.jumping.by_label.items() if scr.ws.doc.text[v:v + 7] == "Cambodi")
        await keys(pilot, *label)
        assert scr.ctl.jumping is None and sel_text(scr) == "Cambodia"
        await keys(pilot, "a", "ctrl+s")
    assert spans(corpus_dir)[0][1] == "Cambodia"


async def test_one_key_attributes_after_tagging(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Amnesty International")
        await keys(pilot, "a", "2")  # type? 1 person 2 organisation ...
        await search(pilot, "around 100,000 people")
        await keys(pilot, "f", "enter")  # value, unit, qualifier from the text; enter keeps "about"
        await keys(pilot, "ctrl+s")
    got = {text: attrs for _, text, attrs in spans(corpus_dir)}
    assert got["Amnesty International"] == {"type": "organisation"}
    assert got["around 100,000 people"] == {"value": 100000, "unit": "people", "qualifier": "about"}


async def test_enter_accepts_the_suggestion_equal_to_the_selection_and_stays_on_it(corpus_dir):
    """enter accepts the suggestion equal to the selection (the CLAIM, not the FIGURE
    nested in it) and stays on it, so an almost-right one is enter then resize keys
    (issue 24.4); tab moves on, to the nested figure, and never back to the accepted one."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await keys(pilot)
        claim = next(g for g in scr.view.ghosts if g.label == "CLAIM" and g.start == 0)
        scr.select(claim.start, claim.end)
        await keys(pilot, "enter")
        assert scr.sel == (claim.start, claim.end) and scr.ctl.on_span is not None
        await keys(pilot, "ctrl+left", "ctrl+s")  # resize the accepted claim: its end shrinks
        (made,) = saved(corpus_dir)["spans"]
        assert made["label"] == "CLAIM" and made["start"] == 0 and made["end"] < claim.end
        assert all(g.label != "CLAIM" or g.start != 0 for g in scr.view.ghosts)  # never live again
        await keys(pilot, "tab")
        nxt = scr.sel
        assert nxt[0] == 0 and nxt[1] < made["end"]  # next in reading order: the figure nested in it
        await keys(pilot, "enter", "ctrl+s")
        assert sorted(s["label"] for s in saved(corpus_dir)["spans"]) == ["CLAIM", "FIGURE"]
        for _ in range(6):
            await keys(pilot, "tab")
            assert scr.sel != (claim.start, claim.end)  # tab never returns to the accepted one


async def test_moving_on_after_a_tag_drops_its_attribute_choice(corpus_dir):
    """A tag offers its attribute choice (1-9); moving on (tab is handled before the
    screen sees the key) leaves it for the form: the status line stops offering it, and
    enter then accepts the suggestion under the cursor, not the old choice."""
    from tui.app.widgets.status_line import StatusLine

    async with annotate(corpus_dir) as (app, pilot, scr):
        await app.workers.wait_for_complete()
        await keys(pilot, "l", "l", "a")  # "people" as an ACTOR: type? 1 person ...
        assert scr.ctl.prompt.choices and "type?" in scr.query_one(StatusLine).plain
        await keys(pilot, "tab")
        assert scr.ctl.prompt.choices == [] and "type?" not in scr.query_one(StatusLine).plain
        ghost = scr.ghost_at(*scr.sel)
        assert ghost is not None
        await keys(pilot, "enter", "ctrl+s")
    people = [s for s in saved(corpus_dir)["spans"] if s["text"] == "people"]
    assert people and "type" not in (people[0].get("attrs") or {})
    assert any(s["text"] == ghost.text and s["label"] == ghost.label for s in saved(corpus_dir)["spans"])


async def test_m_selects_the_next_name_or_number_whole_and_a_tag_takes_it(corpus_dir):
    """``m`` from the start: "Cambodia", "Indonesia", "Phnom Penh", "1,440"; ``2 m`` skips
    one; ``M`` goes back; the name is selected whole, so ``a`` tags it in one key."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await keys(pilot, "S", "g", "m")
        assert sel_text(scr) == "Cambodia"
        await keys(pilot, "2", "m")
        assert sel_text(scr) == "Phnom Penh"
        await keys(pilot, "m")
        assert sel_text(scr) == "1,440"
        await keys(pilot, "M")
        assert sel_text(scr) == "Phnom Penh"
        await keys(pilot, "g", *"8m")  # eight on: Amnesty International, the first name of two words
        assert sel_text(scr) == "Amnesty International"
        await keys(pilot, "a", "2", "ctrl+s")
    assert spans(corpus_dir) == [("ACTOR", "Amnesty International", {"type": "organisation"})]

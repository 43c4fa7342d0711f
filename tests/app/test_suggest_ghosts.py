"""Suggestions as ghost spans: enter accepts (source: suggest), backspace rejects, A accepts
all of a label in view, S hides them; they never duplicate the annotator's own spans."""

from __future__ import annotations

from tests.app.conftest import annotate, keys, saved, search


async def ready(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_accept_reject_and_accept_all(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await ready(app, pilot)
        assert scr.view.ghosts, "the seed gets suggestions"
        await search(pilot, "1,440")
        g = scr.ghost_at(*scr.sel)
        assert g is not None and g.label == "FIGURE"
        await keys(pilot, "enter", "ctrl+s")
        (span,) = saved(corpus_dir)["spans"]
        assert (span["start"], span["end"], span["source"]) == (g.start, g.end, "suggest")
        assert span["attrs"]["value"] == 1440
        await search(pilot, "Amnesty International")
        rejected = scr.ghost_at(*scr.sel)
        await keys(pilot, "backspace")
        assert rejected.key not in {x.key for x in scr.view.ghosts}
        await keys(pilot, "g")  # top of the article: accept every ACTOR suggestion in view
        actor = next(x for x in scr.view.ghosts if x.label == "ACTOR")
        scr.select(actor.start, actor.end)
        await keys(pilot, "A", "ctrl+s")
        labels = [s["label"] for s in saved(corpus_dir)["spans"]]
        assert labels.count("ACTOR") >= 2 and labels.count("FIGURE") == 1
        assert all(s["source"] == "suggest" for s in saved(corpus_dir)["spans"])
        await keys(pilot, "u", "ctrl+s")  # one undo takes the whole batch back
        assert [s["label"] for s in saved(corpus_dir)["spans"]] == ["FIGURE"]


async def test_suggestions_never_duplicate_own_spans(corpus_dir):
    async with annotate(corpus_dir) as (app, pilot, scr):
        await ready(app, pilot)
        await search(pilot, "1,440")
        g = scr.ghost_at(*scr.sel)
        scr.select(g.start, g.end)
        await keys(pilot, "f")  # typed by hand over the same range
        assert g.key not in {x.key for x in scr.view.ghosts}
        await keys(pilot, "S")
        assert scr.view.ghosts == []
        await keys(pilot, "S")
        assert scr.view.ghosts

"""The one save path: snapshots taken on the main thread, conflicts (overwrite, keep mine in
a side file, reload), a quit that never drops edits, and saves that fail without exiting."""

from __future__ import annotations

import threading

import yaml

from tests.app.conftest import annotate, keys, saved, search, settle
from tests.conftest import SEED
from tui import store
from tui.workspace import CONFLICT_MARK

REAL_SAVE = store.save


def rel_ends_ok(ann) -> bool:
    ids = {s.id for s in ann.spans}
    return all(r.source in ids and r.target in ids for r in ann.relations)


async def test_save_snapshot_is_one_version_while_edits_go_on(corpus_dir, alice_file, monkeypatch):
    """The worker writes the spans and relations of the version the save started with,
    whatever the main thread changes while it writes (an old bug: new spans, old relations)."""
    real_save = REAL_SAVE
    release, started = threading.Event(), threading.Event()
    seen = []

    def slow_save(path, ann, expected, *, force=False):
        started.set()
        release.wait(10)  # the main thread edits meanwhile
        seen.append(([s.id for s in ann.spans], [(r.source, r.target) for r in ann.relations]))
        return real_save(path, ann, expected, force=force)

    monkeypatch.setattr(store, "save", slow_save)
    from tui.app.screens import annotate as annotate_module

    monkeypatch.setattr(annotate_module, "AUTOSAVE_DELAY", 600.0)  # only the save started here
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Montse Ferrer")
        await keys(pilot, "a", "escape")
        expected = ([s.id for s in scr.session.spans], [(r.source, r.target) for r in scr.session.annotation.relations])
        version = scr.session.version
        scr._autosave()  # snapshot here, on the main thread
        await pilot.pause()
        assert started.wait(5)
        target = scr.session.get(scr.session.annotation.relations[0].target)
        scr.session.delete(target.id)  # takes its relation with it
        await pilot.press("slash", *"Jacob Sims", "enter", "a")  # keys() would wait for the held save
        assert "Jacob Sims" in {s.text for s in scr.session.spans} and not seen  # while it writes
        release.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert seen == [expected]
        on_disk = store.load(alice_file, scr.schema).annotation
        assert rel_ends_ok(on_disk) and [s.id for s in on_disk.spans] == expected[0]
        assert scr.session.saved_version == version and scr.session.dirty  # the later edits wait
        await keys(pilot, "ctrl+s")
    final = store.load(alice_file).annotation
    assert rel_ends_ok(final) and target.id not in {s.id for s in final.spans}
    assert "Jacob Sims" in {s.text for s in final.spans}


async def _conflict(pilot, alice_file, scr):
    theirs = alice_file.read_text().replace('note: "UN estimate"', 'note: "changed by a git pull"')
    alice_file.write_text(theirs)
    await keys(pilot, "a", "ctrl+s")
    from tui.app.dialogs.confirm import Choice

    assert isinstance(scr.app.screen, Choice)
    return theirs


async def test_conflict_keep_mine_in_a_side_file_and_reload_theirs(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        theirs = await _conflict(pilot, alice_file, scr)
        await keys(pilot, "k")
        assert app.screen is scr
        assert alice_file.read_text() == theirs
        assert any("changed by a git pull" in (s.note or "") for s in scr.session.spans)  # theirs, reloaded
    (side,) = [p for p in alice_file.parent.iterdir() if CONFLICT_MARK in p.name]
    mine = yaml.safe_load(side.read_text(encoding="utf-8"))
    assert "Thousands" in [s["text"] for s in mine["spans"]]  # my tag is in the side file
    assert "Thousands" not in [s["text"] for s in saved(corpus_dir)["spans"]]  # theirs untouched
    from tui.corpus import Corpus

    assert Corpus(corpus_dir).annotators(SEED) == ["alice"]  # the side file is nobody's


async def test_quit_after_escape_offers_a_safe_way_out(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        theirs = await _conflict(pilot, alice_file, scr)
        await keys(pilot, "escape")
        assert app.screen is scr
        await keys(pilot, "q")  # asks again, now with "keep mine and quit"
        from tui.app.dialogs.confirm import Choice

        assert isinstance(app.screen, Choice)
        await keys(pilot, "escape", "q", "k")
        assert app.return_code == 0  # it quit
    assert alice_file.read_text() == theirs
    (side,) = [p for p in alice_file.parent.iterdir() if CONFLICT_MARK in p.name]
    assert "Thousands" in side.read_text(encoding="utf-8")


async def test_reload_drops_mine_and_overwrite_keeps_mine(corpus_dir, alice_file):
    async with annotate(corpus_dir) as (app, pilot, scr):
        theirs = await _conflict(pilot, alice_file, scr)
        await keys(pilot, "r")
        assert alice_file.read_text() == theirs and "Thousands" not in {s.text for s in scr.session.spans}
        await keys(pilot, "g", "a", "ctrl+s")  # no conflict now: it saves
        assert "Thousands" in {s["text"] for s in saved(corpus_dir)["spans"]}


async def test_a_save_that_raises_keeps_the_edits_and_the_app(corpus_dir, monkeypatch):
    def broken(path, ann, expected, *, force=False):
        raise OSError(5, "Input/output error")

    async with annotate(corpus_dir) as (app, pilot, scr):
        monkeypatch.setattr(store, "save", broken)
        await keys(pilot, "c", "ctrl+s")
        assert app.is_running and scr.session.dirty
        scr._autosave()  # the worker path too
        await settle(pilot)
        assert app.is_running and scr.session.dirty
        await keys(pilot, "q")  # refused: not saved
        assert app.is_running
        monkeypatch.setattr(store, "save", REAL_SAVE)
        await keys(pilot, "q")
    assert saved(corpus_dir)["spans"][0]["label"] == "CLAIM"


"""Keys typed faster than the screen draws land where they would land typed slowly.

A terminal hands a fast typist's keys (or a paste, or a key macro) to the app in one read;
Textual queues them all before any of them is handled. A key that opens an input (search,
a note, a form) must take the keys behind it, and a key that closes one must hand the keys
behind it back to the article: else ``/at least`` tags "a"ctors and "t"… in the article, and
the letters after ``enter`` vanish into a hidden search box. Each script is run twice, paced
(Pilot waits after every key) and as one burst (every key queued at once); the files saved
and the selection must be the same.
"""

from __future__ import annotations

import asyncio
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app.conftest import annotate, keys, saved, settle
from tests.conftest import ROOT, SEED
from tui.app.key_order import key_event

SCRIPTS = {
    "search then tag": ["slash", *"amnesty international", "enter", "a", "ctrl+s"],
    "search, tag, search again, tag": ["slash", *"hun manet", "enter", "a", "slash", *"1,440", "enter", "f",
                                       "ctrl+s"],
    "search cancelled, then a move and a tag": ["slash", *"amnesty", "escape", "m", "a", "ctrl+s"],
    "tag, then a note typed at once": ["slash", *"amnesty international", "enter", "a", "semicolon",
                                       *"checked", "enter", "ctrl+s"],
    "a count, a search, a tag": ["2", "m", "slash", *"cambodia", "enter", "a", "ctrl+s"],
}


async def _burst(app, pilot, presses: list[str]) -> None:
    """Queue every key before the app handles any, as a terminal's read of a fast typist."""
    for key in presses:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(pilot)
    await settle(pilot)


def _outcome(corpus_dir, scr) -> tuple:
    try:
        data = saved(corpus_dir)
    except FileNotFoundError:
        return (None, None, scr.sel)
    spans = [(s["label"], s["start"], s["end"], s.get("note"), s.get("attrs")) for s in data["spans"]]
    relations = [(r["label"], r["source"], r["target"]) for r in data.get("relations") or []]
    return (spans, relations, scr.sel)


async def _run(tmp_path_factory, script: list[str], how: str) -> tuple:
    corpus_dir = tmp_path_factory.mktemp(how)
    (corpus_dir / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", corpus_dir / "seeds")
    (corpus_dir / "annotations").mkdir()
    async with annotate(corpus_dir) as (app, pilot, scr):
        if how == "paced":
            await keys(pilot, *script)
        else:
            await _burst(app, pilot, script)
        return _outcome(corpus_dir, scr)


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=list(SCRIPTS))
async def test_a_burst_of_keys_lands_where_paced_keys_land(tmp_path_factory, script):
    paced = await _run(tmp_path_factory, script, "paced")
    burst = await _run(tmp_path_factory, script, "burst")
    assert paced[0], "the paced script should save spans"
    assert burst == paced


WORDS = ["amnesty international", "hun manet", "1,440", "cambodia", "phnom penh", "nowhere at all"]
UNITS = st.one_of(
    st.sampled_from(WORDS).map(lambda w: ["slash", *w, "enter"]),
    st.sampled_from(WORDS).map(lambda w: ["slash", *w, "escape"]),
    st.sampled_from([["a"], ["f"], ["c", "enter"], ["m"], ["l"], ["h"], ["u"], ["L"], ["escape"],
                     ["semicolon", *"ok", "enter"], ["y"]]),
)


@given(units=st.lists(UNITS, min_size=2, max_size=7))
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_burst_of_keys_lands_where_paced_keys_land(tmp_path_factory, units):
    """Generated scripts of searches, tags, prompts, notes, moves and undo."""
    script = [k for unit in units for k in unit] + ["ctrl+s"]

    async def both():
        return [await _run(tmp_path_factory, script, how) for how in ("paced", "burst")]

    paced, burst = asyncio.run(both())
    assert burst == paced, script


async def test_keys_typed_after_quit_are_dropped_and_nothing_waits_for_them(corpus_dir):
    """A burst that quits and goes on typing: the app saves and stops, and neither it nor
    whatever drives it waits for the keys after the quit."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await _burst(app, pilot, ["slash", *"hun manet", "enter", "a", "q", *"more keys", "a"])
    assert [s["text"] for s in saved(corpus_dir)["spans"]] == ["Hun Manet"]
    assert not app.keys_pending


async def test_a_held_burst_never_repaints_the_screen_below(corpus_dir, monkeypatch):
    """Waiting for a held key to settle touches the screen on top only: a message handled by
    the screen below makes Textual repaint the whole screen on top, a full frame a key."""
    from textual.screen import Screen

    below = []
    refresh = Screen._compositor_refresh

    def counted(self):
        if self is not self.app.screen:
            below.append(self)
        return refresh(self)

    async with annotate(corpus_dir) as (app, pilot, scr):
        await settle(pilot)
        assert len(app.screen_stack) > 1  # the annotate screen sits over Textual's default one
        monkeypatch.setattr(Screen, "_compositor_refresh", counted)
        await _burst(app, pilot, ["j", "j", "l", "l", "k", "2", "w", "m", "j"])
        assert scr.sel != (0, 0) and below == []


async def test_a_key_that_quits_returns_to_whoever_pressed_it(corpus_dir):
    """Pilot's press of the key that closes the app returns (the app has no screen left to
    wait for), with the file saved."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await pilot.press("slash", *"hun manet", "enter", "a", "q")
        assert not app.is_running
    assert [s["text"] for s in saved(corpus_dir)["spans"]] == ["Hun Manet"]


async def test_a_pressed_key_returns_once_its_frame_is_drawn(corpus_dir):
    """Pilot's press returns once the screen has drawn what the key changed, not only once
    the queues drained: Textual lays the screen out on its update timer, which a loaded
    machine runs late, and the next key must see the new geometry (``w``'s jump labels are
    for the rows in view; a snapshot test labelled two rows too few under load). The timer
    is made slow here, as load makes it."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await settle(pilot)
        view = scr.view
        full = view.scrollable_content_region.height
        scr._update_timer._interval = 0.3  # every frame a third of a second late
        await pilot.press("slash")  # the search bar takes rows from the article
        assert not scr._layout_required
        searching = view.scrollable_content_region.height
        assert searching < full
        await pilot.press(*"1,440", "enter", "w")  # the bar closes; the labels are for the rows in view
        top = int(view.scroll_offset.y)
        assert view.scrollable_content_region.height == full
        assert scr.ctl.view_range == (view.layout_rows.offset_of_row(top), view.layout_rows.offset_of_row(top + full))


async def test_a_key_typed_ahead_reads_the_layout_the_keys_before_it_made(corpus_dir):
    """Typed in one go, ``⏎w`` closes the search bar and labels the words in view: the held
    ``w`` waits until the screen has given the bar's rows back to the article, so it labels
    the rows a typist then sees, down to the last. Textual lays out on its update timer,
    late on a loaded machine: here each layout comes a third of a second late."""
    async with annotate(corpus_dir) as (app, pilot, scr):
        await settle(pilot)
        view = scr.view
        full = view.scrollable_content_region.height
        await pilot.press("slash")  # the search bar takes rows from the article
        assert view.scrollable_content_region.height < full
        timer = scr._update_timer
        resume = timer.resume
        timer.resume = lambda: asyncio.get_running_loop().call_later(0.3, resume)
        await _burst(app, pilot, [*"1,440", "enter", "w"])
        top = int(view.scroll_offset.y)
        labelled = scr.ctl.jumping.shown()
        assert view.scrollable_content_region.height == full
        last_row, below = (view.layout_rows.offset_of_row(top + r) for r in (full - 1, full))
        assert last_row <= max(labelled) < below

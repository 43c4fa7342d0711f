"""A terminal that goes away (a dropped SSH connection, a closed window, ``kill``) costs no
edit and leaves no process behind: the watch sees every way input can end, fires once, and
the app saves every screen's edits (a side file when the file changed on disk) and exits."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

import pytest
import yaml

from tests.app.conftest import annotate, keys, saved, search, settle
from tests.helpers import HANG_GUARD
from tui.app.hangup import HANGUP_STATUS, HangupWatch, watch_terminal


def _pty():
    master, slave = os.openpty()
    return slave, (lambda: os.close(master)), [master, slave]


def _pipe():
    r, w = os.pipe()
    return r, (lambda: os.close(w)), [r, w]


ENDS = {"a terminal whose other end closes": _pty, "input piped from a writer that stops": _pipe}


@pytest.mark.parametrize("make", ENDS.values(), ids=ENDS.keys())
def test_the_watch_fires_once_when_its_input_ends_and_never_before(make):
    fd, end, fds = make()
    fired = threading.Event()
    calls = []
    watch = HangupWatch(fd, lambda: (calls.append(1), fired.set())).start()
    try:
        assert not fired.wait(0.2)  # an open input: no hangup, whatever the wait
        end()
        assert fired.wait(HANG_GUARD)
        watch._thread.join(HANG_GUARD)
        assert calls == [1] and not watch._thread.is_alive()
    finally:
        watch.stop()
        for f in fds:
            try:
                os.close(f)
            except OSError:
                pass


@pytest.mark.parametrize("make", ENDS.values(), ids=ENDS.keys())
def test_a_stopped_watch_never_fires_and_takes_no_input(make):
    fd, end, fds = make()
    calls = []
    watch = HangupWatch(fd, lambda: calls.append(1)).start()
    writer = fds[0] if make is _pty else fds[1]
    os.write(writer, b"q\n")  # a key typed: the watch must leave it to Textual
    watch.stop()
    assert not watch._thread.is_alive()
    assert os.read(fd, 1) == b"q"
    end()
    assert calls == []
    for f in fds:
        try:
            os.close(f)
        except OSError:
            pass


@pytest.mark.parametrize("signals", [(), ("SIGHUP",), ("SIGTERM",), ("SIGHUP", "SIGTERM")])
def test_signals_and_a_hangup_together_call_the_app_once(signals):
    """However many of SIGHUP, SIGTERM and a closed terminal come, the save-and-exit runs
    once, on the event loop's thread."""
    slave, end, fds = _pty()
    calls = []

    async def main():
        loop = asyncio.get_running_loop()
        done = asyncio.Event()
        watch = watch_terminal(loop, lambda: (calls.append(threading.get_ident()), done.set()), slave)
        try:
            for name in signals:
                os.kill(os.getpid(), getattr(signal, name))
            end()
            await asyncio.wait_for(done.wait(), HANG_GUARD)
            for _ in range(20):
                await asyncio.sleep(0.01)  # a second call would land here
        finally:
            for name in ("SIGHUP", "SIGTERM"):
                loop.remove_signal_handler(getattr(signal, name))
            if watch is not None:
                watch.stop()

    asyncio.run(main())
    assert calls == [threading.get_ident()]
    os.close(slave)


async def test_the_terminal_going_away_saves_the_last_edit_and_exits(corpus_dir, monkeypatch):
    from tui.app.screens import annotate as annotate_screen

    monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 1e6)  # only the hangup saves
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Amnesty International")
        await keys(pilot, "a")
        assert scr.session.dirty
        app.terminal_gone()
        await pilot.pause()
    assert app.return_code == HANGUP_STATUS
    assert [s["text"] for s in saved(corpus_dir)["spans"]] == ["Amnesty International"]


async def test_a_file_changed_on_disk_keeps_the_edits_in_a_side_file(corpus_dir, alice_file, monkeypatch):
    from tui.app.screens import annotate as annotate_screen

    monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 1e6)
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Jacob Sims")
        await keys(pilot, "a")
        theirs = alice_file.read_text().replace('note: "UN estimate"', 'note: "changed by a git pull"')
        alice_file.write_text(theirs)
        app.terminal_gone()
        await settle(pilot)
    assert alice_file.read_text() == theirs  # never clobbered
    (side,) = [p for p in alice_file.parent.iterdir() if "~conflict-" in p.name]
    assert "Jacob Sims" in [s["text"] for s in yaml.safe_load(side.read_text(encoding="utf-8"))["spans"]]


async def test_the_app_exits_even_when_no_save_can_be_made(corpus_dir, monkeypatch):
    """A disk that refuses every write (the file and the side file) still lets the app exit:
    a process left behind would be worse than the edit it cannot keep."""
    from tui.app import saving
    from tui.app.screens import annotate as annotate_screen
    from tui.errors import ValidationError

    def refuse(*args, **kwargs):
        raise ValidationError(["refused"])

    monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 1e6)
    async with annotate(corpus_dir) as (app, pilot, scr):
        await search(pilot, "Amnesty International")
        await keys(pilot, "a")
        monkeypatch.setattr(type(scr.ws.file), "save", refuse)
        monkeypatch.setattr(saving, "keep_mine", refuse)
        app.terminal_gone()
        await pilot.pause()
    assert app.return_code == HANGUP_STATUS

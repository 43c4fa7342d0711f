from __future__ import annotations

import contextlib

import pytest
import yaml

from tests.conftest import SEED


@pytest.fixture(autouse=True)
def _no_user_env(monkeypatch):
    monkeypatch.delenv("MARGIN_ANNOTATOR", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    """A blinking cursor makes screenshots depend on timing."""
    from textual.widgets import Input

    init = Input.__init__

    def no_blink(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", no_blink)


@pytest.fixture(autouse=True)
def _no_autosave_in_screenshots(request, monkeypatch):
    """An autosave one second after the last edit writes "saved" on the status line, so a
    screenshot whose keys take over a second (a loaded machine) would depend on the load.
    No screenshot is of an autosave: they never start one."""
    if "snap_compare" in request.fixturenames:
        from tui.app.screens import annotate as annotate_screen

        monkeypatch.setattr(annotate_screen, "AUTOSAVE_DELAY", 1e6)


@contextlib.asynccontextmanager
async def annotate(corpus_dir, annotator="alice", doc=SEED, size=(120, 40)):
    """Run the app headless on ``corpus_dir``; yields (app, pilot, screen)."""
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    app = MarginApp(Corpus(corpus_dir), annotator, doc)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, app.screen


def saved(corpus_dir, annotator="alice", doc=SEED) -> dict:
    """The annotation file as PyYAML's safe loader reads it (what other tools see)."""
    path = corpus_dir / "annotations" / doc / f"{annotator}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


async def keys(pilot, *presses):
    for k in presses:
        if len(k) > 1 and k not in KEYNAMES:
            for ch in k:
                await pilot.press(ch)
        else:
            await pilot.press(k)
    await settle(pilot)


async def settle(pilot):
    """Let the app draw and finish its save workers (their Saved messages too)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def search(pilot, text):
    await keys(pilot, "slash", *list(text), "enter")


KEYNAMES = {
    "left", "right", "up", "down", "pageup", "pagedown", "home", "end", "enter", "escape", "tab",
    "shift+tab", "slash", "space", "delete", "backspace", "semicolon", "question_mark",
    "left_parenthesis", "right_parenthesis", "left_square_bracket", "right_square_bracket",
    "shift+right", "shift+left", "ctrl+right", "ctrl+left", "ctrl+s", "ctrl+z", "ctrl+y",
    "ctrl+o", "ctrl+f", "ctrl+p", "ctrl+q", "plus", "ctrl+a", "ctrl+k", "comma", "full_stop",
    "quotation_mark", "apostrophe",
}

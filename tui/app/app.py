"""The margin Textual apps: wire the theme, the keymap and the screens. Nothing else."""

from __future__ import annotations

import asyncio
import sys

from textual.app import App

from tui.app.key_order import KeysInOrder
from tui.app.keytable import load_keymap
from tui.corpus import Corpus
from tui.display import one_line
from tui.app.hangup import HANGUP_STATUS, HangupWatch, exit_soon, watch_terminal
from tui.app.palette import MarginCommands
from tui.app.screens.annotate import annotate_screen


class BaseApp(KeysInOrder):
    """What both apps share: keys in the order typed, the keymap from margin.yaml, the
    palette, a safe quit."""

    COMMANDS = App.COMMANDS | {MarginCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.error: str | None = None
        self._hangup: HangupWatch | None = None
        keys = load_keymap(corpus)
        self.keymap = keys
        if keys:
            self.set_keymap(keys)

    def on_mount(self) -> None:
        if not self.is_headless:
            self._hangup = watch_terminal(asyncio.get_running_loop(), self.terminal_gone)

    def on_unmount(self) -> None:
        if self._hangup is not None:
            self._hangup.stop()

    def terminal_gone(self) -> None:
        """The terminal hung up, or the process was told to end: save what every screen
        holds (no dialog: no one is there to answer it), then exit, within seconds even if
        restoring the vanished terminal blocks."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_unattended", None)
            if save is not None:
                save()
        if not self.is_headless:  # (a test's app must not end the test run)
            exit_soon(HANGUP_STATUS)
        self.exit(return_code=HANGUP_STATUS)

    async def action_quit(self) -> None:
        """ctrl+q (Textual's quit) saves like q does: nothing typed is lost."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_now", None)
            if save is not None and not save(quitting=True):
                return  # a conflict dialog is up, or the save failed: let the user choose
        self.exit()

    def fail(self, message: str) -> None:
        """Stop with a message printed after the screen is restored (exit code 1)."""
        self.error = message
        self.exit(return_code=1)

    def run_and_report(self) -> int:
        self.run()
        if self.error:
            for line in self.error.splitlines():
                print(one_line(line), file=sys.stderr)  # paths and ids in it are data
        return self.return_code or 0


class MarginApp(BaseApp):
    TITLE = "margin"
    CSS_PATH = "app.tcss"

    def __init__(self, corpus: Corpus, annotator: str, doc_id: str | None = None) -> None:
        super().__init__(corpus)
        self.annotator = annotator
        self.doc_id = doc_id

    def on_mount(self) -> None:
        self.open_article()

    def open_article(self) -> None:
        """The annotate screen on ``doc_id`` (None: the first unfinished document)."""
        self.push_screen(annotate_screen(self.corpus, self.annotator, self.doc_id))


def run_app(corpus: Corpus, annotator: str, doc_id: str | None) -> int:
    from tui.app.terminal import needs_terminal

    needs_terminal("the annotator")  # not a file or pipe: it would get the screen's escape codes
    return MarginApp(corpus, annotator, doc_id).run_and_report()

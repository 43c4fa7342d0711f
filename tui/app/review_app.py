"""The review app: one ReviewScreen on one document (``margin review``)."""

from __future__ import annotations

import sys

from textual.app import App

from ..corpus import Corpus, load_settings
from ..display import one_line
from ..errors import DataError
from .commands import MarginCommands
from .screens.review import review_screen


class ReviewApp(App):
    TITLE = "margin review"
    CSS_PATH = ["app.tcss", "review.tcss"]
    COMMANDS = App.COMMANDS | {MarginCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                 auto_accept: bool | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.doc_id = doc_id
        self.annotators = annotators
        self.auto_accept = auto_accept
        self.error: str | None = None
        keys = load_settings(corpus.root).get("keys") or {}
        if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
            raise DataError(f"{corpus.root / 'margin.yaml'}: 'keys' must map binding ids to keys, e.g. reject: X")
        self.keymap = keys
        if keys:
            self.set_keymap(keys)

    def on_mount(self) -> None:
        self.push_screen(review_screen(self.corpus, self.doc_id, self.annotators, self.auto_accept))

    def fail(self, message: str) -> None:
        """Stop with a message printed after the screen is restored (exit code 1)."""
        self.error = message
        self.exit(return_code=1)


def run_review(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
               auto_accept: bool | None = None) -> int:
    app = ReviewApp(corpus, doc_id, annotators, auto_accept)
    app.run()
    if app.error:
        for line in app.error.splitlines():
            print(one_line(line), file=sys.stderr)  # paths and ids in it are data
    return app.return_code or 0

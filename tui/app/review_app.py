"""The review app: one ReviewScreen on one document (``margin review``)."""

from __future__ import annotations

from tui.corpus import Corpus
from tui.app.app import BaseApp
from tui.app.screens.review import review_screen


class ReviewApp(BaseApp):
    TITLE = "margin review"
    CSS_PATH = ["app.tcss", "review.tcss"]

    def __init__(self, corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                 auto_accept: bool | None = None) -> None:
        super().__init__(corpus)
        self.doc_id = doc_id
        self.annotators = annotators
        self.auto_accept = auto_accept

    def on_mount(self) -> None:
        self.push_screen(review_screen(self.corpus, self.doc_id, self.annotators, self.auto_accept))


def run_review(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
               auto_accept: bool | None = None) -> int:
    from tui.app.terminal import needs_terminal

    needs_terminal("the review screen")  # not a file or pipe: it would get the screen's escape codes
    return ReviewApp(corpus, doc_id, annotators, auto_accept).run_and_report()

"""The margin Textual application (placeholder until the annotator lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Footer, Header, Static

from ..corpus import Corpus


class MarginApp(App):
    TITLE = "margin"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, corpus: Corpus, annotator: str, doc_id: str | None = None):
        super().__init__()
        self.corpus = corpus
        self.annotator = annotator
        self.doc_id = doc_id or corpus.doc_ids()[0]

    def compose(self) -> ComposeResult:
        doc = self.corpus.document(self.doc_id)
        yield Header()
        yield Static(Content(doc.text))
        yield Footer()

"""What both screens share: the article view, the narrow layout, the save path."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal

from tui.app.saving import SavingScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.key_bar import KeyBar, TitleBar

NARROW = 100  # below this width the panel moves under the article
Opened = TypeVar("Opened")


def settle_heap() -> None:
    """Take what an open document built (its text, spans, rows, suggestions) out of the
    garbage collector's walks. A full collection visits every live object: ~120 ms with a
    1 MB article and 5,000 spans, landing on whichever key happened to trigger it. The
    objects stay freed by reference counting; cycles among them are collected when the
    next document replaces this one (``building_heap(replacing=True)``)."""
    gc.freeze()


class ArticleScreen(SavingScreen, Generic[Opened]):
    """``Opened`` is what the screen has open (annotate: a workspace; review: the
    adjudication and its gold): None until it opened, and an app that failed to open its
    document stops, so a key that finds nothing open is a bug (``opened`` asserts)."""

    AUTO_FOCUS = "ArticleView"
    _opened: Opened | None = None

    @property
    def is_open(self) -> bool:
        return self._opened is not None

    @property
    def opened(self) -> Opened:
        assert self._opened is not None, f"{type(self).__name__}: no document is open"
        return self._opened

    def compose(self) -> ComposeResult:
        """The title, the article beside the screen's panel, what goes under them, the keys."""
        yield TitleBar()
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield from self.compose_panel()
        yield from self.compose_below()
        yield KeyBar()

    def compose_panel(self) -> ComposeResult:
        """The panel beside the article (each screen's own)."""
        yield from ()

    def compose_below(self) -> ComposeResult:
        """Lines under the article and the panel, above the keys."""
        yield from ()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")


@contextmanager
def building_heap(replacing: bool = False) -> Iterator[None]:
    """While a document is read and indexed: no collections (everything it allocates
    stays alive, and each collection the growing heap triggered walked all of it again),
    then the result is frozen out of later walks (``settle_heap``). ``replacing`` another
    document: what was frozen is unfrozen and collected first, so cycles left by the old
    document and closed dialogs do not outlive it (one full collection, on a switch)."""
    if replacing:
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        settle_heap()
        if enabled:
            gc.enable()

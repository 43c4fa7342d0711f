"""One line of status under the article: a plain Text, redrawn without a layout pass."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.display import safe_text


class StatusLine(Widget):
    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def show(self, text: Text) -> None:
        """Replace the line; only this widget repaints (its size never changes), and only
        when the line changed (a key's handlers may each ask; the frame shows the last).
        Whatever its pieces carried (article words, a colleague's values, a message), it
        reaches the terminal through ``safe_text``."""
        text = safe_text(text)
        if text == self.text:
            return
        self.text = text
        self.refresh()

    @property
    def plain(self) -> str:
        """The line and, while one is asked, the prompt the key bar shows in its place."""
        from tui.app.widgets.key_bar import KeyBar

        bars = self.screen.query(KeyBar)
        prompt = bars.first().prompt if bars else None
        return self.text.plain + ("\n" + prompt.plain if prompt is not None else "")

    def render(self) -> Text:
        return self.text

"""One line of status under the article: a plain Text, redrawn without a layout pass."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def show(self, text: Text) -> None:
        """Replace the line; only this widget repaints (its size never changes), and only
        when the line changed (a key's handlers may each ask; the frame shows the last)."""
        if text == self.text:
            return
        self.text = text
        self.refresh()

    def render(self) -> Text:
        return self.text

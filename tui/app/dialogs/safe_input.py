"""The one Input every dialog uses: values are kept exactly as typed or stored, and shown
through ``tui.display.one_line`` (each control character a visible placeholder, one for
one, so the cursor stays where it is). An OSC or ESC sequence in a stored value can
never reach the terminal through a text field."""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

from tui.display import one_line


class Displayable(Highlighter):
    """A "highlighter" that replaces control characters, one for one, styles kept."""

    def highlight(self, text: Text) -> None:
        safe = one_line(text.plain)
        if safe != text.plain:
            text.plain = safe


class SafeInput(Input):
    """An Input that displays untrusted values safely (its value is not changed)."""

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs) -> None:
        super().__init__(value, one_line(placeholder), highlighter=Displayable(), **kwargs)

"""Pick one item from a list: type to filter, arrows to move, enter to choose."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.display import one_line
from tui.app.dialogs.safe_input import SafeInput


class Picker(ModalScreen[str | None]):
    """``items`` are (id, Text prompt, search text); returns the chosen id or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, title: str, items: list[tuple[str, Text, str]], empty: str = "nothing to pick") -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="picker"):
            yield Static(Text(one_line(self.title_text), style="bold"), classes="title")
            yield SafeInput(placeholder="type to filter", id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static(Text("↑/↓ move · enter: choose · esc: cancel", style="dim"))

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        q = query.lower()
        options = [Option(prompt, id=item_id) for item_id, prompt, hay in self.items if q in hay.lower()]
        ol = self.query_one(OptionList)
        ol.set_options(options or [Option(Text(self.empty, style="dim"), disabled=True)])
        ol.highlighted = 0 if options else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, delta: int) -> None:
        ol = self.query_one(OptionList)
        if delta > 0:
            ol.action_cursor_down()
        else:
            ol.action_cursor_up()

    def on_input_submitted(self) -> None:
        ol = self.query_one(OptionList)
        option = ol.highlighted_option
        if option is not None and not option.disabled:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

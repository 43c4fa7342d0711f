"""Ask the user to choose between a few answers, each on its own key."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.display import one_line


class Choice(ModalScreen[str]):
    """``choices`` are (key, answer, description); escape answers ``cancel``."""

    BINDINGS = [Binding("escape", "choose('cancel')", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(one_line(self.title_text), style="bold"), classes="title")
            yield Static(Text(one_line(self.message)))
            for key, _, desc in self.choices:
                yield Static(Text.assemble((f" {one_line(key)} ", "reverse bold"), " ", one_line(desc)))

    def on_key(self, event) -> None:
        for key, answer, _ in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)

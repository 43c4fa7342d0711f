"""Ask who is annotating, before anything is opened: returns a valid annotator name."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.annotators import check_writer
from tui.display import one_line
from tui.errors import DataError
from tui.app.dialogs.safe_input import SafeInput


class NamePrompt(ModalScreen[str]):
    """Dismissed with a name that passes ``check_writer`` (valid, not gold) and that ``claim`` accepted.

    ``claim(name)`` returns False when the name is taken (e.g. open in another session).
    """

    TAKEN = "{name!r} is already annotating in another session: use another name"

    def __init__(self, claim: Callable[[str], bool] = lambda name: True, value: str = "", error: str = "") -> None:
        super().__init__()
        self.claim = claim
        self.value = value
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Who is annotating?", style="bold"), classes="title")
            yield SafeInput(self.value, placeholder="your name, e.g. alice", id="name-input")
            yield Static(Text("Your annotations are saved under this name. enter: start", style="dim"))
            yield Static(Text(one_line(self.error), style="bold red"), id="dialog-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        try:
            check_writer(name)
        except DataError as e:
            self.show_error(str(e))
        else:
            if self.claim(name):
                self.dismiss(name)
            else:
                self.show_error(self.TAKEN.format(name=name))

    def show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Static).update(Text(one_line(message), style="bold red"))

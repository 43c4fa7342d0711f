"""The help screen, generated from the real (possibly remapped) bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.groups:
            table.add_row(Text(title, style="bold underline"), Text(""))
            for keys, desc in rows:
                table.add_row(Text(keys), Text(desc))
            table.add_row(Text(""), Text(""))
        with VerticalScroll(id="dialog", classes="help"):
            yield Static(Text("margin: keys (esc closes)", style="bold"), classes="title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)

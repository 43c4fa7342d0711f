"""Edit a span's attributes: a choice list per enumeration, validated number and text fields.

``enter`` never saves by surprise: on a closed list it opens the list, in an open list it
picks and moves to the next field (after the last one, to Save); on a text field or on
Save it saves. ``ctrl+s`` saves from anywhere."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual import on
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static
from textual.widgets._select import SelectOverlay

from tui.display import one_line
from tui.model import Span
from tui.schema import LabelDef
from tui.app.dialogs.safe_input import SafeInput


def parse_number(raw: str) -> int | float:
    """``1,440`` → 1440, ``12.5e9`` → 12500000000.0; raise ValueError otherwise."""
    s = raw.strip().replace(",", "").replace("_", "")
    if not s:
        raise ValueError("empty")
    try:
        return int(s)
    except ValueError:
        v = float(s)
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("not finite") from None
        return int(v) if v.is_integer() and abs(v) < 2**53 and "e" not in s.lower() and "." not in s else v


class ListField(Select):
    """A choice list of the form: a pick (enter in the open list) moves on to the next field."""

    @on(SelectOverlay.UpdateSelection)
    def _picked(self) -> None:
        self.call_after_refresh(self.screen.focus_next)


class AttrsDialog(ModalScreen[dict | None]):
    """Returns the new attrs (blank fields removed), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("enter", "enter", "Open a list / save", priority=True, show=False),
    ]

    def __init__(self, span: Span, label: LabelDef) -> None:
        super().__init__()
        self.span = span
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(f"{self.span.label}: {one_line(self.span.text, 60)}", style="bold"), classes="title")
            for name, attr in self.label.attrs.items():
                yield Label(Text(one_line(name)))
                value = self.span.attrs.get(name)
                if attr.kind == "enum":
                    yield ListField([(Text(one_line(v)), v) for v in attr.values],
                                 value=value if value in attr.values else Select.NULL,
                                 id=f"attr-{name}", prompt="(none)", type_to_search=True)
                else:
                    yield SafeInput("" if value is None else str(value), id=f"attr-{name}",
                                placeholder="a number, e.g. 1,440 or 12.5e9" if attr.kind == "number" else "free text",
                                restrict=r"[-+0-9.,_eE]*" if attr.kind == "number" else None)
            yield Button("Save", id="dialog-save", compact=True)
            yield Static(Text("tab: next field · enter: open a list, pick, save (on a text field or Save) · "
                              "ctrl+s: save · esc: cancel", style="dim"), id="dialog-help")
            yield Static("", id="dialog-error")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "enter" and any(sel.expanded for sel in self.query(Select)):
            return False  # enter in an open list picks the value (and ListField moves on)
        return True

    def action_enter(self) -> None:
        """enter on a closed list opens it; anywhere else it saves."""
        if isinstance(self.focused, Select):
            self.focused.action_show_overlay()
        else:
            self.action_save()

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        out: dict = {}
        for name, attr in self.label.attrs.items():
            widget = self.query_one(f"#attr-{name}")
            if isinstance(widget, Select):
                if widget.value is not Select.NULL and widget.value is not None:
                    out[name] = widget.value
                continue
            assert isinstance(widget, SafeInput)
            raw = widget.value.strip()
            if not raw:
                continue
            if attr.kind == "number":
                try:
                    out[name] = parse_number(raw)
                except ValueError:
                    self.query_one("#dialog-error", Static).update(
                        Text(one_line(f"{name}: {raw!r} is not a number"), style="bold red"))
                    widget.focus()
                    return
            else:
                out[name] = raw
        self.dismiss(out)

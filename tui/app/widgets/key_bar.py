"""The keys line at the bottom of a screen, and the title line at its top: one widget
each, drawn as one line of Text.

Textual's Footer is a widget per key (re-composed whenever the bindings change) and its
Header three more with a clock: most of the styling work of opening the annotate
screen. These draw the same information as a single line, and redraw only themselves.
Keys come from ``Screen.active_bindings`` (so remapped keys and disabled actions show
as the palette shows them); clicking a key runs its action (the mouse helps, it is never
required).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.widget import Widget

from tui.display import one_line, safe_text


KEEP = frozenset({"help", "search", "toggle-done", "mark-done", "quit"})  # never dropped for width


def _fit(pieces: list, width: int) -> bool:
    """Drop the pieces furthest right that are not kept until the rest fit ``width``;
    True when even the kept ones do not."""
    while sum(len(k) + len(d) for k, d, *_ in pieces) > width:
        drop = next((i for i in range(len(pieces) - 1, -1, -1) if not pieces[i][3]), None)
        if drop is None:
            return True
        del pieces[drop]
    return False


class KeyBar(Widget):
    """The shown bindings of the screen: `key description` pairs, the palette on the right.

    The layout rule: when the keys do not fit the width, the ones furthest right that are
    not kept (``KEEP``, or the screen's ``KEY_BAR_KEEP``; a label's tag key always is) are
    dropped first, so help, the tag keys, Search, Done and Quit stay on an 80-column
    screen; if the kept ones still do not fit, the palette shows its key alone. ``?``
    lists the rest."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: list[tuple[int, int, DOMNode, str]] = []  # (x0, x1, namespace, action)
        self.prompt: Text | None = None  # shown in place of the keys while a choice is asked

    def show_prompt(self, prompt: Text | None) -> None:
        """While the screen asks something (a choice after a tag, the jump labels), the
        question takes this line: every choice readable, and no layout (one line either way).
        Its choices may be words of the article or values from the team's files: ``safe_text``."""
        prompt = None if prompt is None else safe_text(prompt)
        if prompt != self.prompt:
            self.prompt = prompt
            self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def _entries(self) -> tuple[list[ActiveBinding], ActiveBinding | None]:
        active = self.screen.active_bindings
        seen: set[str] = set()
        shown = []
        for entry in active.values():
            b = entry.binding
            if b.show and b.action not in seen:  # one key per action, as the Footer does
                seen.add(b.action)
                shown.append(entry)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        return shown, palette

    def render(self) -> Text:
        if self.prompt is not None:
            self._hits = []
            return self.prompt
        shown, palette = self._entries()
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        desc_style = self.get_component_rich_style("key-bar--description", partial=True)
        dim = self.get_component_rich_style("key-bar--disabled", partial=True)
        kept = getattr(self.screen, "KEY_BAR_KEEP", KEEP)
        pieces = []
        for items in _grouped(shown):
            b = items[0].binding
            keys = [one_line(self.app.get_key_display(e.binding)) for e in items]  # keys can come from margin.yaml
            key = keys[0] if len(keys) == 1 else (f"{keys[0]}–{keys[-1]}" if len(keys) > 2 else " ".join(keys))
            description = b.group.description if len(items) > 1 and b.group is not None else b.description
            off = dim if not any(e.enabled for e in items) else None
            keep = b.id in kept or (b.id or "").startswith("tag-")
            pieces.append((f" {key} ", f"{one_line(description)} ", off, keep, items[0].node, b.action))
        short = _fit(pieces, (self.content_region.width or 10_000) - (12 if palette is not None else 0))
        if short and palette is not None:  # the kept keys first: the palette shows its key alone
            _fit(pieces, (self.content_region.width or 10_000) - 4)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        hits = []
        for key, description, off, _, node, action in pieces:
            start = len(text)
            text.append(key, key_style + off if off else key_style)
            text.append(description, desc_style + off if off else desc_style)
            hits.append((start, len(text), node, action))
        if palette is not None:
            label = Text.assemble((f" {one_line(self.app.get_key_display(palette.binding))} ", key_style),
                                  ("" if short else "palette ", desc_style))
            width = self.content_region.width
            if width > len(text) + len(label) + 1:
                text.append(" " * (width - len(text) - len(label)))
                start = len(text)
                text.append_text(label)
                hits.append((start, len(text), palette.node, palette.binding.action))
            else:
                text.append("▏")
                text.append_text(label)
        self._hits = hits
        return text

    async def on_click(self, event: events.Click) -> None:
        for x0, x1, node, action in self._hits:
            if x0 <= event.x < x1:
                event.stop()
                await self.app.run_action(action, node)
                return


class TitleBar(Widget):
    """The screen's title and sub-title on one line (what Textual's Header shows)."""

    DEFAULT_CSS = """
    TitleBar { height: 1; dock: top; background: $panel; color: $foreground; text-align: center; }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        screen = self.screen
        title = screen.title or self.app.title
        sub = screen.sub_title or self.app.sub_title
        text = Text(no_wrap=True, overflow="ellipsis", justify="center", end="")
        text.append(one_line(title or ""))  # never markup, never a control character
        if sub:
            text.append(" — ")
            text.append(one_line(sub), style="dim")
        return text


def _grouped(entries: list[ActiveBinding]) -> list[list[ActiveBinding]]:
    """Consecutive bindings of one ``Binding.Group`` (the digits) as one entry."""
    out: list[list[ActiveBinding]] = []
    for entry in entries:
        group = entry.binding.group
        if out and group is not None and out[-1][0].binding.group == group:
            out[-1].append(entry)
        else:
            out.append([entry])
    return out

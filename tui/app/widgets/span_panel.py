"""The annotation panel: spans grouped by label, with attributes and attributions.

Prompts are Rich ``Text`` built from plain strings (never markup); the screen rebuilds the
panel when the spans change and tells it which span follows the cursor.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...display import one_line
from ...editing import EditSession
from ...schema import Schema

GROUP_TITLES = {"ACTOR": "Actors", "FIGURE": "Figures", "CLAIM": "Claims"}


def relation_index(session: EditSession) -> dict[str, list]:
    """span id -> its relations (both directions), built once per panel rebuild."""
    index: dict[str, list] = {}
    for rel in session.annotation.relations:
        index.setdefault(rel.source, []).append(rel)
        index.setdefault(rel.target, []).append(rel)
    return index


def span_summary(span, session: EditSession, width: int = 60, relations: dict | None = None,
                 by_id: dict | None = None) -> Text:
    """One panel entry: the quote, its attributes and its relations, as plain Text."""
    text = Text(no_wrap=False, overflow="ellipsis")
    flag = f"⚑{span.flag} " if span.flag else ""
    if flag:
        text.append(flag, style="bold red")
    text.append(one_line(span.text, width), style="bold")
    if span.attrs:
        if span.label == "FIGURE" and "value" in span.attrs:
            v = span.attrs["value"]
            v = f"{v:,.0f}" if isinstance(v, (int, float)) and float(v).is_integer() else str(v)
            parts = [span.attrs.get("qualifier", ""), v, span.attrs.get("unit", "")]
            desc = " ".join(str(p) for p in parts if p != "")
            other = {k: v for k, v in span.attrs.items() if k not in ("value", "unit", "qualifier")}
            if other:
                desc += " " + ", ".join(f"{k}={v}" for k, v in other.items())
        else:
            desc = ", ".join(str(v) for v in span.attrs.values())
        text.append("\n  " + one_line(desc, width), style="dim")
    rels = relations.get(span.id, ()) if relations is not None else session.relations_of(span.id)
    for rel in rels:
        by_id = by_id or {s.id: s for s in session.spans}
        other_id = rel.target if rel.source == span.id else rel.source
        other = by_id.get(other_id)
        arrow = "→" if rel.source == span.id else "←"
        text.append(f"\n  {arrow} ", style="dim")
        text.append(one_line(other.text if other else other_id, width - 4), style="italic")
    if span.note:
        text.append("\n  ✎ " + one_line(span.note, width - 4), style="dim italic")
    return text


class SpanPanel(OptionList):
    """Spans grouped under their labels; enter jumps, x deletes, e edits."""

    BINDINGS = [
        Binding("x,delete", "command('delete')", "Delete", id="panel-delete"),
        Binding("e", "command('edit')", "Edit", id="panel-edit"),
    ]

    class Command(Message):
        """The user asked for ``action`` on ``span_id`` from the panel."""

        def __init__(self, action: str, span_id: str) -> None:
            super().__init__()
            self.action = action
            self.span_id = span_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._index: dict[str, int] = {}

    def rebuild(self, session: EditSession, schema: Schema, window: tuple[int, int] | None = None) -> None:
        """List the spans, all of them or (``window``) those overlapping [start, end)."""
        groups: dict[str, list] = {lab: [] for lab in schema.labels}
        totals: dict[str, int] = dict.fromkeys(schema.labels, 0)
        for s in session.spans:
            totals[s.label] = totals.get(s.label, 0) + 1
            if window is None or (s.start < window[1] and window[0] < s.end):
                groups.setdefault(s.label, []).append(s)
        relations = relation_index(session)
        by_id = {s.id: s for s in session.spans} if relations else None
        options: list[Option] = []
        index: dict[str, int] = {}
        for label, spans in groups.items():
            count = f"{len(spans)}" if window is None else f"{len(spans)} near here, of {totals.get(label, 0):,}"
            title = Text(f"{GROUP_TITLES.get(label, label.title())} ({count})", style="bold underline")
            options.append(Option(title, id=f"group:{label}", disabled=True))
            for s in spans:
                index[s.id] = len(options)
                options.append(Option(span_summary(s, session, relations=relations, by_id=by_id), id=s.id))
        old = self.highlighted
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.set_options(options)
        self._index = index
        if highlighted in index:
            self.highlighted = index[highlighted]
        elif old is not None and index:
            # the highlighted span went away: highlight the entry now in its place
            following = [i for i in sorted(index.values()) if i >= old]
            self.highlighted = following[0] if following else max(index.values())

    def follow(self, span_id: str | None) -> None:
        """Highlight ``span_id``'s entry (the span under the cursor)."""
        if span_id is not None and span_id in self._index and self.highlighted != self._index[span_id]:
            self.highlighted = self._index[span_id]

    def action_command(self, action: str) -> None:
        option = self.highlighted_option
        if option is not None and option.id and not option.id.startswith("group:"):
            self.post_message(self.Command(action, option.id))

"""The review screen's panel: the current item's candidates with who proposed them, what
gold has, and the progress. Everything is Rich ``Text`` built from plain strings through
``tui.display.one_line`` (never markup)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.review.adjudication import (ACCEPTED, EDITED, OPEN, REJECTED, Added, Adjudication, Item, RelationChoice,
                                     RelationItem, bound_diffs)
from tui.display import one_line
from tui.model import Annotation, Span
from tui.schema import Schema
from tui.app.widgets.candidate_marks import mark_bounds

QUOTE = 240  # characters of a quote or a note shown in the panel (longer ones end in …)
SHORT = 80  # characters of a relation's endpoints or an attribute value
STATE_STYLE = {OPEN: "bold yellow", ACCEPTED: "bold green", EDITED: "bold cyan", REJECTED: "bold red"}


def _attrs_lines(attrs: dict, differs: set[str] | frozenset[str]) -> Text:
    """One ``name: value`` line per attribute; values the candidates disagree on stand out."""
    text = Text()
    for k, v in attrs.items():
        text.append(f"\n   {k}: ", style="dim")
        shown = f"{v:,}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        text.append(one_line(shown, SHORT), style="bold yellow" if k in differs else "")
    return text


def span_lines(span: Span, differs: set[str] | frozenset[str] = frozenset()) -> Text:
    """The quote, attributes, note and anchor flag of a span, as plain Text (never markup)."""
    text = Text()
    text.append("   “" + one_line(span.text, QUOTE) + "”")
    text.append_text(_attrs_lines(span.attrs, differs))
    if span.note:
        text.append("\n   ✎ " + one_line(span.note, QUOTE), style="italic")
    if span.flag:
        text.append(f"\n   ⚑ {span.flag}: the article changed since; check the bounds", style="bold red")
    return text


def candidate_text(i: int, span: Span, annotators, in_gold: bool, differs: set[str]) -> Text:
    head = Text(no_wrap=False)
    head.append(f" {i} ", style="reverse bold")
    head.append(" " + span.label, style="bold")
    head.append(f" {span.start}–{span.end}  ", style="dim")
    head.append(", ".join(annotators), style="italic")
    if in_gold:
        head.append("  ✓ gold", style="bold green")
    head.append("\n")
    head.append_text(span_lines(span, differs))
    return head


def relation_text(rc: RelationChoice, in_gold: bool) -> Text:
    text = Text()
    text.append(" 1 ", style="reverse bold")
    text.append(" " + rc.label.replace("_", " "), style="bold")
    text.append("  " + (", ".join(rc.annotators) or "kept from the saved gold"), style="italic")
    if in_gold:
        text.append("  ✓ gold", style="bold green")
    text.append(f"\n   {rc.source.label} “{one_line(rc.source.text, SHORT)}”")
    text.append(f"\n   → {rc.target.label} “{one_line(rc.target.text, SHORT)}”")
    return text


def link_text(i: int, item: RelationItem, n: int, in_gold: bool) -> Text:
    """Candidate ``i``: one target the claim is linked to, and who linked it there."""
    link = item.links[n]
    text = Text()
    text.append(f" {i} ", style="reverse bold")
    text.append(" → " + link.target.label, style="bold")
    text.append(f" {link.target.start}–{link.target.end}  ", style="dim")
    text.append(", ".join(link.annotators), style="italic")
    if in_gold:
        text.append("  ✓ gold", style="bold green")
    text.append(f"\n   “{one_line(link.target.text, SHORT)}”")
    return text


def link_words(item: RelationItem, n: int) -> str:
    """``CLAIM “…” attributed to ACTOR “…”`` for link ``n`` of a relation item."""
    target = item.links[n].target
    return (f"{item.source.label} “{one_line(item.source.text, 30)}” {item.label.replace('_', ' ')} "
            f"{target.label} “{one_line(target.text, 30)}”")


def relation_item_texts(adj: Adjudication, item: RelationItem) -> tuple[list, Text]:
    """A relation item's options (one per link) and who has no link from the claim."""
    options: list[Option | None] = []
    for i, link in enumerate(item.links):
        if i:
            options.append(None)
        options.append(Option(hanging(link_text(i + 1, item, i, adj.in_gold(item, link))), id=f"c{i}"))
    head = Text()
    head.append(f"{item.source.label} “{one_line(item.source.text, SHORT)}” "
                f"{item.label.replace('_', ' ')}…\n", style="bold")
    absent = [a for a in adj.annotators if a not in item.annotators]
    if absent:
        verb = "has" if len(absent) == 1 else "have"
        head.append(f"{one_line(', '.join(absent), 60)} {verb} no link from it\n", style="italic")
    return options, head


class Hanging(Group):
    """``text`` with each line's leading spaces kept for its wrapped continuation too (a
    long quote wraps under itself, not at column 0; words are never cut). ``text`` is the
    Text it shows."""

    def __init__(self, text: Text) -> None:
        rows: list[RenderableType] = []
        for i, line in enumerate(text.split("\n")):
            n = len(line.plain) - len(line.plain.lstrip(" ")) if i else 0
            rows.append(Padding(line[n:], (0, 0, 0, n)) if n else line)
        super().__init__(*rows)
        self.text = text


hanging = Hanging


def relation_words(rc: RelationChoice) -> str:
    """``CLAIM “…” attributed to ACTOR “…”``: what a relation says, for the status line."""
    return (f"{rc.source.label} “{one_line(rc.source.text, 30)}” {rc.label.replace('_', ' ')} "
            f"{rc.target.label} “{one_line(rc.target.text, 30)}”")


def differing_words(adj: Adjudication, item: Item | None) -> list[tuple[int, int]]:
    """Where the current item's candidates differ in bounds: the words one has and another
    lacks (``bound_diffs``), merged and sorted, for the article's marks layer."""
    if item is None or isinstance(item, (RelationChoice, RelationItem, Added)) or len(item.candidates) < 2:
        return []
    ranges = sorted({r for d in bound_diffs(adj.doc.text, [c.span for c in item.candidates]) for r in d.extra})
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def differing_attrs(spans) -> set[str]:
    """Attributes whose value (or absence) is not the same in all ``spans``."""
    keys = {k for s in spans for k in s.attrs}
    return {k for k in keys if any(s.attrs.get(k) != spans[0].attrs.get(k) for s in spans)}


class CandidateList(OptionList, can_focus=False):
    """The candidates of the current item; the screen moves the highlight (j/k)."""


def panel_texts(adj: Adjudication, item: Item | None, gold: Annotation, draft: Span | None, draft_n: int,
                schema: Schema) -> tuple[Text, list, Text, Text]:
    """The panel of the current item: (title, candidate options, what gold has, progress)."""
    title = Text()
    options: list[Option | None] = []
    decided = Text()
    if item is None:
        title.append("Nothing to review", style="bold")
        decided.append("The annotators agree on every span (or have none).\n"
                       "d marks the gold done and saves it · q quits")
    elif isinstance(item, Added):
        state = adj.state(item)
        title.append("Your own span", style="bold")
        title.append(" · ")
        title.append(state, style=STATE_STYLE[state])
        options.append(Option(hanging(candidate_text(1, item.span, ("drawn by you: no candidate has it",),
                                                     state == ACCEPTED, set())), id="c0"))
        decided.append("In gold · x takes it back · r links it" if state == ACCEPTED
                       else "Taken back · o brings it back", style=STATE_STYLE[state])
    else:
        items = adj.to_review()
        orders = [it.order for it in items]
        pos = orders.index(item.order) + 1 if item.order in orders else 0
        kind = ("Relation" if isinstance(item, (RelationChoice, RelationItem)) else
                "Span" if item.unanimous else "Disagreement")
        state = adj.state(item)
        title.append(f"{kind} {pos} of {len(items)}", style="bold")
        title.append(" · ")
        title.append(state, style=STATE_STYLE[state])
        if isinstance(item, RelationChoice):
            options.append(Option(hanging(relation_text(item, state == ACCEPTED)), id="c0"))
            decided = decision_text(adj, item, (), state, draft, draft_n, schema)
        elif isinstance(item, RelationItem):
            options, decided = relation_item_texts(adj, item)
            decided.append_text(decision_text(adj, item, (), state, draft, draft_n, schema))
        else:
            chosen = adj.chosen(item)
            spans = [c.span for c in item.candidates]
            differs = differing_attrs(spans)
            bounds = bound_diffs(adj.doc.text, spans)  # the words one has and another lacks
            for i, c in enumerate(item.candidates):
                if i:
                    options.append(None)  # a separator line
                in_gold = any(s.key == c.span.key and s.attrs == c.span.attrs and s.origin == c.annotators
                              and not s.edited for s in chosen)
                options.append(Option(hanging(mark_bounds(candidate_text(i + 1, c.span, c.annotators, in_gold, differs),
                                                          c.span, bounds[i], adj.doc.text)), id=f"c{i}"))
            decided = absent_text(adj, item)
            decided.append_text(decision_text(adj, item, chosen, state, draft, draft_n, schema))
    progress = Text()
    progress.append(f"{adj.open_count()} of {len(adj.to_review())} open", style="bold")
    progress.append(f" · gold: {count(len(gold.spans), 'span')}, {count(len(gold.relations), 'relation')}",
                    style="dim")
    return title, options, decided, progress


def absent_text(adj: Adjudication, group) -> Text:
    """``carol has nothing here``: the annotators none of the candidates is from (a single
    candidate is one person's span the others did not draw)."""
    absent = [a for a in adj.annotators if all(a not in c.annotators for c in group.candidates)]
    if group.unanimous or not absent:
        return Text()
    verb = "has" if len(absent) == 1 else "have"
    return Text(f"{one_line(', '.join(absent), 60)} {verb} nothing here\n", style="italic")


def decision_text(adj: Adjudication, item: Item, chosen, state: str, draft: Span | None, draft_n: int,
                  schema: Schema) -> Text:
    """What gold has from ``item`` (or the candidate being edited, and the keys to do it)."""
    text = Text()
    if draft is not None:
        text.append(f"Editing candidate {draft_n + 1}:", style="bold cyan")
        text.append(f" {draft.label} {draft.start}–{draft.end}\n", style="bold")
        text.append_text(span_lines(draft))
        keys = "/".join(lab.key for lab in schema.labels.values())
        text.append(f"\nH/L grow · ctrl+←/→ shrink · {keys} label · e attrs · ; note\n"
                    "enter accepts it · esc cancels", style="dim")
        return text
    if state == OPEN:
        text.append("Undecided: ", style="bold yellow")
        text.append("1 accepts · x rejects" if isinstance(item, RelationChoice) else
                    "1-9 accepts a link (and its ends) · x rejects" if isinstance(item, RelationItem)
                    else "1-9 accepts · x rejects · e edits", style="dim")
    elif state == REJECTED:
        text.append("Rejected: nothing of it goes into gold", style="bold red")
        why = adj.reason(item)
        if why:
            text.append(f"\nwhy: {one_line(why, 200)}", style="italic")
    elif isinstance(item, RelationChoice):
        text.append("In gold", style=STATE_STYLE[state])
    elif isinstance(item, RelationItem):
        taken = [n for n, lk in enumerate(item.links) if lk.target_group in adj.taken(item)]
        waiting = [n for n in taken if not adj.in_gold(item, item.links[n])]
        text.append(f"Accepted: link {', '.join(str(n + 1) for n in taken)}", style=STATE_STYLE[state])
        if waiting:
            text.append("\nnot in gold while an end is not (its span item decides)", style="italic")
    else:
        text.append("In gold:", style=STATE_STYLE[state])
        for s in chosen:
            text.append(f"\n {s.label} {s.start}–{s.end}  ", style="bold")
            text.append("from " + ", ".join(s.origin), style="italic")
            if s.edited:
                text.append("  edited\n", style="bold cyan")
                text.append_text(span_lines(s))
    return text

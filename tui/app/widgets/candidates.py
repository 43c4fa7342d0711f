"""The review screen's panel: the current item's candidates with who proposed them, what
gold has, and the progress. Everything is Rich ``Text`` built from plain strings through
``tui.display.one_line`` (never markup)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.review.adjudication import ACCEPTED, EDITED, OPEN, REJECTED, Adjudication, Item, RelationChoice, bound_diffs
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
    else:
        items = adj.to_review()
        orders = [it.order for it in items]
        pos = orders.index(item.order) + 1 if item.order in orders else 0
        kind = "Relation" if isinstance(item, RelationChoice) else "Span" if item.unanimous else "Disagreement"
        state = adj.state(item)
        title.append(f"{kind} {pos} of {len(items)}", style="bold")
        title.append(" · ")
        title.append(state, style=STATE_STYLE[state])
        if isinstance(item, RelationChoice):
            options.append(Option(relation_text(item, state == ACCEPTED), id="c0"))
            decided = decision_text(adj, item, (), state, draft, draft_n, schema)
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
                options.append(Option(mark_bounds(candidate_text(i + 1, c.span, c.annotators, in_gold, differs),
                                                  c.span, bounds[i], adj.doc.text), id=f"c{i}"))
            decided = decision_text(adj, item, chosen, state, draft, draft_n, schema)
    progress = Text()
    progress.append(f"{adj.open_count()} of {len(adj.to_review())} open", style="bold")
    progress.append(f" · gold: {count(len(gold.spans), 'span')}, {count(len(gold.relations), 'relation')}",
                    style="dim")
    return title, options, decided, progress


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
        text.append("1 accepts · x rejects" if isinstance(item, RelationChoice)
                    else "1-9 accepts · x rejects · e edits", style="dim")
    elif state == REJECTED:
        text.append("Rejected: nothing of it goes into gold", style="bold red")
        why = adj.reason(item)
        if why:
            text.append(f"\nwhy: {one_line(why, 200)}", style="italic")
    elif isinstance(item, RelationChoice):
        text.append("In gold", style=STATE_STYLE[state])
    else:
        text.append("In gold:", style=STATE_STYLE[state])
        for s in chosen:
            text.append(f"\n {s.label} {s.start}–{s.end}  ", style="bold")
            text.append("from " + ", ".join(s.origin), style="italic")
            if s.edited:
                text.append("  edited\n", style="bold cyan")
                text.append_text(span_lines(s))
    return text

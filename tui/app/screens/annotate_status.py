"""The annotate screen's status line, from the controller's state: the selection, the span
or suggestion under it, the prompt, the count, the pending suggestions, the message."""

from __future__ import annotations

from rich.text import Text

from tui.annotating import Annotating
from tui.display import one_line


def prompt_text(ctl: Annotating, width: int) -> Text | None:
    """What is asked now (a choice, the jump labels), fitted whole to ``width`` (the key
    bar's line): choices are abbreviated, never left out."""
    if ctl.jumping is not None:
        line = "JUMP: type the label of a word (esc cancels)"
    elif ctl.prompt or ctl.prompt.answer is not None:
        line = ctl.prompt.text(width)
    else:
        return None
    return Text(" " + line, style="bold", no_wrap=True, overflow="ellipsis", end="")


def _carried(ctl: Annotating, ghost) -> str:
    """The relations accepting ``ghost`` would make, as " → attributed_to 'Mijares'"."""
    out = ""
    for label, src, dst in ctl.suggesting.links_for([ghost]):
        made = ctl.session.link_end(dst) if src == ghost.key else ctl.session.find(src)
        if made is not None:
            out += f" → {label} {one_line(made.text, 20)!r}"
    return out


def status_text(ctl: Annotating, conflict: bool) -> Text:
    """The selection's place, what is under it (a suggestion, with the relation it would
    bring, or the span), the count, the message, and last the selected words: cut at 80
    columns, the words go first, never what a key would do."""
    s, e = ctl.sel.as_tuple()
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" {s}–{e} ", style="reverse")
    pending = ctl.suggesting.pending
    if pending:
        text.append(f" {pending} suggested", style="dim")
    span = ctl.session.current(s, e)
    ghost = ctl.ghost_at()
    if ghost is not None and (span is None or (span.start, span.end) != (s, e) and (ghost.start, ghost.end) == (s, e)):
        exact = (ghost.start, ghost.end) == (s, e)  # a suggestion inside a span is named, not the span
        text.append(f" · {ghost.label}{_carried(ctl, ghost)}{'' if exact else ' around it'}?", style="bold italic")
        # y goes to a suggestion before it accepts one; enter and backspace act on it at once
        keys = "y/⏎ accept, ⌫ reject" if exact else "y selects it, ⏎ accepts, ⌫ rejects"
        text.append(f" {keys} ({ctl.suggesting.source(ghost)})", style="italic")
    elif span is not None:
        text.append(" · resize " if span.id == ctl.on_span else " · in ", style="dim")
        text.append(span.label, style="bold")
        if span.attrs:
            text.append(" " + one_line(", ".join(f"{k}={v}" for k, v in span.attrs.items()), 40), style="dim")
    if ctl.count and ctl.prompt.answer is None:  # after an answer the prompt's line says what it may count
        text.append(f"  {ctl.count}…", style="bold yellow")
    text.append("  CHAR" if ctl.char_mode else "", style="bold yellow")
    matches = len(ctl.search.matches)
    if matches:
        text.append(f"  {matches} match{'' if matches == 1 else 'es'}", style="dim")
    if conflict:
        text.append("  not saved: the file changed on disk", style="bold red")
    if ctl.message:
        text.append("  · " + ctl.message, style="italic")
    text.append("  " + one_line(ctl.text[s:e], 40))
    return text

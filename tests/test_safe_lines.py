"""The status line and the prompt line reach the terminal through ``display.safe_text``:
whatever piece of a line carried data (an article's words, a colleague's attribute values,
a message), no control, bidi or separator character is drawn, and styles stay put."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.status_line import StatusLine
from tui.display import CONTROL_TABLE, safe_text
from tui.quickattrs import Choice
from tui.annotating.prompt import fitted

UNSAFE = {chr(c) for c in CONTROL_TABLE}
pieces = st.lists(st.tuples(st.text(max_size=12), st.sampled_from(["", "bold", "dim italic"])), max_size=6)


def _text(parts) -> Text:
    t = Text()
    for s, style in parts:
        t.append(s, style=style or None)
    return t


@given(pieces)
def test_safe_text_draws_no_control_and_keeps_each_style_on_its_characters(parts):
    t = _text(parts)
    safe = safe_text(t)
    assert not UNSAFE & set(safe.plain)
    assert len(safe.plain) == len(t.plain) and safe.spans == t.spans


@given(pieces)
def test_the_status_and_prompt_lines_show_only_safe_text(parts):
    line, bar = StatusLine(), KeyBar()
    line.show(_text(parts))
    bar.show_prompt(_text(parts))
    assert not UNSAFE & set(line.text.plain)
    assert bar.prompt is not None and not UNSAFE & set(bar.prompt.plain)


def test_a_colleagues_unit_with_an_escape_is_not_drawn_raw():
    # the store reads "\e[31m" in a double-quoted YAML value; the team's units become choices
    prompt = Text(fitted(Choice("s1", "unit", ("people", "\x1b[31mred\x07"), None), 80))
    bar = KeyBar()
    bar.show_prompt(prompt)
    assert bar.prompt is not None and "\x1b" not in bar.prompt.plain and "␛[31mred" in bar.prompt.plain

"""The name-or-number motion (``m``/``M``, ``tui.mentions``): what it stops on, and that
it walks the same mentions forwards and backwards, lazily or not, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.mentions import mention
from tui.tokens import TokenIndex

TEXT = ("The UN said Prime Minister Hun Manet met the United States Institute of Peace on Monday. "
        "Harvard University’s Asia Center put it at 12.5 billion dollars; thousands of people, the UK and US "
        "said.\nIn some videos police are visible.")


def walk(text: str, lazy: bool = False, slice_chars: int | None = None) -> list[str]:
    tokens = TokenIndex(text, lazy=lazy)
    if slice_chars:
        tokens.SLICE = slice_chars
    out, at = [], 0
    first = tokens.after(0)
    if first is None:
        return []
    got = (first[0], first[1]) if _is_start(text, first) else mention(tokens, 0, 1)
    while got is not None:
        out.append(got)
        at = got[0]
        got = mention(tokens, at, 1)
    return [text[a:b] for a, b in out]


def _is_start(text, tok) -> bool:
    return text[tok[0]:tok[0] + 1].isupper() and text[tok[0]:tok[1]] != "The"


def test_names_and_numbers_whole():
    assert walk(TEXT) == ["UN", "Prime Minister Hun Manet", "United States Institute of Peace", "Monday",
                          "Harvard University", "Asia Center", "12.5 billion", "thousands", "UK", "US"]


def test_backwards_from_the_end():
    tokens = TokenIndex(TEXT)
    end = len(TEXT) - 1
    got = mention(tokens, end, -1)
    assert TEXT[got[0]:got[1]] == "US"
    got = mention(tokens, end, -3)
    assert TEXT[got[0]:got[1]] == "thousands"


def test_none_past_the_last():
    tokens = TokenIndex(TEXT)
    assert mention(tokens, TEXT.index("US said"), 1) is None
    assert mention(tokens, 0, -1) is None


WORDS = st.sampled_from(["The", "UN", "said", "of", "Peace", "in", "12.5", "billion", "two", "people", "US",
                         "’s", "Hun", "Manet", "and", ",", ".", "“", "police", "Cambodia", "half"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", " ", " ", "\n", ", "])), max_size=40))
def test_forwards_and_backwards_walk_the_same_mentions(parts):
    """Every mention starts and ends on token edges, each after the last, and ``M`` from
    past the end finds them all again in reverse; a lazy index (tiny slices) agrees."""
    text = "".join(w + sep for w, sep in parts) + "end"
    tokens = TokenIndex(text)
    forward, at = [], -1
    got = mention(tokens, 0, 1)
    first_tok = tokens.after(0)
    starts = set(tokens.starts)
    ends = set(tokens.ends)
    while got is not None:
        assert got[0] in starts and got[1] in ends and got[0] > at
        forward.append(got)
        at = got[0]
        got = mention(tokens, at, 1)
    back, got = [], mention(tokens, len(text) - 1, -1)
    while got is not None:
        back.append(got)
        got = mention(tokens, got[0], -1)
    if first_tok is not None and back and back[-1][0] == first_tok[0]:
        back.pop()  # the first token itself: m goes past the token it starts on
    assert back[::-1] == forward
    lazy = TokenIndex(text, lazy=True)
    lazy.SLICE = 7
    assert [mention(lazy, a, 1) for a, _ in forward] == [mention(tokens, a, 1) for a, _ in forward]

"""The selection and every motion, tested without an app (tui.cursor, tui.layout)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cursor import Cursor, Selection
from tui.layout import NARROW, Rows, wrap
from tui.tokens import TokenIndex

TEXT = ("Thousands of people, including suspected victims, have escaped. "
        "Amnesty said “it had verified at least 15 videos, alongside posts” on Monday.\n"
        "Ferrer said: the role varies.")


@pytest.fixture
def cur() -> Cursor:
    return Cursor(TokenIndex(TEXT))


def txt(sel: Selection | None) -> str:
    assert sel is not None
    return TEXT[sel.start:sel.end]


def test_tokens_counts_and_ends(cur):
    first = cur.first()
    assert txt(first) == "Thousands"
    assert txt(cur.token(first, 1)) == "of"
    assert txt(cur.token(first, 3)) == ","  # a count moves three tokens
    assert txt(cur.token(cur.token(first, 3), -2)) == "of"
    assert cur.token(first, -1) is None
    assert txt(cur.doc(1)) == "."
    assert txt(cur.token(first, 1, char=True)) == " "  # the character after the selection


def test_sentences(cur):
    first = cur.first()
    two = cur.sentence(first, 1)
    assert txt(two) == "Amnesty"
    assert txt(cur.sentence(two, 1)) == "Ferrer"
    assert txt(cur.sentence(cur.sentence(two, 1), -1)) == "Amnesty"
    assert txt(cur.sentence(Selection(70, 71), -1)) == "Amnesty"  # back to this sentence's start first
    assert txt(cur.sentence(first, 2)) == "Ferrer"


def test_grow_and_shrink_with_counts(cur):
    first = cur.first()
    assert txt(cur.grow(first, "end", count=2)) == "Thousands of people"
    grown = cur.grow(first, "end", count=3)
    assert txt(grown) == "Thousands of people,"
    assert txt(cur.shrink(grown, "end")) == "Thousands of people"
    assert txt(cur.shrink(grown, "start", count=2)) == "people,"
    assert cur.shrink(first, "end") == first  # one token always stays
    cut = Selection(3, 9)  # "usands": grow first completes the cut token
    assert txt(cur.grow(cut, "start")) == "Thousands"
    assert txt(cur.grow(Selection(0, 5), "end")) == "Thousands"


def test_clause_sentence_and_quote_ends(cur):
    first = cur.first()
    assert txt(cur.clause_end(first)) == "Thousands of people"
    assert txt(cur.clause_end(cur.clause_end(first))) == "Thousands of people, including suspected victims"
    assert txt(cur.sentence_end(first)) == ("Thousands of people, including suspected victims, have escaped")
    it = Selection(TEXT.index("it had"), TEXT.index("it had") + 2)
    assert txt(cur.quote_end(it)) == "it had verified at least 15 videos, alongside posts"
    assert txt(cur.clause_end(it)) == "it had verified at least 15 videos"


def test_whole_sentence_and_quote(cur):
    inside = Selection(TEXT.index("verified"), TEXT.index("verified") + 8)
    assert txt(cur.whole_quote(inside)) == "it had verified at least 15 videos, alongside posts"
    assert txt(cur.whole_sentence(inside)).startswith("Amnesty said “it had")
    assert txt(cur.whole_sentence(inside)).endswith("on Monday")
    assert cur.whole_quote(cur.first()) is None


def test_rows_move_by_line_and_page():
    rows = Rows(TEXT, 20)
    cur = Cursor(TokenIndex(TEXT))
    first = cur.first()
    down = cur.rows(rows, first, 1)
    assert rows.row_of(down.start) == 1 and txt(down) == "including"
    assert cur.rows(rows, first, -1) is None
    assert rows.row_of(cur.rows(rows, first, 5).start) == 5


def _old_wrap(disp: str, width: int) -> list[int]:
    """The word-by-word reference the fast wrap must equal."""
    from tui.layout import _wrap_line

    rows: list[int] = []
    pos = 0
    while True:
        nl = disp.find("\n", pos)
        end = len(disp) if nl == -1 else nl
        rows.append(pos)
        from rich.cells import cell_len

        if cell_len(disp[pos:end]) > width:
            _wrap_line(disp, pos, end, width, rows.append)
        if nl == -1:
            return rows
        pos = nl + 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word ", "x", " ", "  ", "\n", "é", "’", "中文", "longerwordthanrow ", "\u00a0"]),
                max_size=40), st.integers(1, 24))
def test_fast_wrap_equals_the_word_by_word_wrap(pieces, width):
    disp = "".join(pieces)
    assert wrap(disp, width) == _old_wrap(disp, width)
    rows = Rows(disp, width)
    while not rows.extend(5):
        pass
    assert rows.starts == _old_wrap(disp, width)


def test_narrow_characters_are_one_cell():
    import re

    from rich.cells import get_character_cell_size

    chars = [c for c in map(chr, range(0x10000)) if re.fullmatch(f"[{NARROW}]", c)]
    assert chars and all(get_character_cell_size(c) == 1 and not c.isspace() for c in chars)


def test_rows_wrapped_on_demand_answer_like_the_whole():
    rnd = random.Random(3)
    text = "".join(rnd.choice(["lorem ", "ipsum ", "\n", "dolor sit amet "]) for _ in range(4000))
    whole = Rows(text, 30)
    while not whole.extend():
        pass
    lazy = Rows(text, 30)
    for off in (len(text) - 1, 5000, 10):
        assert lazy.row_of(off) == whole.row_of(off)
        assert lazy.column_of(off) == whole.column_of(off)


WORDS = ["Amnesty", "said", "1,440", "U.S.", "don't", "Indonesia’s", "(", ")", "—", "“quoted”", "p.m.", "12.5",
         ",", ".", "!", "?", "\n", "\n\n", "  ", "é", "🇰🇭"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=400), st.integers(1, 80),
       st.lists(st.tuples(st.sampled_from(["token+", "token-", "grow", "growl", "shrink", "shrinkl", "unit", "doc+",
                                           "doc-", "sentence+", "clause", "in"]),
                          st.integers(0, 5000), st.integers(1, 4)), max_size=25))
def test_a_lazy_token_index_answers_like_the_whole(words, slice_, moves):
    """The app's index of a long article finds tokens a slice at a time: every motion
    gives what the whole index gives, from a fresh lazy index each time (so each question
    meets the slice boundaries where it falls)."""
    text = " ".join(words)
    whole = Cursor(TokenIndex(text))

    def lazy() -> Cursor:
        index = TokenIndex(text, lazy=True)
        index.SLICE = slice_
        return Cursor(index)

    n = max(1, len(text))
    for kind, at, count in moves:
        at %= n
        sel = whole.clamp(at, at + count)
        for c in (whole, lazy()):
            got = {
                "token+": lambda c: c.token(sel, count),
                "token-": lambda c: c.token(sel, -count),
                "grow": lambda c: c.grow(sel, "end", count=count),
                "growl": lambda c: c.grow(sel, "start", count=count),
                "shrink": lambda c: c.shrink(sel, "end", count=count),
                "shrinkl": lambda c: c.shrink(sel, "start", count=count),
                "unit": lambda c: c.unit_at(at),
                "doc+": lambda c: c.doc(1),
                "doc-": lambda c: c.doc(-1),
                "sentence+": lambda c: c.sentence(sel, count),
                "clause": lambda c: c.clause_end(sel),
                "in": lambda c: list(c.tokens.tokens_in(at, at + 40 * count)),
            }[kind](c)
            if c is whole:
                want = got
            else:
                assert got == want, (kind, sel, count)

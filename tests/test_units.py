"""The words a figure may count (``tui.annotating.units``): examples from real wire text
and, for any text, words that stand right after the figure, no function word, no
control character, at most four."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.annotating.units import MOST, STOP, counted_words


def words_after(phrase: str) -> list[str]:
    return counted_words(phrase, phrase.index(" "))


def test_the_head_of_the_phrase_comes_first():
    assert words_after("5 Armed Forces personnel, and one member") == ["personnel", "forces", "armed"]
    assert words_after("1 member of the Coast Guard") == ["member"]
    assert words_after("2 people smugglers to four years") == ["smugglers", "people"]
    assert words_after("1,000 people remain in compounds") == ["people"]  # a verb ends it
    assert words_after("27 dead. Mijares said") == ["dead"]
    assert words_after("17 from the Armed Forces") == []
    assert words_after("12 USD bills") == ["bills", "USD"]


PIECES = st.sampled_from([*"ab Cé,.\n\x1b\x00-'’9", "the ", "of ", "People ", "smugglers ", "USD "])


@given(st.lists(PIECES, max_size=30).map("".join), st.integers(min_value=0, max_value=80))
def test_any_text_gives_words_that_follow_the_figure(text, end):
    end = min(end, len(text))
    got = counted_words(text, end)
    assert len(got) <= MOST
    rest = text[end:].lower()
    for w in got:
        assert w.lower() in rest and w.lower() not in STOP
        assert all(ch.isprintable() for ch in w)

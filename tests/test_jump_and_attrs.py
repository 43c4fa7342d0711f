"""Jump labels and one-key attributes, tested without an app."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.jump import ALPHABET, Jump, labels, nearest_first
from tui.model import make_span
from tui.quickattrs import choices, figure_attrs
from tui.schema import DEFAULT_SCHEMA
from tui.suggest.rules.figwords import MEASURES


def test_labels_are_prefix_free_and_short():
    for n in (1, 5, 26, 27, 100, 400, 676):
        got = labels(n)
        assert len(got) == len(set(got)) == n
        assert all(1 <= len(x) <= 2 for x in got)
        assert not any(a != b and b.startswith(a) for a in got for b in got)
    assert labels(26) == list(ALPHABET)
    assert sum(len(x) == 1 for x in labels(100)) > 20  # most targets stay one key away


def test_jump_types_a_label():
    jump = Jump(list(range(0, 300, 3)))
    lab, off = next((k, v) for k, v in jump.by_label.items() if len(k) == 2)
    assert jump.type(lab[0]) == (None, True)
    assert all(v.startswith(lab[1]) or True for v in jump.shown().values())
    assert jump.type(lab[1]) == (off, False)
    assert Jump([1, 2]).type("z") == (None, False)


@given(st.lists(st.integers(0, 2000), min_size=1, max_size=300, unique=True),
       st.integers(0, 2000), st.integers(0, 30))
def test_the_words_nearest_the_selection_get_the_shortest_labels(offsets, start, width):
    offsets.sort()
    end = start + width
    labelled = {off: lab for lab, off in Jump(nearest_first(offsets, start, end)).by_label.items()}
    assert sorted(labelled) == offsets  # every word in view keeps a label

    def gap(off):
        return None if start <= off < end else (off - end if off >= end else start - off)

    outside = [o for o in offsets if gap(o) is not None]
    for a in outside:  # nearer never costs more keys
        for b in outside:
            if gap(a) < gap(b):
                assert len(labelled[a]) <= len(labelled[b])
    inside = [o for o in offsets if gap(o) is None]
    if outside and inside and len(offsets) > len(ALPHABET):  # a word already selected is the last resort
        assert max(len(labelled[o]) for o in inside) >= min(len(labelled[o]) for o in outside)


def test_the_next_word_is_the_first_label():
    words = list(range(0, 400, 5))
    assert Jump(nearest_first(words, 100, 104)).by_label["a"] == 105
    assert Jump(nearest_first(words, 100, 104)).by_label["s"] == 95


def _attrs_of(text: str, quote: str) -> dict:
    i = text.index(quote)
    return figure_attrs(text, i, i + len(quote), DEFAULT_SCHEMA.labels["FIGURE"])


def test_figure_attrs_from_the_suggesters_parser():
    assert _attrs_of("around 100,000 people", "around 100,000 people") == {
        "value": 100000, "unit": "people", "qualifier": "about"}
    assert _attrs_of("1,440 Indonesian nationals", "1,440 Indonesian nationals") == {
        "value": 1440, "unit": "nationals", "qualifier": "exact"}
    assert _attrs_of("the government", "the government") == {}


@pytest.mark.parametrize("text, quote, want", [
    ("Police found at least 23 people.", "at least 23", {"value": 23, "unit": "people", "qualifier": "at least"}),
    ("Police found at least 23 people.", "23", {"value": 23, "unit": "people", "qualifier": "at least"}),
    ("Two died on Monday.", "Two", {"value": 2, "qualifier": "exact"}),
    ("and four were hurt", "four", {"value": 4, "qualifier": "exact"}),
    ("at least one was missing", "at least one", {"value": 1, "qualifier": "at least"}),
    ("It rose toward 300 homes.", "toward 300", {"value": 300, "unit": "homes", "qualifier": "about"}),
    ("nearly 40 boats", "nearly 40", {"value": 40, "unit": "boats", "qualifier": "about"}),
    ("some 60 thousand people", "some 60 thousand", {"value": 60000, "unit": "people", "qualifier": "about"}),
    ("roughly 5 km away", "roughly 5", {"value": 5, "unit": "km", "qualifier": "about"}),
    ("more than $12.5 billion in aid", "more than $12.5 billion", {"value": 12500000000, "unit": "USD",
                                                                    "qualifier": "more than"}),
])
def test_hand_tagged_figures_get_what_the_suggester_reads(text, quote, want):
    """One reader for a span typed by hand and a suggestion: the counted noun after the
    span gives the unit, a cue inside or just before it the qualifier, a word its value."""
    from tui.suggest.figure_reader import read_figure
    from tui.suggest import suggest

    assert _attrs_of(text, quote) == want
    i = text.index(quote)
    assert read_figure(text, i, i + len(quote)) == want
    fig = [s for s in suggest(text).spans if s.label == "FIGURE" and s.start <= i < s.end]
    if fig:  # what the rules suggest over the same words says the same
        assert {k: v for k, v in fig[0].attrs.items()} == want


QUALIFIERS = {"at least": "at least", "more than": "more than", "nearly": "about", "some": "about",
              "roughly": "about", "about": "about", "toward": "about", "up to": "up to"}


@given(st.integers(0, 10**9), st.sampled_from(list(QUALIFIERS)), st.sampled_from(["people", "homes", "boats"]))
def test_any_qualified_count_is_read_whole(n, cue, noun):
    text = f"Officials said {cue} {n:,} {noun} were affected."
    want = {"value": n, "unit": noun, "qualifier": QUALIFIERS[cue]}
    assert _attrs_of(text, f"{cue} {n:,}") == want
    assert _attrs_of(text, f"{n:,}") == want
    assert _attrs_of(text, f"{cue} {n:,} {noun}") == want


@given(st.integers(1, 10**5), st.sampled_from(sorted(u for u in MEASURES if "/" in u)),
       st.sampled_from(["", "~", "about ", "up to "]))
def test_a_unit_written_with_a_slash_is_read_whole(n, unit, cue):
    """"~295 km/h": the unit is the whole measure, for a hand tag and a suggestion alike
    (it was "km", the reader stopping at the slash)."""
    from tui.suggest import suggest
    from tui.suggest.figure_reader import read_figure

    text = f"Winds reached {cue}{n:,} {unit} on Monday."
    i = text.index(f"{n:,}")
    assert read_figure(text, i, i + len(f"{n:,}"))["unit"] == unit
    (fig,) = [s for s in suggest(text, families=["FIGURE"]).spans]
    assert fig.text == f"{cue}{n:,} {unit}" and fig.attrs["unit"] == unit


def test_choices_preselect_the_suggestion_then_the_usual_value():
    text = "Amnesty International said so. Police said so."
    actor = DEFAULT_SCHEMA.labels["ACTOR"]
    span = make_span(text, "s1", "ACTOR", 0, 21)
    hint = make_span(text, "g1", "ACTOR", 0, 21, attrs={"type": "organisation"})
    (c,) = choices(span, actor, [hint], [])
    assert (c.attr, c.preselected, c.pick(1), c.pick(9)) == ("type", "organisation", "person", None)
    used = [make_span(text, "s2", "ACTOR", 31, 37, attrs={"type": "government"})]
    (c,) = choices(span, actor, [], used)
    assert c.preselected == "government" and "1 person" in c.prompt()


@given(st.integers(1, 10**6), st.sampled_from(["miles", "hours", "years", "km"]), st.sampled_from(["within", "Within"]),
       st.sampled_from(list(QUALIFIERS)), st.booleans())
def test_a_heading_cue_gives_the_qualifier_but_never_starts_the_span(n, noun, within, cue, qualifier_in):
    """"within two miles": the reader (hand tag and suggestion alike) reads at most, but
    the suggested span starts at the number under either qualifier convention, while a
    cue that modifies the number ("nearly", "up to") follows the team's convention."""
    from dataclasses import replace

    from tui.suggest import suggest
    from tui.suggest.conventions import DEFAULTS
    from tui.suggest.figure_reader import read_figure

    c = replace(DEFAULTS, figure_qualifier=qualifier_in, figure_counted_noun=False, figure_unit=False)
    text = f"The blasts were {within} {n:,} {noun} of each other, and {cue} {n:,} {noun} were hit."
    i = text.index(f"{n:,}")
    assert read_figure(text, i, i + len(f"{n:,}")) == {"value": n, "unit": noun, "qualifier": "at most"}
    spans = [s.text for s in suggest(text, families=["FIGURE"], conventions=c).spans if s.label == "FIGURE"]
    assert spans == [f"{n:,}", f"{cue} {n:,}" if qualifier_in else f"{n:,}"]

"""Classes of figures (and of numbers that are none), generated: the rules and the one
figure reader must hold for every variant, not only the quoted case."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.figures import find_figures

PRONOUN_MAKERS = ["some", "any", "every", "each", "no", "this", "that", "the", "which", "another"]
AFTER = [" of us departs", " of them said", " who left", " else knew", " knows", ", he said"]


def _cap(word: str, up: bool) -> str:
    return word[0].upper() + word[1:] if up else word


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PRONOUN_MAKERS), st.sampled_from(AFTER), st.booleans(),
       st.sampled_from(["", "Officials said that because ", "He added: "]))
def test_one_after_a_determiner_is_a_pronoun_not_a_figure(maker, after, up, before):
    """"some one of us departs", "no one knows", "every one of them": no figure ("some"
    is also a qualifier cue, which made "some one" read as about 1)."""
    text = f"{before}{_cap(maker, up and not before)} one{after}."
    assert find_figures(text) == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["some", "Some", "about", "nearly"]), st.sampled_from(["hundred", "thousand", "million"]),
       st.sampled_from(["people", "homes", "soldiers"]))
def test_one_with_a_scale_after_a_cue_still_counts(cue, scale, noun):
    text = f"Officials said {cue} one {scale} {noun} left."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{cue} one {scale} {noun}" and fig.qualifier == "about"


@given(st.sampled_from(["all but one of the petitioners", "all but one victim", "at least one was hurt"]))
def test_one_as_a_count_stays_a_figure(phrase):
    text = f"Officials said {phrase} on Monday."
    (fig,) = find_figures(text)
    assert fig.value == 1

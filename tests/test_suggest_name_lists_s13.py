"""A name inside a list of names stands where the list stands (session 13, pool class): victims
``identified as A, B, C and D``, guests ``married in turn to A, B, and C``, places ``applied to A,
B, C and D`` are the list's objects; ``A, B, and C have pledged`` all act. Before, a name in the
middle of a list read as "other" (the rules' choice, always kept). Not a list: a place and a
subject (``in Baytown, Texas, X has``), a sentence adverb (``Additionally, X and Y held``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
PEOPLE = ["Michael Ferazzi", "Albert Mazza", "Desma Oakes", "Aaron Perry", "Daniel Pereira", "Marty Melcher",
          "Nikos Dendias", "Jean-Yves Le Drian", "Tammy Duckworth", "Robert F. Kennedy"]
LISTS = st.lists(st.sampled_from(PEOPLE), min_size=3, max_size=5, unique=True)
JOINS = st.sampled_from([", and ", " and ", ", or "])


def _list(names: list[str], join: str) -> str:
    return ", ".join(names[:-1]) + join + names[-1]


def _contexts(text: str, names: list[str]) -> list[str]:
    out = []
    for n in names:
        start = text.index(n)
        out.append(context(text, start, start + len(n), VERBS))
    return out


@settings(max_examples=120, deadline=None)
@given(LISTS, JOINS, st.sampled_from(["The victims were identified as {}.", "She was married in turn to {}.",
                                      "The warning applied to {}.", "Candidates included {} in 2016."]))
def test_every_name_in_a_list_is_the_lists_object(names, join, frame):
    text = "Police said so on Monday. " + frame.format(_list(names, join))
    got = _contexts(text, names)
    assert "other" not in got and "acts" not in got and "sentence" not in got, (text, got)


@settings(max_examples=120, deadline=None)
@given(LISTS, JOINS, st.sampled_from(["have pledged funds", "made the same decision", "signed the treaty"]))
def test_every_name_in_a_list_before_a_verb_acts(names, join, verb):
    text = f"It began in June.\n\n{_list(names, join)} {verb}."
    assert set(_contexts(text, names)) == {"acts"}, text


def test_a_place_and_a_subject_or_an_adverb_and_a_subject_are_no_list():
    text = "According to police in Baytown, Texas, Zhukovskyy has been involved. Additionally, Ratcliffe and Wray held a call."
    assert _contexts(text, ["Zhukovskyy"]) != ["preposition"]
    assert _contexts(text, ["Ratcliffe"]) == ["acts"]  # the pair after the adverb holds the call


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.sampled_from(["both ", "Later, ", "In 2008, "]),
       st.sampled_from(["claimed victory", "formed a band", "have pledged funds"]))
def test_the_first_of_two_names_reads_the_pairs_verb(one, other, opening, verb):
    """"both Mugabe and Tsvangirai claimed victory": the first conjunct acts with the second."""
    if one == other:
        return
    text = f"It ended there. {opening}{one} and {other} {verb}."
    assert _contexts(text, [one, other]) == ["acts", "acts"], text

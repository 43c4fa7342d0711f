"""A name whose verb comes after what stands between them (session 13): a bracket, the body it
is of, an apposition or a relative clause between commas. The name acts (context ``acts``),
whatever a team's two documents voted for names opening a sentence; a name with no verb after
them keeps its old context. Generated sentences that fail on the code before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.sampled_from(["Doug Miller", "Tristan Smith", "Anna Franowska", "Kama Melly", "Bill Gerstenmaier",
                         "Mike Ryan", "Nikki Holland", "Phil Chetwynd"])
BODIES = st.sampled_from(["", " of Milltech Marine", " of the World Health Organization (WHO)", " from NASA",
                          " of the UK's National Crime Agency", " (pictured)"])
APPOSITIONS = st.sampled_from(["", ", a firm specialising in AIS,", ", who is 23 years old,",
                               ", director of global news for AFP,", ", the mayor of Seoul, South Korea,",
                               ", a shipping researcher with expert experience interpreting the results,"])
VERBS_AFTER = st.sampled_from(["told reporters the ship was lost", "explained that crews might turn",
                               "said the plan was late", "has announced new measures", "will continue the search",
                               "spoke of the collaboration"])
OPENINGS = st.sampled_from(["", "The ship was built in 1993. ", "Officials met on Monday.\n\n"])


@settings(max_examples=150, deadline=None)
@given(OPENINGS, NAMES, BODIES, APPOSITIONS, VERBS_AFTER)
def test_a_name_acts_when_its_verb_follows_a_body_or_an_apposition(opening, name, body, apposition, verb):
    if not body and not apposition:
        apposition = ", 75,"
    text = f"{opening}{name}{body}{apposition} {verb}."
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) == "acts", text


@settings(max_examples=80, deadline=None)
@given(OPENINGS, NAMES, BODIES, APPOSITIONS)
def test_without_a_verb_after_them_the_name_keeps_its_place(opening, name, body, apposition):
    """A list, a caption, a name before a noun phrase: no verb, so no acting."""
    text = f"{opening}{name}{body}{apposition} and the rest of the crew in 2016."
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) in ("sentence", "other"), text


@settings(max_examples=120, deadline=None)
@given(OPENINGS, NAMES, st.sampled_from(["then explained that crews might turn", "himself entered politics",
                                         "did not attend the funeral", "has been funding the searches",
                                         "does not support the plan", "later added that it was late"]))
def test_a_name_acts_through_an_adverb_a_reflexive_or_an_auxiliary(opening, name, verb):
    """"Pierce then explained", "Richardson himself entered", "Trump did not attend", "Lion Air has
    been funding": the verb after the adverb, the reflexive or "did" is the name's."""
    text = f"{opening}{name} {verb}."
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) == "acts", text


@settings(max_examples=60, deadline=None)
@given(OPENINGS, NAMES, st.sampled_from(["has been arrested", "has a small chance", "has been in prison since"]))
def test_a_perfect_passive_or_a_possession_is_not_read_as_acting(opening, name, rest):
    text = f"{opening}{name} {rest} 2019."
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) != "acts", text

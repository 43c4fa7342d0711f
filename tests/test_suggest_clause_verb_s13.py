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


BEING = st.sampled_from([
    ("was arrested in March, but the court", "sentence"), ("is married to a lawyer.", "sentence"),
    ("was absorbed into the group in 2014.", "sentence"), ("was taken ill on Saturday evening.", "sentence"),
    ("was also much more of a critic than the others.", "copula"), ("is already in prison in South Korea.", "copula"),
    ("is currently chairman of the party.", "copula"), ("was seventy years old.", "copula"),
    ("was ordered to remove the post.", "acts"), ("is yet to respond to the queries.", "acts"),
    ("were able to pull away in the second half.", "acts"), ("is scheduled to continue its season.", "acts"),
])


@settings(max_examples=150, deadline=None)
@given(OPENINGS, NAMES, st.sampled_from(["", ", 75,", " of Milltech Marine", ", the son of immigrants,"]), BEING)
def test_what_to_be_says_of_a_name_decides_its_context(opening, name, between, being):
    """"X is already in prison": what it is; "X was ordered to remove": one required to act acts
    (GUIDELINES); "X was arrested": a passive keeps its place (the golds tag passives as often as
    not, and setting them aside lost on fresh text); past what stands between them."""
    rest, want = being
    text = f"{opening}{name}{between} {rest}"
    start = text.index(name)
    if want == "sentence" and not opening.endswith((".\n\n", ". ")) and opening:
        want = "other"
    got = context(text, start, start + len(name), VERBS)
    assert got == want or (want == "sentence" and got == "other"), text


@settings(max_examples=100, deadline=None)
@given(OPENINGS, NAMES, st.sampled_from(["was on hand and did a reading of stories.", "was born in 1920 and studied law.",
                                         "was on hand offering DVDs of his films.", "is joined in this action by others.",
                                         "was twice interviewed by police."]))
def test_a_name_that_acts_in_the_rest_of_its_clause_or_with_an_agent_is_not_set_aside(opening, name, rest):
    """"was on hand and did a reading", "was on hand offering DVDs": it acts after all; "is
    joined ... by", "was twice interviewed by police": a joint act, one interviewed (the golds)."""
    text = f"{opening}{name} {rest}"
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) not in ("copula", "undergoes"), text

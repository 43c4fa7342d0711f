"""A name whose own clause says what was done to it is one acted upon (issue 23, precision;
GUIDELINES: victims, one who dies, one sentenced or charged, one elected, appointed or sworn
in are not marked for it): ``Osama was killed by``, ``Trump said Hamza bin Laden, son of the
late X, has been killed``, ``X, 49, was quickly reported missing``, ``Don Imus, known to
fans as the I-Man, died``, ``Pierluisi was sworn in``. Before, a reporting verb before the
name made it act (``said X``) and a sentence's first name was a subject; now it is
``undergoes``, a passive context a team that leaves the acted upon out leaves out.
Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Vera", "Tomas", "Anika", "Rollo", "Imre", "Dario"]),
                  st.sampled_from(["Kellard", "Moravec", "Ostrand", "Quill", "Bexley", "Urquhart"]))
AUX = st.sampled_from(["was", "were", "has been", "had been", "is", "have been"])
HARM = st.sampled_from(["killed", "injured", "wounded", "stabbed", "shot", "murdered", "kidnapped",
                        "found dead", "reported missing", "confirmed dead", "assassinated", "abducted",
                        "sentenced", "charged", "convicted", "elected", "appointed", "sworn in", "dropped",
                        "removed", "discovered dead", "founded", "registered", "dissolved"])
ADVERBS = st.sampled_from(["", "reportedly ", "quickly ", "later ", "also ", "both "])
APPOSITIONS = st.sampled_from(["", ", son of the late founder of the group,", ", 49,", ", a local trader,"])
BEFORE = st.sampled_from(["", "The ministry said ", "Officials confirmed ", "The statement read: \""])
ENDS = st.sampled_from(["in the raid.", "by unknown gunmen in March.", "near the border on Monday."])
NOT_HARM = st.sampled_from(["briefed", "ordered to pay", "joined by others", "arrested", "asked to leave",
                            "allowed to broadcast", "shot down on Monday"])


def _ctx(text: str, name: str) -> str:
    start = text.index(name)
    return context(text, start, start + len(name), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, BEFORE, APPOSITIONS, ADVERBS, AUX, HARM, ENDS)
def test_a_name_said_to_undergo_an_act_is_acted_upon(name, before, apposition, adverb, aux, harm, end):
    text = f"On Friday. {before}{name}{apposition} {adverb}{aux} {harm} {end}"
    assert _ctx(text, name) == "undergoes"
    sel = Selection({"object": [0, 3], "of": [1, 4], "acts": [6, 1], "sentence": [3, 1]}, {}, VERBS)
    start = text.index(name)
    assert not sel.keeps(text, start, start + len(name))  # a team that leaves the acted upon out
    said = f"On Friday. {name}{apposition} said he was {harm} {end}"
    assert _ctx(said, name) != "undergoes"  # the one who says so acts
    assert sel.keeps(said, said.index(name), said.index(name) + len(name))


@settings(max_examples=100, deadline=None)
@given(NAMES, BEFORE, AUX, NOT_HARM, ENDS)
def test_a_passive_the_golds_tag_as_often_as_not_is_no_undergoing(name, before, aux, not_harm, end):
    """``Putin was briefed``, ``Facebook was ordered to pay``, ``Jong was arrested``: the golds
    tag these as often as not, so they keep their old context; ``killed by X`` is the agent."""
    assert _ctx(f"On Friday. {before}{name} {aux} {not_harm} {end}", name) != "undergoes"
    assert _ctx(f"On Friday. Two were killed by {name} in March.", name) != "undergoes"


@settings(max_examples=100, deadline=None)
@given(NAMES, BEFORE, APPOSITIONS, st.sampled_from(["died", "dies", "has died", "had died"]), ENDS)
def test_one_who_dies_is_acted_upon(name, before, apposition, died, end):
    """``Don Imus, known to fans as the I-Man, died on Friday``, a headline's ``Don Imus dies
    aged 79``: not marked for dying (GUIDELINES)."""
    assert _ctx(f"On Friday. {before}{name}{apposition} {died} {end}", name) == "undergoes"


OFFICE = st.sampled_from(["elected Speaker", "sworn in", "killed in crash", "sentenced to life", "appointed envoy",
                          "re-elected", "charged with fraud"])


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["", "again "]), OFFICE)
def test_a_headline_drops_the_auxiliary(name, adverb, office):
    """``Nancy Pelosi again elected Speaker`` (a headline: GUIDELINES, one elected is acted
    upon); in a sentence of the body the same words are the name's own act (``Vera Kellard
    elected Speaker a new leader.`` reads as active), so only a heading line drops the ``was``."""
    text = f"{name} {adverb}{office} as parliament meets\n\nOn Monday the vote was held."
    assert _ctx(text, name) == "undergoes"
    body = f"On Monday the vote was held. Then {name} {adverb}{office.split()[0]} a new leader."
    assert _ctx(body, name) != "undergoes"

"""ACTOR recall, session 9 (helper actor5): classes of news prose where a gold actor had no
suggestion overlapping it, each with generated sentences (hypothesis) that fail on the code
before the class."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import learn, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
_FIRST = ("Jong", "Nikki", "Colin", "Maria", "Ahmed", "Olga", "Pedro", "Aiko")
_LAST = ("Holland", "Sutherland", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak")
names = st.builds(lambda f, l: f"{f} {l}", st.sampled_from(_FIRST), st.sampled_from(_LAST))
_AGENT = ("In May {} said the toll rose.", "The toll was confirmed by {} later.",
          "Nothing was found, according to {}.")
#: a sentence-opening name the reading finds no verb after (a passive, a copula with an adverb)
_OPENING = ("{} was arrested in March.", "{} is already in prison.", "{} is now in custody.")


def _doc(frames: list[str], who: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, cands = "", []
    for frame, name in zip(frames, who):
        s = len(text) + frame.index("{}")
        cands.append((s, s + len(name)))
        text += frame.format(name) + " "
    return text, cands


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_AGENT), min_size=1, max_size=5), st.sampled_from(_OPENING),
       st.sampled_from(_OPENING), st.lists(names, min_size=8, max_size=8, unique=True), st.booleans())
def test_one_opening_name_passed_over_is_no_habit(agents, passed, probe, who, twice):
    """A team that tags the names that act, and once left a sentence-opening name untagged
    (``Jong was arrested``, a victim): the next sentence-opening name is still suggested
    (the agent contexts decide together); left untagged twice, it is the team's habit."""
    frames = [*agents, passed] + ([passed] if twice else [])
    text, cands = _doc(frames, who)
    opening = cands[len(agents):]
    assert all(context(text, s, e, VERBS) == "sentence" for s, e in opening)
    sel = learn([(text, cands[:len(agents)], cands, len(text))])
    new, [(s, e)] = _doc([probe], [who[-1]])
    assert context(new, s, e, VERBS) == "sentence"
    assert sel.keeps(new, s, e) is not twice

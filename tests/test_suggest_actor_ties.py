"""A context the team showed as often tagged as not follows its family (issue 23, precision).
Two training articles rarely show a context more than once or twice, and one tagged and one
left out (``an AU summit`` untagged, ``a Kataeb Hezbollah official`` tagged) decided nothing,
so the rules kept every candidate there, whatever the team did in the context's kin
(``U.S. military personnel``, ``No Coalition troops``, ``the US ambassador``). Like a context
not shown at all, a tie now follows the other contexts of its family (passive: the possessor,
told, of, object, preposition, modifier ...; agent: by, according to, acts ...). Generated
sentences and teams, not a dev article's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import learn, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: a + b, st.sampled_from(["Zor", "Vel", "Quin", "Dax", "Mirr", "Tal", "Orb"]),
                  st.sampled_from(["blax", "tech", "ora", "ivo", "unet", "ex", "ani"]))
NOUNS = st.sampled_from(["officials", "personnel", "summit", "troops", "engineers", "plan", "office"])
#: one sentence per context, the name where {} is, the noun after a modifier where [] is
TIED = {  # two contexts of each family, the first of which the team shows tied
    "modifier": "Then {} [] met on Monday.",
    "of": "A member of {} was there.",
    "by": "The toll was confirmed by {} later.",
    "according": "Nothing was found, according to {}.",
}
KIN = {  # each family's other contexts, shown one way
    "passive": ["The minister told {} about it.", "The file went to {} last week.", "Then {}'s report came out."],
    "agent": ["In May {} said the toll rose.", "The toll was confirmed by {} later."],
}


def _place(frame: str, name: str, noun: str) -> tuple[str, int, int]:
    s = frame.index("{}")
    return frame.replace("{}", name).replace("[]", noun), s, s + len(name)


def _doc(frames: list[tuple[str, bool]], names: list[str], noun: str):
    """(text, the team's spans, the candidates) of the frames in order, each tagged or not."""
    text, team, cands = "", [], []
    for (frame, tagged), name in zip(frames, names):
        sentence, s, e = _place(frame, name, noun)
        span = (len(text) + s, len(text) + e)
        cands.append(span)
        if tagged:
            team.append(span)
        text += sentence + " "
    return text, team, cands


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["modifier", "of"]), st.integers(1, 2), st.integers(1, 3), st.booleans(),
       st.lists(NAMES, min_size=12, max_size=12), NOUNS)
def test_a_tied_context_follows_its_family(tied, ties, kin, family_tags, names, noun):
    """Shown ``ties`` times tagged and as many times not, a passive context (``Then Zorblax
    officials met``, ``A member of Zorblax``) is decided as its family's other contexts were:
    left out by a team that leaves them out, kept by one that tags them."""
    frames = [(TIED[tied], True), (TIED[tied], False)] * ties
    frames += [(f, family_tags) for f in KIN["passive"][:kin]] * 2
    frames += [(f, True) for f in KIN["agent"]]  # the speakers every team tags
    text, team, cands = _doc(frames, names, noun)
    sel = learn([(text, team, cands, len(text))])
    probe, s, e = _place(TIED[tied], "Vantorix", noun)
    assert context(probe, s, e, VERBS) == tied
    assert sel.keeps(probe, s, e) is family_tags


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["by", "according"]), st.integers(1, 2), st.lists(NAMES, min_size=12, max_size=12), NOUNS)
def test_a_tied_agent_context_follows_the_speakers(tied, ties, names, noun):
    """An agent context the team showed tied (``confirmed by X`` once tagged, once not) is kept
    by a team that tags its speakers and leaves its objects out."""
    frames = [(TIED[tied], True), (TIED[tied], False)] * ties
    frames += [(f, False) for f in KIN["passive"]] + [("In May {} said the toll rose.", True)] * 3
    text, team, cands = _doc(frames, names, noun)
    sel = learn([(text, team, cands, len(text))])
    probe, s, e = _place(TIED[tied], "Vantorix", noun)
    assert context(probe, s, e, VERBS) == tied
    assert sel.keeps(probe, s, e)

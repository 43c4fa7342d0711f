"""Both sides of an interview or a talk act (issue 23; GUIDELINES: one interviewed is marked,
``an interview with Gáspár Maróth``, the one who interviews acts, ``an interview with Rolling
Stone``, one spoken with acts like one met, ``spoke with … Mike Pompeo``): after ``interview
with``, ``spoke with``, ``talking with`` the name is the other side of a joint act, like
after ``met with``; one only told something stays ``told`` (``in an e-mail to Reuters``,
``speaking to BBC``, ``told TASS``). Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.sampled_from(["Rolling Stone", "Vera Kellard", "the Daily Orbit", "Tomas Moravec", "Radio Quill"])
WITH = st.sampled_from(["in an interview with", "published an interview with", "in a telephone interview with",
                        "spoke with", "was interviewed with", "talked with", "speaking with", "in interviews with"])
TO = st.sampled_from(["in an e-mail to", "speaking to", "spoke to", "in a statement to", "in a letter to", "told"])
ENDS = st.sampled_from([" that the plan had failed.", ", the would-be successor.", " on Monday.", " he was open to it."])


def _ctx(text: str, name: str) -> str:
    bare = name.removeprefix("the ")
    start = text.index(bare)
    return context(text, start, start + len(bare), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, WITH, TO, ENDS)
def test_the_other_side_of_an_interview_acts(name, with_, to, end):
    sel = Selection({"told": [0, 3], "object": [0, 2], "acts": [5, 1]}, {}, VERBS)  # a team that leaves the told out
    text = f"On Friday, Stern said {with_} {name}{end}"
    assert _ctx(text, name) == "acts"
    bare = name.removeprefix("the ")
    assert sel.keeps(text, text.index(bare), text.index(bare) + len(bare))
    told = f"On Friday, Stern said {to} {name}{end}"
    assert _ctx(told, name) == "told"
    assert not sel.keeps(told, told.index(bare), told.index(bare) + len(bare))

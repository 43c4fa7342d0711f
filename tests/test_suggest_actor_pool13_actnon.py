"""ACTOR classes on unseen news (session 13, helper actnon): capitalised names the rules
propose that are no actor at all (events, ...), tallied on the 209 unlabelled pool texts, each
class in at least three of them. Generated variants; each test failed before its class's change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()


def _kept(text: str, name: str) -> bool:
    at = text.index(name)
    return Selection(verbs=VERBS).keeps(text, at, at + len(name))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Iran–Iraq", "World", "Civil", "Infinity", "Gulf", "Asian Junior", "TNT",
                        "Intercontinental", "World Blitz", "Baku", "International Student", "Melbourne",
                        "Nobel", "Stanley", "Mobile World"]),
       st.sampled_from(["War", "Championship", "Championships", "Olympiad", "Cup", "Festival", "Prize",
                        "Awards", "Tournament", "Marathon", "War II", "Expo 2020"]),
       st.sampled_from(["He won the promotion's {e} once.\n",
                        "Back in 2017, the {e} was held in Riyadh.\n",
                        "The parade commemorates the eight-year {e}, which ended in 1988.\n",
                        "{e} began on Monday in the capital.\n",
                        "A sunken {e}-era submarine was found.\n",
                        "After I won that, I just didn't play in the {e} anymore.\n"]))
def test_an_event_named_by_its_head_is_no_actor(name, head, frame):
    """`Iran–Iraq War`, `World War II`, `TNT Championship`, `Asian Junior Championships`, `Baku
    Olympiad`, `Election Day` (GUIDELINES: an event is no actor, even as a subject): the
    selection drops a name whose head names an event, a contest or its prize. Pool texts p031,
    p072, p081, p100, p146, p179, p192, p193, p206."""
    event = f"{name} {head}"
    assert not _kept(frame.format(e=event), event)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Election", "Independence", "Memorial", "Labor"]), st.sampled_from(["Day", "Week"]),
       st.sampled_from(["{e} is quickly approaching and early voting began.\n",
                        "A series of news events broke as {e} drew closer.\n"]))
def test_a_day_named_by_a_common_word_is_no_actor(word, head, frame):
    """`Election Day drew closer` where the text also writes `election`: a day, no actor; `Doris
    Day said` (a surname the text never writes in lower case) stays."""
    day = f"{word} {head}"
    text = f"The {word.lower()} campaign went on.\n\n" + frame.format(e=day)
    assert not _kept(text, day)
    assert _kept(f"The singer retired in 1974.\n\nDoris {head} said she was happy.\n", f"Doris {head}")

"""A name a reporting verb describes is its object, not its speaker (issue 23, precision):
``The State Department described Zorblax in March as an heir``, ``outlets reported Zorblax to
be dead``: what follows the name (``as a …``, ``to be …``) says the verb is about it; the
speaker after the verb (``"…," said Zorblax.``) and a reported clause's subject (``said
Zorblax was there``) still act. Generated sentences, not the dev article's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Zorblax", "Velora", "Quintech", "Hamid"]),
                  st.sampled_from(["Daxivo", "bin Tal", "Mirrunet"]))
REPORTING = st.sampled_from(["described", "reported", "said", "claimed", "announced", "alleged"])
WHEN = st.sampled_from(["", " in March", " on Monday", " in March of this year"])
AS = st.sampled_from(["as a rising leader", "as an heir", "to be dead", "to have been killed", "as one of them"])


def _ctx(text: str, name: str) -> str:
    start = text.index(name)
    return context(text, start, start + len(name), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, REPORTING, WHEN, AS)
def test_a_name_a_reporting_verb_describes_is_its_object(name, verb, when, what):
    assert _ctx(f"The State Department {verb} {name}{when} {what}.", name) == "object"
    assert _ctx(f"\"It is over,\" {verb} {name}{when}.", name) == "acts"
    assert _ctx(f"\"It is over,\" {verb} {name} as the vote closed.", name) == "acts"
    assert _ctx(f"The State Department {verb} {name} was there{when}.", name) == "acts"

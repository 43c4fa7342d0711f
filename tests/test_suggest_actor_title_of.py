"""A title with an ``of`` complement before a name is the name's title (issue 23, boundaries):
``Secretary of Justice Wanda Vázquez Garced``, ``Secretary of State Mike Pompeo``,
``Minister of Defence X``. With titles out of a team's spans, the name's context was read
past ``of Justice`` as a preposition's object (``of``, left out like ``a member of X``); now
the whole title is passed over, as ``President X`` always was. Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Vera", "Tomas", "Anika", "Rollo", "Imre", "Dario"]),
                  st.sampled_from(["Kellard", "Moravec", "Ostrand", "Quill", "Bexley", "Urquhart"]))
TITLES = st.sampled_from(["Secretary", "Minister", "Director", "Governor", "President", "Commissioner"])
BODIES = st.sampled_from(["Justice", "State", "the Interior", "Defence", "Foreign Affairs", "the Central Bank"])
FRAMES = st.sampled_from(["It was over.\n\n{} said the plan had failed.",
                          "It was over.\n\n{}, the would-be successor, declined.",
                          "The plan was announced by {} on Monday.",
                          "It was over, according to {}.",
                          "On Monday, {} announced the plan."])


@settings(max_examples=200, deadline=None)
@given(NAMES, TITLES, BODIES, FRAMES)
def test_a_title_of_a_body_is_passed_over_like_a_title(name, title, body, frame):
    """The name after ``Secretary of Justice`` has the context it has after ``Secretary``."""
    plain, long = frame.format(f"{title} {name}"), frame.format(f"{title} of {body} {name}")
    s, t = plain.index(name), long.index(name)
    assert context(long, t, t + len(name), VERBS) == context(plain, s, s + len(name), VERBS)
    assert context(long, t, t + len(name), VERBS) != "of"

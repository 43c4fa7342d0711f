"""A holiday and the pronoun I with a contraction are no actor names (issue 23, precision):
``hospitalized since Christmas Eve, his family reported``, ``Every professional success I’ve
enjoyed``. Capitalised, they were read as names (a date like ``Monday`` never was, nor ``I``).
Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors

HOLIDAYS = st.sampled_from(["Christmas Eve", "Christmas", "Easter", "Thanksgiving", "New Year",
                            "Halloween", "Christmas Day", "Ramadan"])
PRONOUNS = st.sampled_from(["I’ve", "I've", "I’m", "I'm", "I’d", "I'll", "I’ll"])
NAMES = st.sampled_from(["Vera Kellard", "Tomas Moravec", "Anika Ostrand"])


@settings(max_examples=100, deadline=None)
@given(HOLIDAYS, PRONOUNS, NAMES)
def test_holidays_and_contracted_pronouns_are_no_names(holiday, pronoun, name):
    text = (f"{name} was hospitalized since {holiday}, his family reported. "
            f"\"Every success {pronoun} enjoyed is yours,\" {name} said. {holiday} came and went.")
    found = [text[m.start:m.end] for m in find_actors(text)]
    assert name in found
    assert not any(holiday in f or f in holiday for f in found)
    assert not any(f.startswith("I") and ("’" in f or "'" in f) for f in found)

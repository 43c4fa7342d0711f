"""CLAIM classes of session 11 (tui/suggest/rules/claims.py, claim_text.py;
bench/realtext/GUIDELINES.md, CLAIM): generated variants of what the development set's
sampled articles cut at other edges than the golds'; each failed before its change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest

QUOTES = st.sampled_from(["null and void", "legitimate and fully compatible with international law",
                          "left home four hours ago after leaving a note", "a grave abuse of power"])


def _claims(text: str) -> list[str]:
    return [s.text for s in suggest(text).spans if s.label == "CLAIM"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Person of the Year", "Lord of the Rings", "Pride and Prejudice", "Citizen of the World",
                        "King of Coal Country"]), st.sampled_from(["Time magazine", "The jury", "A panel"]))
def test_a_quoted_title_is_no_claim(title, who):
    """`named Greta Thunberg their 2019 "Person of the Year"`: a title with its small words in
    lower case is a name, like `"Operation Peace Spring"`."""
    assert not _claims(f'{who} picked her as their 2019 "{title}". She accepted it.')

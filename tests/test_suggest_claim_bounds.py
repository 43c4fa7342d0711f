"""Where a claim's content ends and starts on real news (tui/suggest/rules/claims.py,
claim_text.py; bench/realtext/GUIDELINES.md, CLAIM). Generated variants of the classes the
development set showed cut at other edges than the golds'; each failed before its change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest

SPEAKERS = st.sampled_from(["Jane Roe", "Governor Tom Hale", "The European Commission", "Acme Corp"])
DATES = st.sampled_from(["March 3", "by 2010", "in 2018", "on 12 October", "until June 2021", "in December"])


def _claims(text: str) -> list[str]:
    return [s.text for s in suggest(text).spans if s.label == "CLAIM"]


@settings(max_examples=80, deadline=None)
@given(SPEAKERS, st.sampled_from(["said", "noted", "reported", "warned"]), DATES,
       st.sampled_from(["both parties are to hold primaries", "Viktor Orbán took office", "the war ended"]),
       st.booleans())
def test_the_writers_when_after_a_date_is_left_out(speaker, verb, date, rest, according):
    """`the military had been "effectively disarmed" by 2010, when Viktor Orbán regained ...`:
    the writer's `, when …` after a date ends the reported clause, after a verb or `according to`."""
    content = f"the next vote is scheduled {date}"
    text = (f"According to {speaker}, {content}, when {rest}." if according
            else f"{speaker} {verb} {content}, when {rest}.")
    assert content in _claims(text)

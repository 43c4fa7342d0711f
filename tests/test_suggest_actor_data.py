"""A name that only modifies `data` is no mention (GUIDELINES: `Johns Hopkins University (JHU)
data indicated`, `according to the JHU data`), generated over organisation names, an optional
acronym in brackets and the sentence around it; the same name acting is still found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors

ORGS = st.sampled_from([("Johns Hopkins University", "JHU"), ("World Health Organization", "WHO"),
                        ("Bureau of Labor Statistics", "BLS"), ("National Weather Service", "NWS"),
                        ("European Space Agency", "ESA")])
DATA_CLAUSES = st.sampled_from(["data indicated", "data showed", "data published on Monday said",
                                "data suggest"])


def _texts(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=40, deadline=None)
@given(ORGS, st.booleans(), DATA_CLAUSES)
def test_a_name_before_data_is_no_mention(org, bracketed, clause):
    name, acronym = org
    subject = f"{name} ({acronym})" if bracketed else name
    text = f"Cases passed one million in the country, {subject} {clause}. Deaths rose, according to the {acronym} data."
    found = _texts(text)
    assert name not in found and acronym not in found, found


@settings(max_examples=20, deadline=None)
@given(ORGS)
def test_the_same_name_acting_is_still_found(org):
    name, acronym = org
    text = f"The {name} ({acronym}) said on Monday that the figures were wrong. The {acronym} published data."
    found = _texts(text)
    assert name in found or f"The {name}" in found, found

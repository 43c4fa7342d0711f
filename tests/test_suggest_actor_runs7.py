"""Capitalised runs, session 10 (helper actor7), generated inputs that fail before each class:
a date after a connector is no part of a name (`the Acme Group on Monday said`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors

ORGS = st.sampled_from(["Acme Group", "Sydney Opera Centre", "National Weather Service", "Bank of England",
                        "World Health Organization", "Court of Session"])
CONNECTORS = st.sampled_from(["on", "in", "for", "of"])
DATES = st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                         "January", "March", "May", "August", "December"])


def _texts(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=60, deadline=None)
@given(ORGS, CONNECTORS, DATES)
def test_a_date_after_a_connector_is_no_part_of_a_name(org, connector, date):
    text = f"The {org} {connector} {date} said it would cut prices."
    found = _texts(text)
    assert not any(date in f for f in found), found
    assert org in found or f"The {org}" in found, found


LEGISLATURES = st.sampled_from(["House of Representatives", "United States House of Representatives",
                                "Libyan House of Representatives", "House"])
VOTES = st.sampled_from(["voted to impeach the president", "confirmed him", "passed a resolution",
                         "has only impeached two presidents", "rejected the deal"])


@settings(max_examples=40, deadline=None)
@given(LEGISLATURES, VOTES)
def test_a_house_that_votes_acts(house, vote):
    """GUIDELINES: the body that confirms or votes acts (`the House has only impeached`)."""
    text = f"On Wednesday, the {house} {vote}, officials said."
    assert house in _texts(text), _texts(text)

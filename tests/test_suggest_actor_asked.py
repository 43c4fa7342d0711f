"""One asked or let to act is no mere object (issue 23, precision; GUIDELINES: "One asked,
allowed or required to act is marked"): after a verb of requesting or permitting
(``requested GitHub``, ``urged Zorblax to``, ``allowed the Velora Council to``) the name acts,
so a team's object context (``killed X``, ``designated X as``, ``banned X``), which news
mostly leaves untagged, no longer decides it. Generated sentences, not the dev article's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import Selection, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.builds(lambda a, b: a + b, st.sampled_from(["Zor", "Vel", "Quin", "Dax", "Mirr", "Tal"]),
                  st.sampled_from(["blax", "tech", "ora", "ivo", "unet", "ex"]))
ASKING = st.sampled_from(["requested", "urged", "ordered", "invited", "allowed", "permitted", "required",
                          "instructed", "encouraged", "advised", "authorized", "urges", "requests", "allows"])
ACTING_ON = st.sampled_from(["killed", "banned", "acquired", "designated", "labeled", "sanctioned", "attacked"])
DETS = st.sampled_from(["", "the "])
RESTS = st.sampled_from(["to remove the files.", "via the notice.", "to leave the country immediately.",
                         "as a group in March."])


def _ctx(text: str, name: str) -> str:
    start = text.index(name)
    return context(text, start, start + len(name), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, ASKING, ACTING_ON, DETS, RESTS)
def test_the_one_asked_to_act_is_not_read_as_a_verbs_object(name, asking, acting_on, det, rest):
    """``The agency requested Zorblax via the notice``: asked to act, its own context, while
    ``The agency killed Zorblax`` stays the verb's object."""
    assert _ctx(f"On Monday the agency {asking} {det}{name} {rest}", name) == "asked"
    assert _ctx(f"On Monday the agency {acting_on} {det}{name} {rest}", name) == "object"
    # past a descriptor the verb still governs it: "requested its partner Zorblax via"
    assert _ctx(f"On Monday the agency {asking} its partner {name} via the notice.", name) == "asked"
    assert _ctx(f"On Monday the agency {acting_on} its partner {name} via the notice.", name) == "object"
    # a name modifying the noun after it is that noun's: "does not require a GitHub account"
    assert _ctx(f"Using it does not {asking} a {name} account or fee.", name) != "asked"


@settings(max_examples=100, deadline=None)
@given(NAMES, ASKING, ACTING_ON, RESTS)
def test_a_team_that_leaves_objects_out_keeps_the_one_asked_to_act(name, asking, acting_on, rest):
    """A team that tags speakers and leaves the objects of verbs out (the usual news gold)
    still gets the one asked to act suggested: "asked" follows the agent contexts."""
    sel = Selection({"object": [0, 4], "acts": [6, 1]}, {}, VERBS)
    asked = f"Then the group {asking} {name} {rest}"
    acted_on = f"Then the group {acting_on} {name} {rest}"
    assert sel.keeps(asked, asked.index(name), asked.index(name) + len(name))
    assert not sel.keeps(acted_on, acted_on.index(name), acted_on.index(name) + len(name))

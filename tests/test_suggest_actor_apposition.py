"""A role noun in apposition after a name is the name's description, not another actor (issue
23, precision; GUIDELINES: no apposition, ``Jasim Uddin`` in ``Jasim Uddin, a spokesperson for
the fire service,``): ``Mohammed Reda, an airport protocol officer.``, ``Anna Franowska of
"Have no fear", an abuse victim support charity, told``, ``Justin Trudeau, then the Prime
Minister.``. Before, only a capitalised title was read so (``Delfin Lorenzana, the Defence
Secretary;``); now a lower-case role noun ending at a comma, the sentence's end or its
complement is ``bracketed`` too. Not a participle's object (``The Daily Telegraph, citing
local paramilitary groups,``) nor a list's next item with its verb (``..., officials said``).
Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.sampled_from(["Vera Kellard", "Tomas Moravec", "Anika Ostrand", "Rollo Quill", '"Have no fear"'])
ROLES = st.sampled_from(["spokesperson", "airport protocol officer", "police officer", "fire officer",
                         "migrant rescue charity", "spokesman"])
DETS = st.sampled_from(["", "a ", "an ", "the ", "then the "])
ENDS = st.sampled_from([" for the provincial governor, said the toll rose.", ", told Reuters it was over.", ".",
                        " of the fire service, said so.", " at the airport, confirmed it."])


def _ctx(text: str, words: str) -> str:
    start = text.rindex(words)
    return context(text, start, start + len(words), VERBS)


@settings(max_examples=200, deadline=None)
@given(NAMES, ROLES, DETS, ENDS)
def test_a_role_noun_after_a_name_and_a_comma_is_its_apposition(name, role, det, end):
    text = f"The victims included a guard and {name}, {det}{role}{end}"
    assert _ctx(text, role) == "bracketed"


@settings(max_examples=100, deadline=None)
@given(NAMES, st.sampled_from(["officials", "police", "rescuers"]), ENDS)
def test_a_participles_object_and_a_speaker_after_a_comma_are_no_apposition(name, group, end):
    assert _ctx(f"On Monday {name}, citing local {group}{end}", f"local {group}") != "bracketed"
    assert _ctx(f"The toll rose in {name}, {group} said on Monday.", group) != "bracketed"

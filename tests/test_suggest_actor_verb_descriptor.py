"""A verb in -ed before a lower-case descriptor governs the name after it (issue 23,
precision): ``A military coup removed then-prime-minister Thaksin Shinawatra``, ``The army
killed senior commander X``: the name is the verb's object, as after ``banned Iranian airline
Mahan Air``. Before, the descriptor's word before was read like a lower-case name's (``saw
armed police``: the -ed word an adjective of the noun), so the verb was skipped and the name
stayed in no context the team decides. Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
NAMES = st.sampled_from(["Thaksin Shinawatra", "Vera Kellard", "Tomas Moravec", "Anika Ostrand"])
ACTING_ON = st.sampled_from(["removed", "killed", "arrested", "ousted", "detained", "replaced", "sacked"])
DESCRIPTORS = st.sampled_from(["then-prime-minister", "senior commander", "local journalist", "former minister",
                               "opposition leader"])
ENDS = st.sampled_from([" in 2006.", " on Monday, and another his sister.", " last year."])


@settings(max_examples=150, deadline=None)
@given(NAMES, ACTING_ON, DESCRIPTORS, ENDS)
def test_a_verb_before_a_descriptor_governs_the_name(name, verb, descriptor, end):
    text = f"A military coup {verb} {descriptor} {name}{end}"
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) == "object"

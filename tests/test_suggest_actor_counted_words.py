"""What a spelled-out number above ten counts is counted (issue 23, precision; GUIDELINES: a
party's members are not marked as a figure's counted noun, ``235 Democrats``): ``fifteen
Democrats defected``, ``twenty-five officials``, ``Seventeen rescuers`` read as the counted
noun like ``five Armed Forces personnel`` and ``235 Democrats`` did; before, only two to ten
and the round words (dozens, hundreds) were counts. Generated sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.contexts import context
from tui.suggest.selection import reporting_and_action_verbs

VERBS = reporting_and_action_verbs()
UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBERS = st.one_of(st.sampled_from(TEENS),
                    st.builds(lambda t, u: f"{t}-{u}" if u else t, st.sampled_from(TENS), st.sampled_from(UNITS)))
GROUPS = st.sampled_from(["Democrats", "officials", "rescuers", "Armed Forces personnel", "senators"])


@settings(max_examples=200, deadline=None)
@given(NUMBERS, GROUPS, st.booleans())
def test_what_a_spelled_out_number_counts_is_counted(number, group, initial):
    n = number.capitalize() if initial else number
    text = f"{'' if initial else 'Altogether, '}{n} {group} defected on Monday."
    start = text.index(group)
    assert context(text, start, start + len(group), VERBS) == "counted"

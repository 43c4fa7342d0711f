"""A name inside a longer actor the rules found (a group's kept modifiers) is no actor of its
own: the one sweep that finds them agrees with comparing every pair, on generated spans
(duplicates, shared starts and ends, nesting, overlaps)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import _inside_another

SPAN = st.tuples(st.integers(0, 30), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1]))


def every_pair(spans):
    return {sp for sp in spans if any(s <= sp[0] and sp[1] <= e and (s, e) != sp for s, e in spans)}


@settings(max_examples=400, deadline=None)
@given(st.lists(SPAN, max_size=25))
def test_the_sweep_finds_exactly_the_spans_inside_another(spans):
    assert _inside_another(spans) == every_pair(spans)


def test_a_modifier_name_inside_a_group_and_a_repeated_mention():
    spans = [(0, 16), (0, 26), (30, 34), (30, 34)]  # "Hampshire Police" in "Hampshire Police spokesman"
    assert _inside_another(spans) == {(0, 16)}

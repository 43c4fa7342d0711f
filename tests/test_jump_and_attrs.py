"""Jump labels and one-key attributes, tested without an app."""

from __future__ import annotations

from tui.jump import ALPHABET, Jump, labels
from tui.model import make_span
from tui.quickattrs import choices, figure_attrs
from tui.schema import DEFAULT_SCHEMA


def test_labels_are_prefix_free_and_short():
    for n in (1, 5, 26, 27, 100, 400, 676):
        got = labels(n)
        assert len(got) == len(set(got)) == n
        assert all(1 <= len(x) <= 2 for x in got)
        assert not any(a != b and b.startswith(a) for a in got for b in got)
    assert labels(26) == list(ALPHABET)
    assert sum(len(x) == 1 for x in labels(100)) > 20  # most targets stay one key away


def test_jump_types_a_label():
    jump = Jump(list(range(0, 300, 3)))
    lab, off = next((k, v) for k, v in jump.by_label.items() if len(k) == 2)
    assert jump.type(lab[0]) == (None, True)
    assert all(v.startswith(lab[1]) or True for v in jump.shown().values())
    assert jump.type(lab[1]) == (off, False)
    assert Jump([1, 2]).type("z") == (None, False)


def test_figure_attrs_from_the_suggesters_parser():
    fig = DEFAULT_SCHEMA.labels["FIGURE"]
    assert figure_attrs("around 100,000 people", fig) == {"value": 100000, "unit": "people", "qualifier": "about"}
    assert figure_attrs("1,440 Indonesian nationals", fig) == {"value": 1440, "unit": "nationals",
                                                               "qualifier": "exact"}
    assert figure_attrs("the government", fig) == {}


def test_choices_preselect_the_suggestion_then_the_usual_value():
    text = "Amnesty International said so. Police said so."
    actor = DEFAULT_SCHEMA.labels["ACTOR"]
    span = make_span(text, "s1", "ACTOR", 0, 21)
    hint = make_span(text, "g1", "ACTOR", 0, 21, attrs={"type": "organisation"})
    (c,) = choices(span, actor, [hint], [])
    assert (c.attr, c.preselected, c.pick(1), c.pick(9)) == ("type", "organisation", "person", None)
    used = [make_span(text, "s2", "ACTOR", 31, 37, attrs={"type": "government"})]
    (c,) = choices(span, actor, [], used)
    assert c.preselected == "government" and "1 person" in c.prompt()

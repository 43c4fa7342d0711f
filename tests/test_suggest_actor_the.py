"""A capitalised "The" inside a sentence is part of the title it starts (issue 23, exact
boundaries; GUIDELINES: "A capitalised The that is part of a title stays (according to The
Verge)"): only a sentence's first word is capitalised for being first, so ``according to The
Verge`` keeps its "The" even where the team leaves determiners out, while ``The Zorblax
Institute reported`` at a sentence start follows the team's determiner convention; a
newspaper's title keeps its "The" there too (``The Guardian drew``, ``The Daily Telegraph,
citing``: the golds of two development articles; tests/test_suggest_actor_boundaries5.py).
Generated sentences, not the dev article's."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.conventions import DEFAULTS
from tui.suggest.rules.actors import find_actors, load_lexicon

TITLES = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["Zorblax", "Velora", "Quintech", "Daxivo"]),
                   st.sampled_from(["Times", "Post", "Herald", "Group", "Institute"]))
LEADS = st.sampled_from(["according to", "a report by", "in an interview with", "said"])


def _spans(text: str, determiner: bool) -> list[str]:
    c = replace(DEFAULTS, actor_determiner=determiner)
    return [text[slice(*m.span(c))] for m in find_actors(text, None, load_lexicon())]


@settings(max_examples=150, deadline=None)
@given(TITLES, LEADS, st.booleans())
def test_a_capitalised_the_inside_a_sentence_is_the_titles(title, lead, determiner):
    inside = f"The plan failed last week, {lead} The {title}."
    assert f"The {title}" in _spans(inside, determiner)
    first = f"It failed. The {title} reported it on Monday."
    press = title.endswith(("Times", "Post", "Herald"))  # a newspaper's title keeps its "The" anywhere
    assert (f"The {title}" if determiner or press else title) in _spans(first, determiner)
    lower = f"The plan failed last week, {lead} the {title}."
    assert (f"the {title}" if determiner else title) in _spans(lower, determiner)

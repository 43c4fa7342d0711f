"""Figures on unseen real news, session 12 (helper figpool2; bench/realtext/GUIDELINES.md, FIGURE:
"numbers in names" are not figures): classes seen in at least three texts of the unannotated pool
(/work/pool). Generated variants; each failed before its change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.figures import find_figures


def _texts(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_figures(text)]


NAMES = ["CentOS", "HR", "Lost", "Kepler", "Voyager", "Gliese", "WESH", "Falcon"]
SENTENCES = ["{p} contains two stars.", "Officials said {p} still fits that description.",
             "It was released before {p} reaches end of life.", "{p}'s End of Life has moved.",
             "The {p} Project announces its discovery.", "Members of {p} sailed to the island."]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(NAMES), st.integers(1, 9999), st.sampled_from(SENTENCES), st.sampled_from(SENTENCES))
def test_a_number_in_a_name_said_again_is_no_figure(name, n, first, second):
    """`HR 6819 contains`, `CentOS 8 reaches`, `The Lost 52 Project`: a number right after a
    capitalised word, the pair said again in the text, is part of a name (GUIDELINES: numbers in
    names), not a count of what follows."""
    pair = f"{name} {n}"
    text = f"Astronomers spoke on Friday. {first.format(p=pair)} Then {second.format(p=pair)}"
    assert [t for t in _texts(text) if str(n) in t] == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Trump", "Humberto", "Wynnum", "Melbourne"]), st.integers(2, 90),
       st.sampled_from(["percent", "miles", "points"]))
def test_a_number_after_a_name_said_once_still_counts(name, n, unit):
    """Control: `Biden led Trump 47 percent`, `placed Humberto 75 miles`, `defeated Wynnum 45
    points`: a name before a count said once is no name with a number."""
    text = f"Officials spoke on Friday. It placed {name} {n} {unit} ahead in the count."
    assert [t for t in _texts(text) if t.startswith(str(n))]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Trump", "Biden", "Sanders"]), st.integers(2, 90))
def test_a_percentage_after_a_name_said_twice_still_counts(name, n):
    """Control: a poll quoted twice, `Trump 47 percent ... Trump 47 percent`, counts both times."""
    text = f"In May the poll had {name} {n} percent. In June it still had {name} {n} percent."
    assert len([t for t in _texts(text) if t.startswith(str(n))]) == 2


@settings(max_examples=120, deadline=None)
@given(st.integers(2, 900), st.sampled_from(["m", "ft", "lbs", "lb", "mi", "m/s", "km/s", "kph"]),
       st.sampled_from(["The {n} {u} (about that) ship was built in 1990.", "They were around {n} {u} apart.",
                        "It weighed about {n} {u} and flew on.", "Keep {n} {u} distance from others.",
                        "The speed is high: it is {n} {u}. And so on."]))
def test_an_abbreviated_unit_of_measure_is_the_unit(n, unit, frame):
    """`75 m (250 ft) ship`, `about ten lbs`, `8 m/s`, `60 km/s`: an abbreviated unit after the
    number is the unit as written (GUIDELINES: the counted head noun as written; `km`, `mph`
    already were)."""
    text = "Officials spoke on Friday. " + frame.format(n=n, u=unit)
    units = [f.unit for f in find_figures(text) if str(n) in text[f.start:f.end]]
    assert units == [unit]


@given(st.integers(2, 90), st.sampled_from(["I'm", "Mr. Smith", "M. Dupont"]))
def test_a_lone_m_that_is_no_unit_stays_out(n, who):
    """Control: `m` not right after the number is no unit of it."""
    text = f"Officials spoke on Friday. {who} counted {n} boats in the harbour."
    assert [f.unit for f in find_figures(text)] == ["boats"]

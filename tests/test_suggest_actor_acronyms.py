"""A name followed by its acronym in brackets is the whole run the acronym spells (issue 23,
boundaries): ``Pacific Gas and Electric Company (PG&E)``, ``Institute of Epidemiology,
Disease Control and Research (IEDCR)``. The rules part capitalised runs at ``and`` and at
commas, so such a name came out in pieces. An acronym the words do not spell changes
nothing (``Kurdistan Workers' Party (PKK)``), nor does a nearer word that spells it alone
(``Late on Sunday, the Syrian Democratic Forces (SDF)``). Generated names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.actors import find_actors

WORDS = st.sampled_from(["Pacific", "Gas", "Electric", "Northern", "Water", "Disease", "Control", "Research",
                         "Mineral", "Harbour", "Transit", "Valley", "Power", "Timber", "Orchard"])
HEADS = st.sampled_from(["Company", "Authority", "Institute", "Corporation", "Commission", "Agency"])
JOINS = st.sampled_from([" and ", ", "])
FRAMES = st.sampled_from(["On Monday, the {} began cutting power.", "Late on Sunday, {} announced the plan.",
                          "Officials said {} would pay."])


def _spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_actors(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=2, unique=True), st.lists(WORDS, min_size=1, max_size=2, unique=True),
       JOINS, HEADS, FRAMES, st.booleans())
def test_a_name_its_acronym_spells_is_one_mention(first, second, join, head, frame, amp):
    if set(first) & set(second):
        return
    name = " ".join(first) + join + " ".join(second) + " " + head
    letters = [w[0] for w in first + second]
    acronym = "".join(letters[:-1]) + ("&" if amp else "") + letters[-1]
    spans = _spans(frame.format(f"{name} ({acronym})"))
    assert name in spans
    assert not any(s in name and s != name for s in spans)  # no piece of it left over


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, min_size=2, max_size=3, unique=True), HEADS, FRAMES)
def test_an_acronym_the_words_do_not_spell_changes_nothing(words, head, frame):
    name = " ".join(words) + " " + head
    plain = frame.format(name + " said so")
    spelt_by_nothing = frame.format(f"{name} (QZV)")
    before = [s for s in _spans(plain) if s in name]
    assert [s for s in _spans(spelt_by_nothing) if s in name] == before

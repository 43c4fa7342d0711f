"""Words a team's conventions cut off a rules' mention are no actor of their own (issue 23,
boundaries): with titles out, the model proposed ``Spokesperson`` of ``the Presidential
Spokesperson Harry Roque`` and ``Emergency Situations Minister`` of ``Deputy Emergency
Situations Minister Alexander Chupriyan`` as actors beside the name (it saw the title words
as candidates' features); ``suggest`` now drops a model's actor span inside the part of a
rules' mention the conventions leave out. A model's span elsewhere stays. Generated texts."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest
from tui.suggest.conventions import DEFAULTS

TITLES = st.sampled_from(["Presidential Spokesperson", "Deputy Interior Minister", "Prime Minister", "Judge",
                          "Foreign Minister", "Senator"])
NAMES = st.sampled_from(["Harry Roque", "Vera Kellard", "Tomas Moravec", "Anika Ostrand"])


class _Model:
    """A stand-in for a trained model that proposes ``spans`` as actors of its own."""
    labels = ["ACTOR"]

    def __init__(self, spans):
        self.spans = spans

    def combine(self, text, labels, found, raw):
        return raw + [(s, e, "ACTOR", {"type": "person"}, "model") for s, e in self.spans], {}


@settings(max_examples=100, deadline=None)
@given(TITLES, NAMES, st.integers(0, 3))
def test_a_models_actor_inside_a_title_left_out_is_dropped(title, name, cut):
    text = f"The offer was accepted, according to a statement by the {title} {name}. Reuters said so."
    t0 = text.index(title)
    words = title.split()
    inner = " ".join(words[min(cut, len(words) - 1):])  # a tail of the title: "Spokesperson", "Minister"
    s = t0 + title.index(inner)
    reuters = text.index("Reuters")
    model = _Model([(s, s + len(inner)), (reuters, reuters + len("Reuters"))])
    out = suggest(text, families=["ACTOR"], conventions=replace(DEFAULTS, actor_title=False), model=model)
    got = {(sp.start, sp.end) for sp in out.spans}
    assert (text.index(name), text.index(name) + len(name)) in got
    assert not any(sp.start >= t0 and sp.end <= t0 + len(title) for sp in out.spans)
    assert (reuters, reuters + len("Reuters")) in got  # the model's own actor elsewhere stays
    kept = suggest(text, families=["ACTOR"], conventions=DEFAULTS, model=model)  # titles in: nothing cut off
    assert (s, s + len(inner)) in {(sp.start, sp.end) for sp in kept.spans} or inner == title

"""Learn everything the team decides: attribute values come from the corpus's annotations,
and a value the team never uses is never suggested (tui.suggest.habits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import Corpus
from tui.model import Span
from tui.schema import DEFAULT_SCHEMA
from tui.suggest.habits import Habits, learn
from tui.suggest.learn import Suggester, retrain

REAL = Path(__file__).resolve().parent.parent / "bench" / "realtext"
ENUMS = {(lab, k): a.values for lab, ldef in DEFAULT_SCHEMA.labels.items()
         for k, a in ldef.attrs.items() if a.kind == "enum"}


def _span(label: str, attrs: dict, text: str = "x") -> Span:
    return Span("s1", label, 0, len(text), text, attrs=attrs)


def _attrs(label):
    return st.fixed_dictionaries({}, optional={k: st.sampled_from(v) for (lab, k), v in ENUMS.items() if lab == label})


@st.composite
def pairs_and_query(draw):
    label = draw(st.sampled_from(["ACTOR", "FIGURE", "CLAIM"]))
    pairs = draw(st.lists(st.tuples(st.one_of(st.none(), _attrs(label)), _attrs(label)
                                    .map(lambda a: _span(label, a))), min_size=1, max_size=12))
    query = draw(_attrs(label))
    return label, pairs, query


@settings(max_examples=300, deadline=None)
@given(pairs_and_query())
def test_a_value_the_team_never_uses_is_never_suggested(case):
    label, pairs, query = case
    h = learn(pairs, DEFAULT_SCHEMA)
    out = h.apply(label, "x", query)
    for k, v in out.items():
        if (label, k) in ENUMS:
            assert v in {sp.attrs.get(k) for _, sp in pairs}, (k, v)
    assert Habits.from_json(h.to_json()).apply(label, "x", query) == out  # saved with the model alike


def test_what_the_team_writes_in_place_of_the_rules_value_wins():
    pairs = [({"status": "reported"}, _span("CLAIM", {})), ({"status": "reported"}, _span("CLAIM", {})),
             ({"status": "denied"}, _span("CLAIM", {"status": "denied"})),
             ({"type": "organisation"}, _span("ACTOR", {"type": "government"}, "Coast Guard")),
             ({"type": "person"}, _span("ACTOR", {"type": "person"}, "Minnis")),
             ({"qualifier": "exact", "value": 3, "unit": "people"}, _span("FIGURE", {"value": 3, "unit": "people"}))]
    h = learn(pairs, DEFAULT_SCHEMA)
    assert h.apply("CLAIM", "x", {"status": "reported"}) == {}
    assert h.apply("CLAIM", "x", {"status": "denied"}) == {"status": "denied"}
    assert h.apply("ACTOR", "coast guard", {"type": "organisation"}) == {"type": "government"}  # its own name
    assert h.apply("ACTOR", "Someone", {"type": "other"}) == {}  # never used
    assert h.apply("FIGURE", "x", {"value": 7, "qualifier": "exact", "unit": "homes"}) == {"value": 7, "unit": "homes"}
    assert h.values("ACTOR", "type") == ["government", "person"] or h.values("ACTOR", "type") == ["person", "government"]
    assert learn([], DEFAULT_SCHEMA).apply("CLAIM", "x", {"status": "reported"}) == {"status": "reported"}


def _real_corpus(root: Path, docs: list[str]) -> Corpus:
    (root / "seeds").mkdir(parents=True)
    for d in docs:
        shutil.copy(REAL / "seeds" / f"{d}.txt", root / "seeds")
        (root / "annotations" / d).mkdir(parents=True)
        shutil.copy(REAL / "annotations" / d / "gold.yaml", root / "annotations" / d)
    return Corpus(root)


@pytest.mark.parametrize("with_model", [False, True])
def test_on_real_news_suggestions_use_only_the_teams_values(tmp_path, with_model):
    """The real-text golds never write qualifier exact, status reported or type other."""
    corpus = _real_corpus(tmp_path, ["wn-2019-01-28-jolo", "wn-2019-02-13-karolbagh"])
    if with_model:
        retrain(corpus)
    sg = Suggester.for_corpus(corpus)
    assert (sg.model is not None) == with_model
    text = (REAL / "seeds" / "wn-2019-01-04-magnitogorsk.txt").read_text(encoding="utf-8")
    spans = sg.suggest(text).spans
    used = {(s.label, k, v) for s in _gold_spans(corpus) for k, v in s.attrs.items()}
    seen = {(s.label, k, v) for s in spans for k, v in s.attrs.items() if (s.label, k) in ENUMS}
    assert seen and seen <= used
    assert not seen & {("FIGURE", "qualifier", "exact"), ("CLAIM", "status", "reported"), ("ACTOR", "type", "other")}
    assert any(s.label == "FIGURE" and "unit" in s.attrs for s in spans)


def _gold_spans(corpus: Corpus) -> list[Span]:
    from tui.model import Document
    from tui.store import load

    out = []
    for p in sorted(corpus.annotations_dir.glob("*/gold.yaml")):
        text = (corpus.root / "seeds" / f"{p.parent.name}.txt").read_text(encoding="utf-8")
        out += load(p, doc=Document(p.parent.name, text)).annotation.spans
    return out

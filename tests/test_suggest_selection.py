"""Which actor candidates the team tags (tui.suggest.selection), and, end to end on
generated corpora, that no suggested attribute value is absent from the corpus's
annotations."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.learngen import article, gold
from tui.corpus import Corpus
from tui.model import Annotation, Document, make_span
from tui.schema import DEFAULT_SCHEMA
from tui.store import atomic_write, dumps
from tui.suggest.conventions import DEFAULTS
from tui.suggest.learn import Suggester, retrain
from tui.suggest.contexts import CONTEXTS, context
from tui.suggest.selection import FAMILIES, Selection, from_saved, learn, reporting_and_action_verbs

VERBS = reporting_and_action_verbs()


@pytest.mark.parametrize("text, name, want", [
    ("The mayor told TASS on Monday that it was over.", "TASS", "told"),
    ("He said in an e-mail to The New York Times that he wept.", "The New York Times", "told"),
    ("The motion claims Trump's declaration is void.", "Trump", "possessor"),
    ("The motion claims Trump’s declaration is void.", "Trump’s", "possessor"),  # a team keeping the ’s
    ("He was identified by a Coast Guard spokesperson.", "Coast Guard spokesperson", "by"),
    ("Nothing was found, according to police.", "police", "according"),
    ("Leaders of African Union met.", "African Union", "of"),
    ("Nikki Holland of the UK's National Crime Agency said so.", "National Crime Agency", "of"),
    ("The case was filed in the Superior Court.", "Superior Court", "preposition"),
    ("The Federal Security Service (FSB) said so.", "FSB", "bracketed"),
    ('She said "we know Amnesty well" on Monday.', "Amnesty", "quoted"),
    ('She said "we know Amnesty lied to us" on Monday.', "Amnesty", "acts"),  # a verb follows: its subject
    ('She said "Amnesty lied to us" on Monday.', "Amnesty", "acts"),  # the quotation's subject
    ("Yesterday Amnesty said it had proof.", "Amnesty", "acts"),
    ('"We are done," said Delfin Lorenzana, the secretary.', "Delfin Lorenzana", "acts"),
    ("Officials met at an AU summit later.", "AU", "preposition"),
    ("Then AU trade officials met.", "AU", "modifier"),
    ("A bomb, it said. Znak.com further reported its source said so.", "Znak.com", "acts"),  # not a modifier
    ("Jasim Uddin, a spokesperson, in 2019.", "Jasim Uddin", "sentence"),
    ("Jasim Uddin, a spokesperson, spoke.", "Jasim Uddin", "acts"),  # its verb after the apposition
    ("Over 1,000 rescuers responded.", "rescuers", "counted"),
    ("It began in June 2015. Authorities shuttered it.", "Authorities", "acts"),  # not counted by "2015."
    ("Judge Chea, who visited Svay Rieng in May, declined to comment.", "Svay Rieng", "object"),
    ("Statements came, and Jasim Uddin, a spokesperson, in 2019.", "Jasim Uddin", "other"),
    ("Statements came, and Jasim Uddin, a spokesperson, spoke.", "Jasim Uddin", "acts"),
])
def test_the_context_of_a_candidate(text, name, want):
    start = text.index(name)
    assert context(text, start, start + len(name), VERBS) == want


_NAMES = ("Amnesty", "Reuters", "Oxfam", "Kaspersky", "Interpol")
_FRAMES = {  # one sentence per context, the name where {} is
    "told": "The minister told {} about it.",
    "possessor": "Then {}'s report came out.",
    "of": "A member of {} was there.",
    "preposition": "The file went to {} last week.",
    "acts": "In May {} said the toll rose.",
    "by": "The toll was confirmed by {} later.",
}


@st.composite
def teams(draw):
    """Sentences of names in several contexts, and the contexts the team tags."""
    order = draw(st.lists(st.sampled_from(sorted(_FRAMES)), min_size=1, max_size=14))
    names = draw(st.lists(st.sampled_from(_NAMES), min_size=len(order), max_size=len(order)))
    tags = draw(st.sets(st.sampled_from(sorted(_FRAMES))))
    return order, names, tags


def _doc(order, names):
    text, cands = "", []
    for ctx, name in zip(order, names):
        frame = _FRAMES[ctx]
        s = len(text) + frame.index("{}")
        cands.append((s, s + len(name), ctx))
        text += frame.format(name) + " "
    return text, cands


@settings(max_examples=200, deadline=None)
@given(teams())
def test_a_context_the_team_showed_is_followed(case):
    order, names, tags = case
    text, cands = _doc(order, names)
    team = [(s, e) for s, e, ctx in cands if ctx in tags]
    sel = learn([(text, team, [(s, e) for s, e, _ in cands], len(text))])
    for s, e, ctx in cands:
        assert context(text, s, e, sel.verbs) == ctx
        assert sel.keeps(text, s, e) == _followed(ctx, text[s:e], order, names, tags), (ctx, tags)
    again = from_saved(sel.to_json())  # saved with the model, it decides alike
    assert again is not None and all(again.keeps(text, s, e) == sel.keeps(text, s, e) for s, e, _ in cands)


def _followed(ctx, name, order, names, tags) -> bool:
    """Is a candidate ``name`` in ``ctx`` kept: as the team did there, or, for an agent
    context shown only once, as it did in the agent contexts together (a tie keeps the
    rules' choice); never a name the team passed over twice and never tagged."""
    seen = [c in tags for c, n in zip(order, names) if n == name]
    if not any(seen) and len(seen) >= 2:
        return False
    if FAMILIES[ctx] == "passive" or order.count(ctx) >= 2:
        return ctx in tags
    pool = [c for c in order if FAMILIES[c] == "agent"]
    tagged = sum(c in tags for c in pool)
    return tagged >= len(pool) - tagged


@settings(max_examples=100, deadline=None)
@given(teams())
def test_a_team_that_tags_every_candidate_loses_none(case):
    order, names, _ = case
    text, cands = _doc(order, names)
    spans = [(s, e) for s, e, _ in cands]
    sel = learn([(text, spans, spans, len(text))])
    probe, probe_cands = _doc(sorted(_FRAMES), _NAMES[:len(_FRAMES)] + _NAMES[:1])
    assert all(sel.keeps(probe, s, e) for s, e, _ in probe_cands)  # shown or not, nothing is left out


def test_an_unseen_context_follows_its_family_and_no_example_keeps_the_rules():
    sel = Selection({"told": [0, 3], "possessor": [0, 2], "acts": [4, 0]}, verbs=VERBS)
    assert sel.decides("of") is False  # a passive context: the team left the others out
    assert sel.decides("by") is True  # an agent context: the team tagged the others
    assert sel.decides("other") is None
    assert Selection(verbs=VERBS).decides("told") is None  # nothing shown: the rules' choice
    assert set(FAMILIES) | {"other"} == set(CONTEXTS)
    assert from_saved({"contexts": {"told": ["x"]}, "names": {}}) is None  # a hand-edited model.json


def _write_corpus(root: Path, seeds: list[int], pick) -> None:
    """Generated articles with golds under the rules' conventions; ``pick(label, i)`` gives
    each span's attributes (the team's values)."""
    for i in seeds:
        text, ents = article(i, 8)
        did = f"doc{i}"
        atomic_write(root / "seeds" / f"{did}.txt", text.encode("utf-8"))
        spans = [make_span(text, f"s{k}", lab, s, e, attrs=pick(lab, k))
                 for k, (s, e, lab) in enumerate(gold(ents, DEFAULTS, ("ACTOR", "FIGURE", "CLAIM")), 1)]
        ann = Annotation(did, Document(did, text).sha256, len(text), "gold", "done", "2026-01-01T00:00:00Z",
                         spans, [])
        atomic_write(root / "annotations" / did / "gold.yaml", dumps(ann).encode("utf-8"))


ENUMS = {(lab, k): a.values for lab, ldef in DEFAULT_SCHEMA.labels.items()
         for k, a in ldef.attrs.items() if a.kind == "enum"}


@st.composite
def team_values(draw):
    """Per enumerated attribute, the values the team writes (empty: it never fills it)."""
    return {key: draw(st.lists(st.sampled_from(vals), unique=True, max_size=2)) for key, vals in ENUMS.items()}


def _check_suggested_values(seeds, values, probe, with_model):
    def pick(label, k):
        out = {}
        for (lab, attr), vals in values.items():
            if lab == label and vals:
                out[attr] = vals[k % len(vals)]
        return out

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write_corpus(root, seeds, pick)
        corpus = Corpus(root)
        if with_model:
            retrain(corpus)
        got = Suggester.for_corpus(corpus).suggest(article(probe, 8)[0])
    spans = got.spans
    assert spans
    ids = {sp.id for sp in spans}
    assert all(r.source in ids and r.target in ids for r in got.relations)  # only between spans that exist
    for sp in spans:
        for k, v in sp.attrs.items():
            if (sp.label, k) in ENUMS:
                assert v in values[(sp.label, k)], (sp.label, k, v, values)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=2, unique=True), team_values(), st.integers(0, 10**6))
def test_no_suggested_value_is_absent_from_the_corpus(seeds, values, probe):
    """End to end on generated corpora: whatever values the team writes (or leaves out),
    every enumerated value suggested is one it wrote for that label and attribute; every
    suggested relation joins two suggested spans."""
    _check_suggested_values(seeds, values, probe, with_model=False)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), team_values(), st.integers(0, 10**6))
def test_no_suggested_value_is_absent_from_the_corpus_with_a_model(seed, values, probe):
    _check_suggested_values([seed], values, probe, with_model=True)


def _one_document(root: Path, text: str, actors: list[tuple[int, int, str]]) -> Corpus:
    """A corpus of one finished document whose gold tags ``actors`` (start, end, type)."""
    (root / "seeds").mkdir()
    (root / "seeds" / "d1.txt").write_text(text, encoding="utf-8")
    spans = [make_span(text, f"s{k}", "ACTOR", s, e, attrs={"type": t}) for k, (s, e, t) in enumerate(actors, 1)]
    ann = Annotation("d1", Document("d1", text).sha256, len(text), "gold", "done", "2026-01-01T00:00:00Z", spans, [])
    (root / "annotations" / "d1").mkdir(parents=True)
    (root / "annotations" / "d1" / "gold.yaml").write_text(dumps(ann), encoding="utf-8")
    return Corpus(root)


def test_a_team_that_leaves_told_media_out_is_not_offered_them(tmp_path):
    """Learned from the corpus (saved with the model, and without one): names only told
    something are not suggested; the speakers are."""
    text = ("Amnesty said the camp was full. The minister told Reuters that it was not. "
            "Oxfam said food ran out. A spokesperson told Kyodo the talks failed.")
    probe = "Interpol said the case was open. The mayor told Bernama that it was closed."
    team = [(s, s + len(n)) for n in ("Amnesty", "Oxfam") for s in [text.index(n)]]
    corpus = _one_document(tmp_path, text, [(s, e, "organisation") for s, e in team])
    for trained in (False, True):
        if trained:
            retrain(corpus)
        sg = Suggester.for_corpus(corpus)
        assert (sg.model is not None) == trained
        actors = {s.text for s in sg.suggest(probe).spans if s.label == "ACTOR"}
        assert "Interpol" in actors and "Bernama" not in actors, actors
        assert any("told" in line and "left out" in line for line in sg.selection.explain())


def test_names_the_team_tagged_that_no_rule_finds_are_suggested_again(tmp_path):
    """The corpus's own actor gazetteer: a name the rules miss, once tagged in a finished
    document, is proposed in the next one, with the type the team gave it. (A present
    tense before an adjective and a plural, which the rules do not read as a verb: a
    one-word name before a past tense or ``renames its ship`` the rules find themselves.)"""
    text = "Sea-Eye renames old ships on Sunday. The crew cheered."
    probe = "Weeks later Sea-Eye renames old ships."
    assert "Sea-Eye" not in {s.text for s in Suggester.for_corpus(Corpus(tmp_path)).suggest(probe).spans}
    corpus = _one_document(tmp_path, text, [(0, 7, "group")])
    for trained in (False, True):
        if trained:
            retrain(corpus)
        sg = Suggester.for_corpus(corpus)
        assert sg.selection is not None and sg.selection.tagged == {"Sea-Eye": "organisation"}
        got = {s.text: s.attrs for s in sg.suggest(probe).spans if s.label == "ACTOR"}
        assert got == {"Sea-Eye": {"type": "group"}}, got


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab c.,'’\"“”()\n1-–s")), max_size=60), st.data())
def test_any_text_gets_a_context(text, data):
    """Untrusted article text: every candidate span gets one of the contexts, nothing raises."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert context(text, start, end, VERBS) in CONTEXTS
    sel = Selection({c: [0, 1] for c in CONTEXTS}, {text[start:end].lower(): [0, 2]}, VERBS)
    assert sel.keeps(text, start, end) is False

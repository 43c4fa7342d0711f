"""The optional spaCy pipeline (margin.yaml ``suggest: {spacy: NAME}``): the name is read and
checked (a package name only, never a path; one line ``margin.yaml:LINE: ...``), a pipeline
that is not installed is one line and suggestions carry on by rule, the pipeline's entities
become actor candidates cut to the learned conventions, a label the team never tags is
never suggested, and the default path (no pipeline named) never imports spaCy.

No trained pipeline is needed: the tests build one in memory (``spacy.blank`` + an
``entity_ruler``) and hand it to ``tui.suggest.pipeline.use``."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from tests.conftest import ROOT
from tests.helpers import make_corpus
from tests.test_suggest import run
from tui.corpus import Corpus
from tui.errors import DataError
from tui.suggest import pipeline
from tui.suggest.conventions import Conventions
from tui.suggest.entities import Entities, corpus_entities
from tui.suggest.pipeline import Ent

NAME = "margin_test_pipeline"  # never installed: the tests hand its pipeline over with ``use``


@pytest.fixture(autouse=True)
def _fresh():
    pipeline.forget()
    yield
    pipeline.forget()


def _yaml(root, value: str) -> str:
    path = root / "margin.yaml"
    path.write_text(f"# the team's settings\nsuggest:\n  spacy: {value}\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("value, says", [
    ("../models/en_core_web_sm", "is a path"),
    ("/opt/models/en_core_web_sm", "is a path"),
    ("~/en_core_web_sm", "is a path"),
    ("en-core-web-sm", "is no package name"),
    ("en_core_web_sm.v3", "is no package name"),
    ("[en_core_web_sm]", "must name an installed spaCy pipeline package"),
    ("''", "must name an installed spaCy pipeline package"),
])
def test_a_bad_pipeline_name_is_one_line_with_its_line(tmp_path, value, says):
    corpus = make_corpus(tmp_path)
    path = _yaml(tmp_path, value)
    with pytest.raises(DataError) as e:
        corpus_entities(corpus)
    msg = str(e.value)
    assert msg.startswith(f"{path}:3: suggest.spacy") and says in msg and "\n" not in msg


def test_a_pipeline_not_installed_is_one_line_and_suggesting_carries_on(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    path = _yaml(tmp_path, "margin_no_such_pipeline_pkg")
    ents, why = corpus_entities(corpus)
    assert ents is None
    assert why == (f"{path}:3: the spaCy pipeline 'margin_no_such_pipeline_pkg' is not installed "
                   "(install its package; margin never downloads one); suggesting without it")
    code, out, err = run(capsys, "suggest", "--corpus", str(tmp_path))
    assert code == 0 and err == f"margin: {why}\n" and "ACTOR" in out


def test_spacy_not_installed_is_one_line(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else real(name, *a))
    corpus = make_corpus(tmp_path)
    path = _yaml(tmp_path, "en_core_web_sm")
    assert corpus_entities(corpus) == (None, f"{path}:3: spaCy is not installed (pip install spacy); suggesting without it")


def test_a_package_shipped_inside_the_corpus_is_never_loaded(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "clone")
    pkg = tmp_path / "clone" / "evil_pipeline"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("raise SystemExit('loaded a file the corpus shipped')\n", encoding="utf-8")
    info = tmp_path / "clone" / "evil_pipeline-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil_pipeline\nVersion: 1.0\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "clone"))
    _yaml(tmp_path / "clone", "evil_pipeline")
    ents, why = corpus_entities(corpus)
    assert ents is None and "'evil_pipeline' lies in" in why and "evil_pipeline" not in sys.modules


def _blank(patterns: list[dict]):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    return nlp


def _gold(root, doc_id: str, text: str, actors: list[str]) -> None:
    from tui.model import Annotation, Document, make_span
    from tui.store import atomic_write, dumps

    atomic_write(root / "seeds" / f"{doc_id}.txt", text.encode("utf-8"))
    spans = [make_span(text, f"s{k}", "ACTOR", text.index(a), text.index(a) + len(a), attrs={"type": "person"})
             for k, a in enumerate(actors, 1)]
    ann = Annotation(doc_id, Document(doc_id, text).sha256, len(text), "gold", "done", "2026-01-01T00:00:00Z", spans, [])
    atomic_write(root / "annotations" / doc_id / "gold.yaml", dumps(ann).encode("utf-8"))


_TRAIN = [("Zorblax Quentin arrived at the port of Vlurnia early. Later, Vlurnia was quiet and "
           "Mira Oskatel went home.", ["Zorblax Quentin", "Mira Oskatel"]),
          ("In Vlurnia the market opened. Dova Prenk waved from Vlurnia while Tesk Umbar watched.",
           ["Dova Prenk", "Tesk Umbar"])]
_NEW = "The boats left Vlurnia at dawn; the harbour of Vlurnia emptied, and Yelko Brast stayed."


def _team(tmp_path, patterns):
    make_corpus(tmp_path, {})
    for k, (text, actors) in enumerate(_TRAIN):
        _gold(tmp_path, f"d{k}", text, actors)
    pipeline.use(NAME, _blank(patterns))
    _yaml(tmp_path, NAME)
    return Corpus(tmp_path)


PATTERNS = [{"label": "PERSON", "pattern": n} for n in
            ("Zorblax Quentin", "Mira Oskatel", "Dova Prenk", "Tesk Umbar", "Yelko Brast")] + [
            {"label": "GPE", "pattern": "Vlurnia"}]


def test_entities_the_team_tags_become_actors_and_a_label_it_never_tags_does_not(tmp_path):
    from tui.suggest.learn import Suggester, retrain

    corpus = _team(tmp_path, PATTERNS)
    ents, why = corpus_entities(corpus)
    assert why is None and ents.counts == {"PERSON|other": [4, 0], "GPE|other": [0, 4]}
    before = Suggester.for_corpus(corpus)  # no model: learned from the annotations afresh
    assert retrain(corpus) is not None
    for sg in (before, Suggester.for_corpus(corpus)):  # the counts saved with the model
        s = sg.suggest(_NEW)
        actors = {(sp.text, s.sources[sp.id]) for sp in s.spans if sp.label == "ACTOR"}
        assert ("Yelko Brast", "spacy") in actors or ("Yelko Brast", "rules") in actors
        assert not any("Vlurnia" in t for t, _ in actors)
        assert {sp.attrs.get("type") for sp in s.spans if sp.label == "ACTOR"} <= {None, "person"}  # the team's values only
    assert sg.model is not None and sg.model.meta["entities"]["counts"] == ents.counts


@settings(max_examples=60, deadline=None)
@given(first=st.sampled_from(["Quorv", "Blath", "Zenn", "Ilsk", "Marrow"]),
       last=st.sampled_from(["Atheny", "Brusk", "Covarre", "Delm"]),
       det=st.booleans(), poss=st.booleans(), the=st.booleans(), s_after=st.booleans())
def test_an_entity_candidate_follows_the_learned_determiner_and_possessive(first, last, det, poss, the, s_after):
    name = f"{first} {last} Group"
    text = f"Yesterday {'the ' if the else ''}{name}{'’s' if s_after else ''} board met."
    start = text.index(name)
    ent = Ent(start, start + len(name), "ORG", "nsubj")
    team = Entities("p", {"ORG|nsubj": [3, 1]})
    out, _ = team.candidates(text, [ent], Conventions(actor_determiner=det, actor_possessive=poss), [])
    want_s = start - 4 if det and the else start
    want_e = start + len(name) + (2 if poss and s_after else 0)
    assert [(r[0], r[1], r[4]) for r in out] == [(want_s, want_e, "spacy")]


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]), min_size=1, max_size=6),
       tagged=st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]))
def test_a_label_the_team_never_tagged_is_never_suggested(labels, tagged):
    words = ["Adro Vantes", "Belk Orrin", "Cass Umbrel", "Dorn Yevald", "Eskar Pollin", "Fenn Ward"]
    text = " and ".join(words[:len(labels)]) + " said so."
    ents = [Ent(text.index(w), text.index(w) + len(w), lab, "nsubj+say") for w, lab in zip(words, labels)]
    counts = {f"{lab}|nsubj+say": [0, 4] for lab in ("PERSON", "ORG", "GPE", "NORP")}
    counts[f"{tagged}|nsubj+say"] = [5, 1]
    out, _ = Entities("p", counts).candidates(text, ents, Conventions(), [])
    assert [text[r[0]:r[1]] for r in out] == [w for w, lab in zip(words, labels) if lab == tagged]


def test_a_rules_actor_is_never_doubled_and_a_noun_phrase_replaces_the_rules_demonym():
    text = "Vlurnian engineers are to join, and Hasko Brandt said so."
    ents = [Ent(0, 8, "NORP", "nsubj", phrase=(0, 18)), Ent(36, 48, "PERSON", "nsubj+say")]
    team = Entities("p", {"NORP|nsubj": [2, 0], "PERSON|nsubj+say": [2, 0]})
    out, replaced = team.candidates(text, ents, Conventions(), [(0, 8), (36, 48)])
    assert [(r[0], r[1]) for r in out] == [(0, 18)] and replaced == {(0, 8)}


def test_the_default_path_never_imports_spacy(tmp_path):
    make_corpus(tmp_path)
    code = ("import sys; from tui.cli import main; rc = main(['suggest', '--corpus', sys.argv[1]]); "
            "sys.stdout.flush(); print('SPACY' if 'spacy' in sys.modules else 'NO SPACY', rc)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert out.returncode == 0 and out.stdout.strip().endswith("NO SPACY 0"), out.stderr


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(["Vantor Holdings", "Quell Mining", "Brisk Aerial"]),
       alias=st.sampled_from(["VH", "QM", "BAL"]), noun=st.sampled_from(["Court", "Board", "Tribunal"]))
def test_the_parse_confirms_a_subject_but_not_a_bracketed_alias_nor_a_common_noun(name, alias, noun):
    text = f"{name} ({alias}) acquired the plant. {noun} says the {noun.lower()} ruled. {name} said so."
    a = text.index(f"({alias})") + 1
    c = text.index(f"{noun} says")
    n = text.rindex(name)
    ents = [Ent(a, a + len(alias), "ORG", "nsubj"), Ent(c, c + len(noun), "ORG", "nsubj+say"),
            Ent(n, n + len(name), "ORG", "nsubj+say")]
    team = Entities("p", {"ORG|nsubj": [3, 0], "ORG|nsubj+say": [4, 0]})
    spans = [(e.start, e.end) for e in ents]
    assert team.confirms(text, ents, spans) == {(n, n + len(name))}


def _parsed(words, heads, deps, pos, ents):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


@pytest.mark.parametrize("adjective", ["senior", "local", "state-owned"])
def test_a_demonym_gives_its_noun_phrase_of_people_but_not_across_another_name(adjective):
    from tui.suggest.entities import entities_of

    plain = _parsed(["German", adjective, "officials", "said", "it", "."], [2, 2, 3, 3, 3, 3],
                    ["amod", "amod", "nsubj", "ROOT", "dobj", "punct"], ["ADJ", "ADJ", "NOUN", "VERB", "PRON", "PUNCT"],
                    ["B-NORP", "O", "O", "O", "O", "O"])
    (ent,) = entities_of(plain)
    assert (ent.phrase, ent.context) == ((0, len(f"German {adjective} officials")), "nsubj+say")
    named = _parsed(["German", "Chancellor", "Angela", "Merkel", "'s", "spokesperson", "said", "it"],
                    [1, 3, 3, 5, 3, 6, 6, 6], ["amod", "compound", "compound", "poss", "case", "nsubj", "ROOT", "dobj"],
                    ["ADJ", "PROPN", "PROPN", "PROPN", "PART", "NOUN", "VERB", "PRON"],
                    ["B-NORP", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"])
    assert [e.phrase for e in entities_of(named) if e.label == "NORP"] == [None]


def test_an_entity_type_the_team_never_writes_is_never_suggested(tmp_path):
    from tui.model import Annotation, Document, make_span
    from tui.store import atomic_write, dumps
    from tui.suggest.learn import Suggester

    make_corpus(tmp_path, {})
    for k, text in enumerate(["Vlurnia agreed first, and Ostrevia followed.", "Ostrevia refused while Vlurnia waited."]):
        atomic_write(tmp_path / "seeds" / f"d{k}.txt", text.encode("utf-8"))
        spans = [make_span(text, f"s{i}", "ACTOR", text.index(n), text.index(n) + len(n), attrs={"type": "organisation"})
                 for i, n in enumerate(("Vlurnia", "Ostrevia"), 1)]
        ann = Annotation(f"d{k}", Document(f"d{k}", text).sha256, len(text), "gold", "done", "2026-01-01T00:00:00Z",
                         spans, [])
        atomic_write(tmp_path / "annotations" / f"d{k}" / "gold.yaml", dumps(ann).encode("utf-8"))
    pipeline.use(NAME, _blank([{"label": "GPE", "pattern": n} for n in ("Vlurnia", "Ostrevia", "Brastovia")]))
    _yaml(tmp_path, NAME)
    sg = Suggester.for_corpus(Corpus(tmp_path))
    text = "The deal, Brastovia hopes, will hold."  # no rule proposes the name here
    assert not [sp for sp in replace(sg, entities=None).suggest(text).spans if sp.label == "ACTOR"]
    s = sg.suggest(text)
    got = [(sp.text, sp.attrs.get("type"), s.sources[sp.id]) for sp in s.spans if sp.label == "ACTOR"]
    assert got in ([("Brastovia", None, "spacy")], [("Brastovia", "organisation", "spacy")])  # never "government"


_CHOSE = ["The", "party", "unanimously", "{v}", "{first}", "{last}", "as", "its", "nominee", "."]
_CHOSE_HEADS = [1, 3, 3, 3, 5, 3, 3, 8, 6, 3]
_CHOSE_DEPS = ["det", "nsubj", "advmod", "ROOT", "compound", "dobj", "prep", "poss", "pobj", "punct"]
_CHOSE_POS = ["DET", "NOUN", "ADV", "VERB", "PROPN", "PROPN", "ADP", "PRON", "NOUN", "PUNCT"]


def _chose(verb: str, first: str, last: str):
    """``The party unanimously <verb> <first> <last> as its nominee.`` parsed, the name the verb's object."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    words = [w.format(v=verb, first=first, last=last) for w in _CHOSE]
    spaces = [True] * len(words)
    spaces[-2] = spaces[-1] = False
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=_CHOSE_HEADS, deps=_CHOSE_DEPS,
               pos=_CHOSE_POS)


_NAMES = st.tuples(st.sampled_from(["Anna", "Peter", "Laura", "David", "Maria"]),
                   st.sampled_from(["Berg", "Novak", "Stone", "Kim", "Lopez"]))
_VERBS = st.sampled_from(["chose", "picked", "named", "backs", "endorsed"])


@settings(max_examples=40, deadline=None)
@given(name=_NAMES, verb=_VERBS)
def test_a_phrase_reads_its_parse_context_from_its_root_token(name, verb):
    from tui.suggest.entities import span_context, token_table

    doc = _chose(verb, *name)
    text, table = doc.text, token_table(doc)
    whole = f"{name[0]} {name[1]}"
    at = text.index(whole)
    assert span_context(table, at, at + len(whole)) == "dobj"  # the root is the surname, the verb's object
    assert span_context(table, 0, len("The party")) == "nsubj"
    assert span_context(table, text.index("nominee"), text.index("nominee") + 7) == "pobj:other"
    assert span_context(table, len(text), len(text)) is None


@settings(max_examples=40, deadline=None)
@given(name=_NAMES, verb=_VERBS)
def test_the_parse_decides_where_the_words_around_a_rules_actor_decide_nothing(name, verb):
    """``The party unanimously chose X as its nominee``: the words before X name no verb the
    rules know, so its context is "other" and the rules keep it; a parse showing it the verb's
    object lets a team that leaves objects out leave it out, and a team that tags objects keep it."""
    from tui.suggest.contexts import context
    from tui.suggest.entities import span_context, token_table
    from tui.suggest.selection import Selection, reporting_and_action_verbs

    doc = _chose(verb, *name)
    text, table = doc.text, token_table(doc)
    s = text.index(name[0])
    e = s + len(f"{name[0]} {name[1]}")
    verbs = reporting_and_action_verbs()
    if context(text, s, e, verbs) != "other":
        return  # a verb the rules know already decides ("endorsed": an -ed verb's object)
    leaves_objects = Selection({"object": [0, 3], "acts": [4, 0]}, verbs=verbs)
    tags_objects = Selection({"object": [3, 0], "acts": [4, 0]}, verbs=verbs)
    parsed = span_context(table, s, e)
    assert not leaves_objects.keeps(text, s, e, parsed) and tags_objects.keeps(text, s, e, parsed)
    assert leaves_objects.keeps(text, s, e)  # no pipeline: the rules' choice
    assert leaves_objects.keeps(text, s, e, "nsubj")  # a subject acts


def test_with_a_pipeline_named_an_object_the_team_leaves_out_is_no_longer_suggested(tmp_path):
    """End to end: a team that tags subjects and never the objects of verbs; a new text whose
    verb no rule knows (``chose``). Without the pipeline the name is suggested (the rules'
    choice), with it the parse shows an object and the team's habit leaves it out."""
    spacy = pytest.importorskip("spacy")
    from tui.suggest.learn import Suggester, retrain

    train = ("Maria Lopez visited John Carter on Monday. Peter Novak hired Anna Berg in May. "
             "David Kim arrested Laura Stone later.")
    make_corpus(tmp_path, {})
    _gold(tmp_path, "d0", train, ["Maria Lopez", "Peter Novak", "David Kim"])
    new = _chose("chose", "Sarah", "Quinn")
    blank = spacy.blank("en")
    pipeline.use(NAME, lambda text: new if text == new.text else blank(text))
    corpus = Corpus(tmp_path)
    retrain(corpus)
    suggested = {new.text[s.start:s.end] for s in Suggester.for_corpus(corpus).suggest(new.text).spans
                 if s.label == "ACTOR"}
    assert "Sarah Quinn" in suggested
    _yaml(tmp_path, NAME)
    corpus = Corpus(tmp_path)
    retrain(corpus)
    suggested = {new.text[s.start:s.end] for s in Suggester.for_corpus(corpus).suggest(new.text).spans
                 if s.label == "ACTOR"}
    assert "Sarah Quinn" not in suggested

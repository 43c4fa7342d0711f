"""WebAnno / INCEpTION TSV 3: INCEpTION's own test files import (span layers with features,
stacked and multi-token spans, relations with disambiguation ids, UTF-16 offsets after an
emoji; chains and unknown layers left out with a count), and margin -> TSV3 -> margin is
the identity."""

from __future__ import annotations

import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from tests.conftest import DATA
from tui import store
from tui.cli import main
from tui.corpus import Corpus

INC = DATA / "import" / "inception"
SCHEMA = """labels:
  PER: {key: p}
  ORG: {key: o}
  LOC: {key: l}
  OTH: {key: t}
  PERSON: {key: e}
  LOCATION: {key: c}
  Span: {key: s}
relations:
  nsubj: {from: [Span, PERSON], to: [Span, PERSON]}
"""


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "margin.yaml").write_text(SCHEMA, encoding="utf-8")
    return Corpus(tmp_path)


def imported(capsys, corpus, name, *argv, doc_id=None):
    code = main(["import", "--corpus", str(corpus.root), str(INC / f"{name}.tsv"), "--annotator", "u", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    name = doc_id or name
    doc = corpus.document(name)
    ann = store.load(corpus.annotation_path(name, "u"), corpus.schema, doc).annotation
    return doc, ann, err


def test_emoji_offsets_are_utf16_units(capsys, corpus):
    doc, ann, err = imported(capsys, corpus, "testSentenceWithEmoji")
    assert doc.text == "I like it 😊 ." and [(s.label, s.text) for s in ann.spans] == [("Span", "😊")]
    assert "offsets read as UTF-16 code units in 1 record(s)" in err and "added 1 document(s)" in err


def test_stacked_multi_token_spans_and_a_relation_with_disambiguation_ids(capsys, corpus):
    _, ann, _ = imported(capsys, corpus, "testMultiTokenStackedSpanWithFeatureValue")
    assert sorted((s.label, s.text) for s in ann.spans) == [("LOCATION", "This is a test ."),
                                                             ("PERSON", "This is a test .")]
    _, ann, _ = imported(capsys, corpus, "testSingleNonMultiTokenRelationWithMultipleFeatureValues", "--force",
                         doc_id="testMultiTokenStackedSpanWithFeatureValue")  # the same text: the same document
    by_id = {s.id: s.text for s in ann.spans}
    assert [(r.label, by_id[r.source], by_id[r.target]) for r in ann.relations] == [("nsubj", "This is", "a test")]


def test_cross_sentence_span(capsys, corpus):
    doc, ann, _ = imported(capsys, corpus, "testCrossSentenceSpanWithFeatureValue")
    assert doc.text == "He loves her .\nShe loves him not ."
    assert [(s.label, s.text) for s in ann.spans] == [("PERSON", doc.text)]


def test_unknown_layers_and_their_relations_are_left_out_and_counted(capsys, corpus):
    doc, ann, err = imported(capsys, corpus, "example2")
    assert {(s.label, s.text) for s in ann.spans} >= {("PER", "Ms. Haag"), ("ORG", "Rolls-Royce Motor"),
                                                       ("LOC", "Los Angeles")}
    assert "left out 86 span annotation(s) of layer POS" in err
    assert "left out 86 relation(s) of layer Dependency" in err


def test_chains_are_left_out_and_counted(capsys, corpus):
    code = main(["import", "--corpus", str(corpus.root), str(INC / "testSimpleChain.tsv"), "--annotator", "u"])
    out, err = capsys.readouterr()
    assert code == 1 or "chain annotation(s) of SimpleLink" in err


def test_margin_to_tsv3_to_margin_is_the_identity(capsys, corpus, tmp_path):
    text = "👍 Police said 1,440 people\r\nwere freed. Amnesty said: \"too late\".\n\nÉtat\u0301 agrees.\n"
    (corpus.seeds_dir / "d.txt").write_text(text, encoding="utf-8", newline="")
    src = tmp_path / "in.jsonl"
    import json
    at = {w: (text.index(w), text.index(w) + len(w)) for w in ("Amnesty", '"too late"', "État\u0301 agrees")}
    spans = [{"start": 2, "end": 8, "label": "PER"}, {"start": 14, "end": 26, "label": "OTH"},
             {"start": 4, "end": 10, "label": "ORG"},  # cuts two tokens: sub-tokens
             {"start": at["Amnesty"][0], "end": at["Amnesty"][1], "label": "PERSON"},
             {"start": at['"too late"'][0], "end": at['"too late"'][1], "label": "PERSON"},
             {"start": at["État\u0301 agrees"][0], "end": at["État\u0301 agrees"][1], "label": "LOC"}]
    src.write_text(json.dumps({"id": "d", "text": text, "spans": spans,
                               "relations": [{"label": "nsubj", "from": "s4", "to": "s5"}]}) + "\n", encoding="utf-8")
    assert main(["import", "--corpus", str(corpus.root), str(src), "--annotator", "u", "--format", "jsonl"]) == 0
    before = store.load(corpus.annotation_path("d", "u"), corpus.schema, corpus.document("d")).annotation
    assert main(["export", "--corpus", str(corpus.root), "--format", "webanno", "--out", str(tmp_path / "out")]) == 0
    shutil.rmtree(corpus.annotations_dir)
    capsys.readouterr()
    assert main(["import", "--corpus", str(corpus.root), str(tmp_path / "out"), "--annotator", "u"]) == 0, \
        capsys.readouterr().err
    after = store.load(corpus.annotation_path("d", "u"), corpus.schema, corpus.document("d")).annotation
    assert [(s.label, s.start, s.end) for s in after.spans] == [(s.label, s.start, s.end) for s in before.spans]
    assert [(r.label, r.source, r.target) for r in after.relations] == \
        [(r.label, r.source, r.target) for r in before.relations]
    assert sorted(p.name for p in corpus.seeds_dir.iterdir()) == ["d.txt"]  # matched, not added again


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n")),
       st.text(alphabet=st.characters(codec="utf-8")))
def test_escaping_is_undone_exactly(text, value):
    from tui.export.webanno import escape_text, escape_value
    from tui.importers.webanno import split_stack, unescape_text, unescape_value

    assert unescape_text(escape_text(text)) == text
    assert "\t" not in escape_value(value) and "\n" not in escape_value(value)
    assert [unescape_value(v) for v in split_stack(escape_value(value))] == [value]

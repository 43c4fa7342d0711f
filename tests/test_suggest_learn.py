"""The learned model: trained for every label of the schema (a custom one too), stored
with provenance, round-tripped, validated on load (stale / corrupt / other version: one
line, ignored), combined with the rules with a source and a confidence, its doubt, and
the `margin learn` / `margin suggest --explain` commands."""

from __future__ import annotations

import json
from dataclasses import replace
import subprocess
import sys

import pytest

from bench.learn import SCHEMA, _write, variant
from bench.learngen import article, gold
from tests.conftest import ROOT
from tests.test_suggest import run
from tui.review.agree import exact_matches
from tui.corpus import Corpus
from tui.suggest.learn import Suggester, least_sure_sentence, load_model, retrain, training
from tui.store.seal import seal
from tui.suggest.model.modelfile import FORMAT, META, PURPOSE, model_dir, read_meta, schema_hash
from tui.suggest import wanted_labels


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    """A corpus with a LOCATION label, 6 gold documents under other guidelines, a model."""
    root = tmp_path_factory.mktemp("learned")
    _write(root, list(range(6)), variant(), 30)
    corpus = Corpus(root)
    return corpus, retrain(corpus)


def _copy(learned, tmp_path):
    import shutil

    shutil.copytree(learned[0].root, tmp_path / "c")
    return Corpus(tmp_path / "c")


def f1(label, texts_golds, spans_of):
    m = a = b = 0
    for text, g in texts_golds:
        gs = [(s, e) for s, e, lab in g if lab == label]
        ps = [(s, e) for s, e, lab in spans_of(text) if lab == label]
        m, a, b = m + exact_matches(gs, ps), a + len(gs), b + len(ps)
    return 2 * m / (a + b)


def test_the_model_covers_every_label_and_records_its_provenance(learned):
    corpus, model = learned
    assert sorted(model.labels) == ["ACTOR", "CLAIM", "FIGURE", "LOCATION"]
    meta = read_meta(corpus.root)
    assert meta["format"] == FORMAT and meta["schema_sha256"] == schema_hash(corpus.schema)
    assert meta["source"] == "gold" and len(meta["trained_on"]) == 6
    first = meta["trained_on"][0]
    import hashlib

    assert hashlib.sha256((corpus.root / first["path"]).read_bytes()).hexdigest() == first["sha256"]
    assert meta["conventions"]["figure_counted_noun"] == "out" and meta["conventions"]["actor_title"] == "out"
    for lab, info in meta["labels"].items():
        data = (model_dir(corpus.root) / info["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"] and info["spans"] > 0
        assert info["policy"] in ("rules", "vetted", "model")
    assert meta["labels"]["LOCATION"]["policy"] == "model" and "cv_rules_f1" in meta["labels"]["ACTOR"]


def test_round_trip_gives_the_same_suggestions(learned):
    corpus, model = learned
    loaded, why = load_model(corpus)
    assert why is None and loaded.conventions == model.conventions and loaded.policy == model.policy
    text, _ = article(500, 30)
    assert loaded.predict(text) == model.predict(text)


def test_a_custom_label_the_rules_do_not_know_is_learned(learned):
    corpus, _ = learned
    sg = Suggester.for_corpus(corpus)
    held = [(t, gold(e, variant())) for t, e in (article(i, 30) for i in range(900, 904))]
    loc = f1("LOCATION", held, lambda t: [(s.start, s.end, s.label) for s in sg.suggest(t).spans])
    assert loc >= 0.6
    assert "LOCATION" in wanted_labels(["location"], corpus.schema, sg.model)
    with pytest.raises(Exception, match="run `margin learn`"):
        wanted_labels(["location"], corpus.schema)


def test_suggestions_carry_their_source_and_confidence(learned):
    corpus, _ = learned
    sg = Suggester.for_corpus(corpus)
    s = sg.suggest(article(501, 30)[0])
    assert set(s.sources) == {x.id for x in s.spans} and set(s.sources.values()) <= {"rules", "model"}
    assert {s.sources[x.id] for x in s.spans if x.label == "LOCATION"} == {"model"}
    assert all(x.source == "suggest" for x in s.spans)  # the file format's marker is unchanged
    conf = [c for c in s.confidence.values() if c is not None]
    assert conf and all(0.0 <= c <= 1.0 for c in conf)


def test_least_sure_sentence_skips_annotated_sentences_and_starts_after_the_offset(learned):
    corpus, model = learned
    text, _ = article(502, 30)
    doubts = model.doubt(text)
    assert all(0.0 <= d <= 1.0 for _, _, d in doubts)
    s, e = least_sure_sentence(text, model)
    assert (s, e, max(d for _, _, d in doubts)) in doubts
    after = least_sure_sentence(text, model, after_offset=e)
    assert after[0] >= e or all(x[0] < e for x in doubts)
    skipped = least_sure_sentence(text, model, annotated=[(s, s + 1)])
    assert skipped != (s, e)
    every = [(a, b) for a, b, _ in doubts]
    assert least_sure_sentence(text, model, annotated=every) is None
    assert least_sure_sentence(text, None) is None


@pytest.mark.parametrize("damage,message", [
    ("schema", "stale: the schema changed since it was trained; run `margin learn`"),
    ("checksum", "corrupt model file (checksum differs)"),
    ("json", "corrupt model (JSONDecodeError)"),
    ("format", "written by another version of margin"),
    ("clone", "not sealed by margin on this machine"),
    ("forged", "its seal does not match this machine's key"),
    ("missing", "cannot read"),
])
def test_a_stale_or_corrupt_model_is_reported_in_one_line_and_ignored(learned, tmp_path, capsys, damage, message):
    corpus = _copy(learned, tmp_path)
    d = model_dir(corpus.root)
    meta = read_meta(corpus.root)
    label_file = d / meta["labels"]["ACTOR"]["file"]
    if damage == "schema":
        (corpus.root / "margin.yaml").write_text(SCHEMA.replace("LOCATION: {key: b", "PLACE: {key: b"), encoding="utf-8")
        corpus = Corpus(corpus.root)
    elif damage == "checksum":
        label_file.write_bytes(label_file.read_bytes()[:100])
    elif damage == "json":  # margin's own file, damaged (sealed as if margin wrote it)
        (d / META).write_bytes(seal(PURPOSE, b'{"format": "margin-model/1", "labels": {'))
    elif damage == "format":
        (d / META).write_bytes(seal(PURPOSE, json.dumps({**meta, "format": "margin-model/9"}).encode()))
    elif damage == "clone":  # a model.json a cloned corpus ships: valid JSON, true sums, no seal
        (d / META).write_text(json.dumps(meta), encoding="utf-8")
    elif damage == "forged":  # a seal made with another machine's key
        data = (d / META).read_bytes()
        (d / META).write_bytes(data[:20] + (b"0" if data[20:21] != b"0" else b"1") + data[21:])
    else:
        label_file.unlink()
    model, why = load_model(corpus)
    assert model is None and message in why and "\n" not in why
    sg = Suggester.for_corpus(corpus)
    assert sg.model is None and sg.warnings == [why]
    assert sg.suggest(article(503, 10)[0]).spans  # the rules go on
    code, out, err = run(capsys, "suggest", "--corpus", str(corpus.root), "doc0000")
    assert code == 0 and out.startswith("doc0000: ")
    assert err.count("\n") == 1 and message in err and "(suggesting by rule only)" in err


def test_retraining_replaces_the_model_and_keeps_no_stray_files(learned, tmp_path):
    corpus = _copy(learned, tmp_path)
    before = read_meta(corpus.root)
    ann = corpus.root / "annotations" / "doc0005" / "gold.yaml"
    ann.unlink()
    model = retrain(corpus)
    meta = read_meta(corpus.root)
    assert len(meta["trained_on"]) == 5 and meta["created"] >= before["created"]
    files = {p.name for p in model_dir(corpus.root).iterdir()}
    wanted = {v["file"] for v in meta["labels"].values()} | {v["file"] for v in before["labels"].values()} | {META}
    assert files <= wanted and not [f for f in files if f.endswith(".tmp")]
    assert model.meta["trained_on"] == meta["trained_on"]


def test_retrain_isolated_trains_in_a_child_process(learned, tmp_path):
    corpus = _copy(learned, tmp_path)
    import shutil

    shutil.rmtree(model_dir(corpus.root))
    model = retrain(corpus, isolated=True)
    assert model is not None and sorted(model.labels) == ["ACTOR", "CLAIM", "FIGURE", "LOCATION"]
    assert load_model(corpus)[1] is None


def test_unfinished_files_teach_up_to_their_last_span_and_machine_files_teach_nothing(tmp_path):
    from tui.model import Annotation, Document, make_span
    from tui.store import atomic_write, dumps

    text, ents = article(7, 20)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "d.txt").write_text(text, encoding="utf-8")
    doc = Document("d", text)
    spans = [make_span(text, f"s{k}", lab, s, e) for k, (s, e, lab) in enumerate(gold(ents, variant())[:5], 1)
             if lab != "LOCATION"]
    for who in ("alice", "suggest"):
        ann = Annotation("d", doc.sha256, len(text), who, "in_progress", "2026-01-01T00:00:00Z", spans, [])
        atomic_write(tmp_path / "annotations" / "d" / f"{who}.yaml", dumps(ann).encode("utf-8"))
    data = training(Corpus(tmp_path))
    assert data.source == "every annotator" and len(data.examples) == 1
    assert data.files[0]["path"] == "annotations/d/alice.yaml"
    assert data.examples[0].upto == max(s.end for s in spans)
    assert data.notes == ["learned from 1 unfinished file(s) up to their last span (no file is finished yet): "
                          "annotations/d/alice.yaml"]


def test_once_a_file_is_finished_unfinished_ones_are_left_out_and_named(tmp_path, capsys):
    _write(tmp_path, [0, 1, 2], variant(), 10)
    path = tmp_path / "annotations" / "doc0001" / "gold.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: done", "status: in_progress"), encoding="utf-8")
    data = training(Corpus(tmp_path))
    assert sorted(f["path"] for f in data.files) == ["annotations/doc0000/gold.yaml", "annotations/doc0002/gold.yaml"]
    assert len(data.examples) == 2 and data.unfinished == ["annotations/doc0001/gold.yaml"]
    assert data.notes == ["left out 1 unfinished file(s) (mark them done, or `margin learn --unfinished`): "
                          "annotations/doc0001/gold.yaml"]
    asked = training(Corpus(tmp_path), unfinished=True)
    assert len(asked.files) == 3 and "(asked for (--unfinished))" in asked.notes[0]
    code, out, err = run(capsys, "learn", "--corpus", str(tmp_path))
    assert code == 0 and "left out 1 unfinished file(s)" in out
    assert any(ln.startswith("model: trained ") and "on 2 file(s) (gold)" in ln for ln in out.splitlines())
    code, out, _ = run(capsys, "suggest", "--corpus", str(tmp_path), "--explain")
    assert "changed since" not in out  # the file left out is not "new"


def test_margin_learn_and_explain(tmp_path, capsys):
    _write(tmp_path, [0, 1], variant(), 20)
    code, out, err = run(capsys, "learn", "--corpus", str(tmp_path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "conventions from 2 annotated document(s) (gold)"
    assert any(ln.startswith("  figure_counted_noun      out  inferred from ") for ln in lines)
    assert any(ln.startswith("model: trained ") and "on 2 file(s) (gold)" in ln for ln in lines)
    assert any(ln.startswith("  LOCATION   ") and ln.endswith("model first") for ln in lines)
    assert lines[-1].startswith("learned in ")
    assert any(ln.startswith("actor candidates the team tags, by context (from ") for ln in lines)
    assert any(ln.startswith("  acts         tagged ") for ln in lines)
    code, out, err = run(capsys, "suggest", "--corpus", str(tmp_path), "--explain")
    assert code == 0 and "model: trained" in out and "changed since" not in out
    assert "\n  acts         tagged " in out  # the selection saved with the model
    (tmp_path / "annotations" / "doc0001" / "gold.yaml").unlink()
    code, out, _ = run(capsys, "suggest", "--corpus", str(tmp_path), "--explain")
    assert "annotations changed since: 1 file(s) edited or gone, 0 new (run `margin learn` to retrain)" in out
    code, out, _ = run(capsys, "suggest", "--corpus", str(tmp_path), "--labels", "LOCATION", "doc0000")
    assert code == 0 and out.splitlines()[0].endswith("LOCATION), 0 relation(s)")
    assert all(" model " in ln for ln in out.splitlines()[1:])


def test_margin_learn_with_nothing_to_learn_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    code, out, err = run(capsys, "learn", "--corpus", str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "nothing to learn from" in err
    assert not model_dir(tmp_path).exists()


def test_without_python_crfsuite_learning_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    _write(tmp_path, [0], variant(), 10)
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)
    code, out, err = run(capsys, "learn", "--corpus", str(tmp_path))
    assert code == 1 and err.strip() == "margin: the learned model needs python-crfsuite: pip install python-crfsuite"


def test_learning_imports_no_textual():
    code = ("import sys, tui.suggest.learn, tui.suggest.conventions, tui.commands.learn; "
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_each_document_teaches_its_gold_if_it_has_one_else_everyones(tmp_path):
    import shutil

    _write(tmp_path, [0, 1], variant(), 10)
    shutil.copy(tmp_path / "annotations" / "doc0001" / "gold.yaml", tmp_path / "alice.yaml")
    (tmp_path / "annotations" / "doc0001" / "gold.yaml").unlink()
    text = (tmp_path / "alice.yaml").read_text(encoding="utf-8").replace("annotator: gold", "annotator: alice")
    (tmp_path / "annotations" / "doc0001" / "alice.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "annotations" / "doc0000" / "bob.yaml").write_text(
        (tmp_path / "annotations" / "doc0000" / "gold.yaml").read_text(encoding="utf-8")
        .replace("annotator: gold", "annotator: bob"), encoding="utf-8")
    data = training(Corpus(tmp_path))
    assert data.source == "gold, else every annotator" and data.problems == []
    assert sorted(f["path"] for f in data.files) == ["annotations/doc0000/gold.yaml", "annotations/doc0001/alice.yaml"]
    only = training(Corpus(tmp_path), ["bob"])
    assert [f["path"] for f in only.files] == ["annotations/doc0000/bob.yaml"] and only.source == "bob"


def test_a_model_span_recutting_a_rule_figure_keeps_its_value():
    from tui.suggest.model.crf import Model

    class Stub(Model):
        def predict(self, text, labels=None, found=None, score=None):
            return [(0, 5, "FIGURE", 0.9), (20, 25, "FIGURE", 0.8)], {}

    m = Stub({}, policy={"FIGURE": "model"})
    raw = [(0, 12, "FIGURE", {"value": 1440, "unit": "nationals"}, "rules"), (30, 34, "FIGURE", {"value": 2}, "rules")]
    out, scores = m.combine("x" * 40, ["FIGURE"], {}, raw)
    assert sorted(out, key=lambda r: r[0]) == [(0, 5, "FIGURE", {"value": 1440, "unit": "nationals"}, "model"),
                                               (20, 25, "FIGURE", {}, "model")]
    assert scores == {(0, 5, "FIGURE"): 0.9, (20, 25, "FIGURE"): 0.8}
    m.policy = {"FIGURE": "rules"}
    out, _ = m.combine("x" * 40, ["FIGURE"], {}, raw)
    assert sorted(r[:2] + (r[4],) for r in out) == [(0, 12, "rules"), (20, 25, "model"), (30, 34, "rules")]


def test_with_a_model_the_conventions_are_those_it_was_trained_with_and_pins_still_win(learned, tmp_path, capsys):
    corpus = _copy(learned, tmp_path)
    for p in (corpus.root / "annotations").glob("*/gold.yaml"):
        p.unlink()  # the annotations are gone: the model still knows the team's conventions
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus.root), "--explain")
    assert out.splitlines()[0].startswith("conventions from 6 annotated document(s) (gold, as when the model was trained ")
    assert "  figure_counted_noun      out  inferred from " in out
    sg = Suggester.for_corpus(corpus)
    # no example shows a unit of measure: it follows the counted noun (conventions.KIN)
    assert sg.guidelines.conventions == sg.model.conventions == replace(variant(), figure_unit=False)
    (corpus.root / "margin.yaml").write_text(SCHEMA + "suggest:\n  conventions: {figure_counted_noun: in}\n",
                                             encoding="utf-8")
    sg = Suggester.for_corpus(Corpus(corpus.root))
    assert sg.model is not None and sg.guidelines.conventions.figure_counted_noun is True
    assert sg.guidelines.findings["figure_counted_noun"].source == "pinned"


def test_suggest_then_least_sure_reuses_the_texts_analysis(learned):
    corpus, _ = learned
    sg = Suggester.for_corpus(corpus)
    text, _ = article(504, 12)
    sg.suggest(text)
    first = sg.model.analyse(text)
    sg.least_sure_sentence(text)
    assert sg.model.analyse(text) is first
    sg.model.forget()
    assert sg.model.analyse(text) is not first


def test_a_model_taught_too_few_spans_never_overrules_the_rules():
    """With one document the folds are its halves: a model that learned from three claims
    may win the other half by dropping the rules' claims there; it is not trusted to."""
    from tui.suggest.model.crf import Example
    from tui.suggest.model.policy import _choose, _taught

    want = {((0, 0), 0, 5, "CLAIM"), ((0, 1), 0, 5, "CLAIM")}  # two documents of one fold, same offsets
    got = {"rules": want | {((0, 0), 9, 12, "CLAIM")}, "vetted": set(want), "model": set()}
    assert _choose(want, got, trusted=False)["policy"] == "rules"
    chosen = _choose(want, got, trusted=True)
    assert chosen["policy"] == "vetted" and chosen["cv_vetted_f1"] == 1.0 and chosen["cv_rules_f1"] == 0.8
    text = "a b c d e f g h i j"
    ex = Example(text, [(2 * i, 2 * i + 1, "CLAIM") for i in range(10)], upto=12, since=2)
    assert _taught([ex], "CLAIM") == 5 and _taught([ex], "ACTOR") == 0

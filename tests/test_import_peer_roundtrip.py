"""margin -> X -> margin through the peer formats margin exports (Label Studio, Prodigy,
doccano in both shapes, spaCy) and, in a file of several annotators, ``--annotator NAME``
taking NAME's records. What each format cannot hold is the documented loss (docs/import.md)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import DATA, SEED
from tui import store
from tui.cli import main
from tui.corpus import Corpus
from tui.export import export


def load(corpus, name):
    return store.load(corpus.annotation_path(SEED, name), corpus.schema, corpus.document(SEED)).annotation


def rels(ann):
    by_id = {s.id: s.key for s in ann.spans}
    return {(r.label, by_id[r.source], by_id[r.target]) for r in ann.relations}


def spans(ann, attrs=True, ids=True):
    return {(s.id if ids else None, s.key, tuple(sorted(s.attrs.items())) if attrs else (), s.note if attrs else None)
            for s in ann.spans}


@pytest.mark.parametrize("fmt, options, keeps", [
    ("labelstudio", {"predictions": False}, "all"),
    ("prodigy", {}, "all"),
    ("doccano", {"doccano_shape": "entities"}, "ids+relations"),
    ("doccano", {}, "spans"),
    ("spacy", {}, "all"),
])
def test_round_trip(capsys, corpus, alice_file, fmt, options, keeps):
    out = corpus.root / "x"
    export(corpus, fmt, out, options=options)
    assert main(["import", "--corpus", str(corpus.root), str(out), "--annotator", "back"]) == 0, capsys.readouterr()
    a, b = load(corpus, "alice"), load(corpus, "back")
    if keeps == "all":
        assert spans(a) == spans(b) and rels(a) == rels(b)
    elif keeps == "ids+relations":  # doccano has no attributes or notes
        assert spans(a, attrs=False) == spans(b, attrs=False) and rels(a) == rels(b)
        assert {s.id: s for s in b.spans}.keys() == {s.id for s in a.spans}
    else:  # doccano's label shape: spans only
        assert spans(a, attrs=False, ids=False) == spans(b, attrs=False, ids=False) and not b.relations


@pytest.mark.parametrize("fmt", ["labelstudio", "prodigy", "doccano", "jsonl"])
def test_a_file_of_several_annotators_gives_the_named_ones_records(capsys, corpus_dir, alice_file, fmt):
    bob = alice_file.with_name("bob.yaml")
    bob.write_text(alice_file.read_text(encoding="utf-8").replace("annotator: alice", "annotator: bob")
                   .replace("type: government", "type: person"), encoding="utf-8")
    c = Corpus(corpus_dir)
    out = corpus_dir / "x"
    export(c, fmt, out, annotators="all", options={"predictions": False})
    assert main(["import", "--corpus", str(corpus_dir), str(out), "--annotator", "bob", "--force"]) == 0
    err = capsys.readouterr().err
    assert "imported bob's records only (the file also has alice)" in err or fmt == "labelstudio"
    assert "person" in {s.attrs.get("type") for s in load(c, "bob").spans} or fmt == "doccano"
    assert main(["import", "--corpus", str(corpus_dir), str(out), "--annotator", "carol"]) == 1
    assert "--annotator NAME imports NAME's" in capsys.readouterr().err


def test_label_studio_per_region_choices_number_and_textarea(capsys, tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(DATA / "import" / "raids.txt", tmp_path / "seeds")
    text = (DATA / "import" / "raids.txt").read_text(encoding="utf-8").replace("\n", "\\n")
    region = '"value": {"start": 12, "end": 24, "text": "1,440 people"'
    (tmp_path / "ls.json").write_text(
        '[{"data": {"text": "' + text + '"}, "annotations": [{"result": ['
        '{"id": "f1", "type": "labels", "from_name": "label", "to_name": "text", ' + region + ', "labels": ["FIGURE"]}},'
        '{"id": "f1", "type": "number", "from_name": "FIGURE_value", "to_name": "text", ' + region + ', "number": 1440}},'
        '{"id": "f1", "type": "choices", "from_name": "qualifier", "to_name": "text", ' + region + ', "choices": ["exact"]}},'
        '{"id": "f1", "type": "textarea", "from_name": "FIGURE_unit", "to_name": "text", ' + region + ', "text": ["people"]}},'
        '{"id": "f1", "type": "textarea", "from_name": "comment", "to_name": "text", ' + region + ', "text": ["check"]}}'
        ']}]}]', encoding="utf-8")
    assert main(["import", "--corpus", str(tmp_path), str(tmp_path / "ls.json"), "--annotator", "t"]) == 0
    c = Corpus(tmp_path)
    s, = store.load(c.annotation_path("raids", "t"), c.schema, c.document("raids")).annotation.spans
    assert (s.id, s.attrs, s.note) == ("f1", {"value": 1440, "qualifier": "exact", "unit": "people"}, "check")

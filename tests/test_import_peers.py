"""Files written in each peer tool's own documented shape import with the right spans and
relations (tests/data/import/, hand-written from doccano's, Label Studio's, Prodigy's,
CoNLL-2003's and label-studio-converter's documentation; the spaCy DocBin is built with
spaCy's own API), with ``--format auto`` telling each format apart."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import DATA
from tui import store
from tui.cli import main
from tui.corpus import Corpus

IMPORT = DATA / "import"
RAIDS = {("ACTOR", "Police"), ("FIGURE", "1,440 people"), ("ACTOR", "Amnesty International"),
         ("CLAIM", "the raids came too late")}
MINISTRY = {("ACTOR", "The ministry"), ("FIGURE", "300 workers")}
CLAIM_BY_AMNESTY = {("attributed_to", "the raids came too late", "Amnesty International")}


@pytest.fixture
def peers(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name in ("raids", "ministry"):
        shutil.copy(IMPORT / f"{name}.txt", tmp_path / "seeds")
    return Corpus(tmp_path)


def imported(capsys, corpus, src, *argv, fmt="auto"):
    code = main(["import", "--corpus", str(corpus.root), "--format", fmt, str(src), "--annotator", "t", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    got = {}
    for path in sorted(corpus.annotations_dir.glob("*/t.yaml")):
        doc = corpus.document(path.parent.name)
        ann = store.load(path, corpus.schema, doc).annotation
        by_id = {s.id: s.text for s in ann.spans}
        got[doc.id] = ({(s.label, s.text) for s in ann.spans},
                       {(r.label, by_id[r.source], by_id[r.target]) for r in ann.relations}, ann)
    return got, out, err


def test_doccano_sequence_labelling(capsys, peers):
    got, out, _ = imported(capsys, peers, IMPORT / "doccano_seq.jsonl", "--map", "ORG=ACTOR")
    assert got["raids"][:2] == (RAIDS, set()) and got["ministry"][:2] == (MINISTRY, set())
    assert "imported 2 document(s) as t: 6 span(s), 0 relation(s)" in out


def test_doccano_entities_and_relations_with_integer_ids(capsys, peers):
    got, _, _ = imported(capsys, peers, IMPORT / "doccano_rel.jsonl")
    assert got["raids"][:2] == (RAIDS, CLAIM_BY_AMNESTY)
    assert [s.id for s in got["raids"][2].spans] == ["s1", "s2", "s3", "s4"]


def test_label_studio_json_annotations_predictions_relations_and_notes(capsys, peers):
    got, _, _ = imported(capsys, peers, IMPORT / "labelstudio.json")
    assert got["raids"][:2] == (RAIDS, CLAIM_BY_AMNESTY)  # direction "left": from the claim
    assert {s.note for s in got["raids"][2].spans} == {None, "check the date"}
    assert got["ministry"][:2] == (MINISTRY, set())  # the task had only a prediction


def test_label_studio_json_min_and_jsonl(capsys, peers):
    got, _, _ = imported(capsys, peers, IMPORT / "labelstudio_min.json")
    assert got["raids"][0] == RAIDS - {("CLAIM", "the raids came too late")}
    got, _, _ = imported(capsys, peers, IMPORT / "labelstudio.jsonl")
    assert got["ministry"][:2] == ({("ACTOR", "The ministry"), ("CLAIM", "300 workers were sent home")},
                                   {("attributed_to", "300 workers were sent home", "The ministry")})


def test_label_studio_utf16_offsets(capsys, peers, tmp_path):
    text = "👍 Police said 1,440 people were freed.\n"
    (peers.seeds_dir / "emoji.txt").write_text(text, encoding="utf-8")
    src = tmp_path / "ls.json"
    src.write_text('[{"data": {"text": "' + text.replace("\n", "\\n") + '"}, "annotations": [{"result": ['
                   '{"id": "a", "type": "labels", "from_name": "l", "to_name": "text", '
                   '"value": {"start": 3, "end": 9, "text": "Police", "labels": ["ACTOR"]}}]}]}]', encoding="utf-8")
    got, _, _ = imported(capsys, peers, src)
    assert got["emoji"][0] == {("ACTOR", "Police")} and got["emoji"][2].spans[0].start == 2


def test_prodigy_accepts_only_accept_and_reads_token_spans_and_relations(capsys, peers):
    got, out, err = imported(capsys, peers, IMPORT / "prodigy.jsonl")
    assert set(got) == {"raids"} and got["raids"][:2] == (RAIDS, CLAIM_BY_AMNESTY)
    assert "skipped 1 record(s) answered 'reject'" in err and "skipped 1 record(s) answered 'ignore'" in err


@pytest.mark.parametrize("name", ["conll2003.txt", "bioes.conll"])
def test_conll_of_another_tokenizer_aligned_by_characters(capsys, peers, name):
    got, _, _ = imported(capsys, peers, IMPORT / name)
    assert got["raids"][0] == RAIDS
    if name == "conll2003.txt":  # IOB1, four columns, two -DOCSTART- documents
        assert got["ministry"][0] == MINISTRY


def test_label_studio_converter_conll(capsys, peers):
    got, _, _ = imported(capsys, peers, IMPORT / "ls_converter.conll")
    assert got["ministry"][0] == MINISTRY  # 'home.' is one token there: still aligned


def test_spacy_docbin_spans_groups_and_ents(capsys, peers, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    db = DocBin()
    doc = nlp((IMPORT / "raids.txt").read_text(encoding="utf-8"))
    doc.ents = [doc.char_span(0, 6, "ACTOR"), doc.char_span(68, 89, "ACTOR")]
    doc.spans["sc"] = [doc.char_span(12, 24, "FIGURE"), doc.char_span(95, 118, "CLAIM"), doc.char_span(0, 6, "ACTOR")]
    db.add(doc)
    db.to_disk(tmp_path / "train.spacy")
    got, _, _ = imported(capsys, peers, tmp_path / "train.spacy")
    assert got["raids"][0] == RAIDS and len(got["raids"][2].spans) == 4  # Police once, not twice
    (tmp_path / "train.spacy").rename(tmp_path / "train.bin")  # told apart by its bytes too
    got, _, _ = imported(capsys, peers, tmp_path / "train.bin", "--force")
    assert got["raids"][0] == RAIDS


def test_margin_spacy_export_round_trip_keeps_everything(capsys, corpus_dir, alice_file):
    pytest.importorskip("spacy")
    assert main(["export", "--corpus", str(corpus_dir), "--format", "spacy", "--out", str(corpus_dir / "x")]) == 0
    capsys.readouterr()
    src = next((corpus_dir / "x").rglob("*.spacy"))
    c = Corpus(corpus_dir)
    assert main(["import", "--corpus", str(corpus_dir), str(src), "--annotator", "bob"]) == 0
    seed = alice_file.parent.name
    a = store.load(alice_file, c.schema, c.document(seed)).annotation
    b = store.load(alice_file.with_name("bob.yaml"), c.schema, c.document(seed)).annotation
    assert (a.spans, a.relations) == (b.spans, b.relations)


def test_spacy_missing_is_one_line(capsys, peers, tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_spacy(name, *a, **kw):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(name)
        return real(name, *a, **kw)

    (tmp_path / "x.spacy").write_bytes(b"\x78\x9c")
    monkeypatch.setattr(builtins, "__import__", no_spacy)
    code = main(["import", "--corpus", str(peers.root), str(tmp_path / "x.spacy"), "--annotator", "t"])
    assert code == 1
    assert capsys.readouterr().err == "margin: importing .spacy files needs spaCy: pip install 'margin[spacy]'\n"


def test_conll_comments_and_a_doc_id_choose_among_equal_texts(capsys, peers, tmp_path):
    shutil.copy(peers.seeds_dir / "ministry.txt", peers.seeds_dir / "ministry-2.txt")
    src = tmp_path / "x.conll"
    src.write_text("# doc_id = ministry-2\n# text = The ministry said...\nThe B-ACTOR\nministry I-ACTOR\nsaid O\n"
                   "300 B-FIGURE\nworkers I-FIGURE\nwere O\nsent O\nhome O\n. O\n", encoding="utf-8")
    got, _, _ = imported(capsys, peers, src)
    assert set(got) == {"ministry-2"} and got["ministry-2"][0] == MINISTRY

"""The peers' own files (tests/data/import/peers/, SOURCES.md says where each comes from)
imported into a new corpus as a person moving a project would: `margin import` alone adds
the articles and writes the annotations, or says precisely why not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA
from tui import store
from tui.cli import main
from tui.corpus import Corpus

PEERS = DATA / "import" / "peers"


def new_corpus(tmp_path, labels: list[str], relations: dict | None = None) -> Corpus:
    root = tmp_path / "corpus"
    root.mkdir(parents=True)
    keys = iter("abcdefghijklmnopqrstuvwxyz")
    lines = ["labels:"] + [f"  {lab}: {{key: {next(keys)}}}" for lab in labels]
    if relations:
        lines.append("relations:")
        lines += [f"  {name}: {{from: [{a}], to: [{b}]}}" for name, (a, b) in relations.items()]
    (root / "margin.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Corpus(root)


def run(capsys, corpus, src, *argv):
    code = main(["import", "--corpus", str(corpus.root), str(src), "--annotator", "u", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def read_annotations(corpus) -> dict:
    got = {}
    for doc_id in corpus.doc_ids():
        path = corpus.annotation_path(doc_id, "u")
        if path.exists():
            ann = store.load(path, corpus.schema, corpus.document(doc_id)).annotation
            by_id = {s.id: s.text for s in ann.spans}
            got[doc_id] = ([(s.label, s.text) for s in ann.spans],
                           sorted((r.label, by_id[r.source], by_id[r.target]) for r in ann.relations))
    return got


def test_doccano_pretty_printed_export_is_a_whole_migration(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["ORG", "DATE", "PERSON"], {"foundedAt": ("ORG", "DATE"),
                                                                "foundedBy": ("ORG", "PERSON")})
    code, out, err = run(capsys, corpus, PEERS / "doccano" / "relation_extraction_export.jsonl")
    assert code == 0, err
    assert "added 1 document(s)" in err and "imported 1 document(s) as u: 4 span(s), 3 relation(s)" in out
    (spans, rels), = read_annotations(corpus).values()
    assert spans == [("ORG", "Google"), ("DATE", "September 4, 1998"), ("PERSON", "Larry Page"),
                     ("PERSON", "Sergey Brin")]
    assert rels == [("foundedAt", "Google", "September 4, 1998"), ("foundedBy", "Google", "Larry Page"),
                    ("foundedBy", "Google", "Sergey Brin")]


def test_map_to_nothing_drops_a_relation_type(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["ORG", "DATE", "PERSON"], {"founded-by": ("ORG", "PERSON")})  # '-' in a name
    code, out, err = run(capsys, corpus, PEERS / "doccano" / "relation_extraction_export.jsonl",
                         "--map", "foundedAt=", "--map", "foundedBy=founded-by")
    assert code == 0, err and "left out 1 span(s) or relation(s) 'foundedAt' (--map foundedAt=)" in err
    (_, rels), = read_annotations(corpus).values()
    assert rels == [("founded-by", "Google", "Larry Page"), ("founded-by", "Google", "Sergey Brin")]


def test_doccano_named_columns(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["ORG", "PERSON"])
    src = PEERS / "doccano" / "sequence_labeling_columns.jsonl"
    code, _, err = run(capsys, corpus, src, "--format", "doccano")
    assert code == 1 and "expected doccano's shape" in err
    code, out, err = run(capsys, corpus, src, "--column-data", "column_data", "--column-label", "column_label")
    assert code == 0, err and "added 3 document(s)" in err
    assert sorted(read_annotations(corpus).values()) == [([("ORG", "EU")], []), ([("PERSON", "Obama")], []),
                                                    ([("PERSON", "Peter Blackburn")], [])]


def test_doccano_sequence_labelling_export(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["ORG", "MISC", "PERSON"])
    code, out, err = run(capsys, corpus, PEERS / "doccano" / "sequence_labeling_export.jsonl")
    assert code == 0, err and "imported 3 document(s) as u: 4 span(s)" in out
    assert sorted(corpus.doc_ids()) == ["sequence_labeling_export-1", "sequence_labeling_export-2",
                                        "sequence_labeling_export-3"]


def test_label_studio_task_as_one_object(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["Date"])
    code, out, err = run(capsys, corpus, PEERS / "labelstudio" / "named_entity_annotations_1.json")
    assert code == 0, err
    assert list(read_annotations(corpus).values()) == [([("Date", "February 22")], [])]


def test_label_studio_before_1_0_completions_are_read_and_a_wrong_offset_named(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["Date"])
    code, _, err = run(capsys, corpus, PEERS / "labelstudio" / "named_entity_completions_1.json")
    # Label Studio's own 0.x example ends the region one character early
    assert code == 1 and "span text 'February 22' does not match the document, which has 'February 2'" in err
    assert not corpus.seeds_dir.exists() or not any(corpus.seeds_dir.iterdir())  # nothing added either


def test_prodigy_records_and_a_repeated_task(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["FASHION_BRAND"])
    lines = (PEERS / "prodigy" / "fashion_brands_training.head.jsonl").read_text(encoding="utf-8").splitlines()
    src = tmp_path / "db-out.jsonl"
    src.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # a re-served task saved twice
    code, out, err = run(capsys, corpus, src)
    assert code == 0, err
    assert "skipped 1 record(s) repeating a task before them (same _task_hash and annotator)" in err
    assert sorted(read_annotations(corpus).values()) == [([], []), ([("FASHION_BRAND", "SLP")], [])]


def test_brat_events_and_equivalences_are_left_out_and_counted(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["Protein", "Entity"])
    src = tmp_path / "brat"
    shutil.copytree(PEERS / "brat", src)
    code, out, err = run(capsys, corpus, src)
    assert code == 0, err
    assert "PMID-10364260.ann: left out 5 event(s)" in err and "PMID-10233888.ann: left out 3 equivalence(s)" in err
    got = read_annotations(corpus)
    assert [t for _, t in got["PMID-10364260"][0]] == ["REF-1"] * 5  # the triggers went with their events
    assert len(got["PMID-10233888"][0]) == 38


@pytest.mark.parametrize("name", ["conll_ner_mixed_columns.conll", "ner-token-per-line.iob"])
def test_spacy_conll_as_spacy_convert_reads_it(capsys, tmp_path, name):
    corpus = new_corpus(tmp_path, ["GPE", "PERSON", "ORG", "DATE", "NORP"])
    corpus.seeds_dir.mkdir()
    if name.startswith("conll"):  # five sentences of 2, 2, 3, 4 and 4 columns, one -DOCSTART-
        (corpus.seeds_dir / "london.txt").write_text("I like London and New York City.\n" * 5, encoding="utf-8")
    else:
        tokens = [line.split("\t")[0] for line in (PEERS / "spacy" / name).read_text(encoding="utf-8").splitlines()]
        (corpus.seeds_dir / "london.txt").write_text(" ".join(tokens) + "\n", encoding="utf-8")
    code, out, err = run(capsys, corpus, PEERS / "spacy" / name, "--format", "conll")
    assert code == 0, err
    (spans, _), = read_annotations(corpus).values()
    if name.startswith("conll"):
        assert spans == [("GPE", "London"), ("GPE", "New York City")] * 5
    else:
        assert ("PERSON", "Sebastian Thrun") in spans and ("DATE", "earlier this week") in spans


def test_label_studio_conll_of_a_project_is_split_into_its_tasks(capsys, tmp_path):
    corpus = new_corpus(tmp_path, ["ACTOR", "FIGURE"])
    corpus.seeds_dir.mkdir()
    for name in ("raids", "ministry"):
        shutil.copy(DATA / "import" / f"{name}.txt", corpus.seeds_dir)
    one = (DATA / "import" / "ls_converter.conll").read_text(encoding="utf-8")
    body = one.split("\n", 1)[1].strip("\n")  # label-studio-converter: one -DOCSTART- for all tasks
    raids = "\n".join(f"{w} -X- _ {t}" for w, t in (("Police", "B-ACTOR"), ("said", "O"), ("1,440", "B-FIGURE"),
                                                     ("people", "I-FIGURE"), ("were", "O"), ("freed", "O"),
                                                     ("from", "O"), ("scam", "O"), ("compounds", "O"), ("in", "O"),
                                                     ("Myanmar.", "O"), ("Amnesty", "B-ACTOR"),
                                                     ("International", "I-ACTOR"), ("said", "O"), ("the", "O"),
                                                     ("raids", "O"), ("came", "O"), ("too", "O"), ("late.", "O")))
    src = tmp_path / "project.conll"
    src.write_text(f"-DOCSTART- -X- O\n\n{raids}\n\n{body}\n", encoding="utf-8")
    code, out, err = run(capsys, corpus, src)
    assert code == 0, err and "imported 2 document(s)" in out
    got = read_annotations(corpus)
    assert got["raids"][0] == [("ACTOR", "Police"), ("FIGURE", "1,440 people"), ("ACTOR", "Amnesty International")]
    assert got["ministry"][0] == [("ACTOR", "The ministry"), ("FIGURE", "300 workers")]


def _exported(capsys, corpus, fmt, tmp_path, *argv) -> Path:
    out = tmp_path / f"out-{fmt}"
    assert main(["export", "--corpus", str(corpus.root), "--format", fmt, "--annotator", "u", "--out", str(out),
                 *argv]) == 0
    capsys.readouterr()
    return out


def test_peer_to_margin_to_peer_keeps_what_the_peer_had(capsys, tmp_path):
    """The other way round: each peer's own file, imported and exported in its format again,
    holds the same spans and relations in that format's own terms."""
    import json

    corpus = new_corpus(tmp_path / "doccano", ["ORG", "DATE", "PERSON"],
                        {"foundedAt": ("ORG", "DATE"), "foundedBy": ("ORG", "PERSON")})
    src = PEERS / "doccano" / "relation_extraction_export.jsonl"
    assert run(capsys, corpus, src)[0] == 0

    def doccano(obj):
        ents = {e["id"]: (e["label"], e["start_offset"], e["end_offset"]) for e in obj["entities"]}
        return sorted(ents.values()), sorted((r["type"], ents[r["from_id"]], ents[r["to_id"]])
                                             for r in obj["relations"])

    out = _exported(capsys, corpus, "doccano", tmp_path, "--doccano-shape", "entities")
    assert doccano(json.loads((out / "data.jsonl").read_text())) == doccano(json.loads(src.read_text()))

    corpus = new_corpus(tmp_path / "ls", ["Date"])
    src = PEERS / "labelstudio" / "named_entity_annotations_1.json"
    assert run(capsys, corpus, src)[0] == 0
    out = _exported(capsys, corpus, "labelstudio", tmp_path, "--no-predictions")
    regions = [r["value"] for r in json.loads((out / "data.json").read_text())[0]["annotations"][0]["result"]]
    original = [r["value"] for r in json.loads(src.read_text())["annotations"][0]["result"]]
    assert regions == original  # start, end, text, labels

    corpus = new_corpus(tmp_path / "prodigy", ["FASHION_BRAND"])
    src = PEERS / "prodigy" / "fashion_brands_training.head.jsonl"
    assert run(capsys, corpus, src)[0] == 0
    out = _exported(capsys, corpus, "prodigy", tmp_path)

    def prodigy(lines):  # the spans, and that their token indexes point at their own tokens
        records = list(map(json.loads, lines))
        assert all(r["tokens"][s["token_start"]]["start"] == s["start"] and
                   r["tokens"][s["token_end"]]["end"] == s["end"] for r in records for s in r["spans"])
        return sorted((r["text"], tuple((s["start"], s["end"], s["label"]) for s in r["spans"])) for r in records)

    # (margin and spaCy tokenize "haven’t" differently: the token indexes differ, the offsets do not)
    assert prodigy((out / "data.jsonl").read_text().splitlines()) == prodigy(src.read_text().splitlines())

    corpus = new_corpus(tmp_path / "brat", ["Protein", "Entity"])
    assert run(capsys, corpus, PEERS / "brat")[0] == 0
    out = _exported(capsys, corpus, "brat", tmp_path)

    def brat(path):
        return sorted(tuple(line.split("\t")[1:]) for line in path.read_text().splitlines()
                      if line.startswith("T") and line.split("\t")[1].split(" ")[0] in ("Protein", "Entity"))

    assert brat(out / "u" / "PMID-10233888.ann") == brat(PEERS / "brat" / "PMID-10233888.ann")
    events = {line.split("\t")[1].split(" ")[0].partition(":")[2] for line in
              (PEERS / "brat" / "PMID-10364260.ann").read_text().splitlines() if line.startswith("E")}
    kept = [t for t in (PEERS / "brat" / "PMID-10364260.ann").read_text().splitlines()
            if t.startswith("T") and t.split("\t")[0] not in events]
    assert brat(out / "u" / "PMID-10364260.ann") == sorted(tuple(t.split("\t")[1:]) for t in kept)

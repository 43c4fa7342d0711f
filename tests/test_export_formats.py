"""The exports for other annotation tools: Label Studio, doccano, Prodigy, and the Hugging
Face token-classification layout. A golden file each, and each read the way its consumer
reads it (datasets for HF, spaCy for Prodigy's tokens, the labeling config for Label Studio)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import SEED
from tests.helpers import golden
from tui import store
from tui.corpus import Corpus
from tui.export import export, export_file



@pytest.fixture
def seed(corpus_dir, alice_file):
    corpus = Corpus(corpus_dir)
    doc = corpus.document(SEED)
    return corpus, doc, store.load(alice_file, corpus.schema, doc).annotation


@pytest.mark.parametrize("fmt, options, name", [
    ("labelstudio", {"predictions": False}, "seed.labelstudio.json"),
    ("doccano", {}, "seed.doccano.jsonl"),
    ("doccano", {"doccano_shape": "entities"}, "seed.doccano_entities.jsonl"),
    ("prodigy", {}, "seed.prodigy.jsonl"),
    ("hf", {}, "seed.hf.jsonl"),
])
def test_golden(seed, tmp_path, fmt, options, name):
    corpus, _, _ = seed
    res = export(corpus, fmt, tmp_path / "out", options=options)
    (data,) = [f for f in res.files if f not in ("dataset_card.md", "README.md")]
    golden(name, (tmp_path / "out" / data).read_bytes())


# --------------------------------------------------------------------------- Label Studio


def test_label_studio_tasks_match_their_labeling_config(seed, tmp_path):
    """Every result names a control of the labeling config (in the card), with a declared
    label/choice; regions hold the exact text; relations join regions; predictions come
    from margin's suggestions in the same shape."""
    corpus, doc, ann = seed
    out = tmp_path / "out"
    export(corpus, "labelstudio", out)
    (task,) = json.loads((out / "data.json").read_text(encoding="utf-8"))
    card = (out / "dataset_card.md").read_text(encoding="utf-8")
    config = ET.fromstring(card.split("```xml\n", 1)[1].split("\n```", 1)[0])
    controls = {c.get("name"): c for c in config if c.get("name")}
    assert controls["text"].get("value") == "$text" and task["data"]["text"] == doc.text
    labels = {c.get("value") for c in controls["label"]}
    relations = {c.get("value") for c in config.find("Relations")}
    assert task["meta"] == {"doc_id": SEED, "annotators": ["alice"]}

    def check(results):
        regions = {}
        for item in results:
            if item["type"] == "relation":
                continue
            c = controls[item["from_name"]]
            assert item["to_name"] == "text"
            v = item["value"]
            if item["type"] == "textarea":  # Label Studio's per-region text: "text" is the typed list
                assert isinstance(v["text"], list) and regions[item["id"]]["start"] == v["start"]
            else:
                assert doc.text[v["start"]:v["end"]] == v["text"]
            if item["type"] == "labels":
                assert v["labels"][0] in labels
                regions[item["id"]] = v
            elif item["type"] == "choices":
                assert v["choices"][0] in {ch.get("value") for ch in c}
                assert c.get("whenLabelValue") == regions[item["id"]]["labels"][0]
            else:
                assert item["type"] == c.tag.lower()
        for item in results:
            if item["type"] == "relation":
                assert item["from_id"] in regions and item["to_id"] in regions and item["labels"][0] in relations
        return regions

    (mine,) = task["annotations"]
    regions = check(mine["result"])
    assert set(regions) == {s.id for s in ann.spans} and mine["ground_truth"] is False
    numbers = {i["id"]: i["value"]["number"] for i in mine["result"] if i["type"] == "number"}
    assert numbers["s9"] == 12500000000.0
    (pred,) = task["predictions"]
    assert pred["model_version"] == "margin-suggest" and check(pred["result"])


def test_label_studio_without_predictions_and_gold_is_ground_truth(seed, tmp_path):
    corpus, _, _ = seed
    gold = corpus.root / "annotations" / SEED / "gold.yaml"
    gold.write_text((corpus.root / "annotations" / SEED / "alice.yaml").read_text(encoding="utf-8")
                    .replace("annotator: alice", "annotator: gold"), encoding="utf-8")
    export(corpus, "labelstudio", tmp_path / "out", annotators="all", options={"predictions": False})
    (task,) = json.loads((tmp_path / "out" / "data.json").read_text(encoding="utf-8"))
    assert task["meta"]["annotators"] == ["alice", "gold"] and "predictions" not in task
    assert [a["ground_truth"] for a in task["annotations"]] == [False, True]


# --------------------------------------------------------------------------- doccano


def test_doccano_shapes(seed, tmp_path):
    corpus, doc, ann = seed
    export_file(corpus, "doccano", tmp_path / "a.jsonl")
    rec = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8"))
    assert rec["label"] == [[s.start, s.end, s.label] for s in ann.sorted().spans]
    assert all(doc.text[a:b] for a, b, _ in rec["label"]) and (rec["doc_id"], rec["annotator"]) == (SEED, "alice")
    export_file(corpus, "doccano", tmp_path / "b.jsonl", options={"doccano_shape": "entities"})
    rec = json.loads((tmp_path / "b.jsonl").read_text(encoding="utf-8"))
    ents = {e["id"]: e for e in rec["entities"]}
    assert all(isinstance(i, int) for i in ents) and len(ents) == len(ann.spans)
    ids = rec["margin_ids"]
    for rel, r in zip(rec["relations"], ann.relations):
        assert (rel["from_id"], rel["to_id"], rel["type"]) == (ids[r.source], ids[r.target], r.label)
    s1 = next(s for s in ann.spans if s.id == "s1")
    assert (ents[ids["s1"]]["start_offset"], ents[ids["s1"]]["end_offset"]) == (s1.start, s1.end)


# --------------------------------------------------------------------------- Prodigy


def test_prodigy_tokens_and_spans_agree_in_spacy(seed, tmp_path):
    """spaCy builds the Doc Prodigy would from tokens + ws; every span's token_start /
    token_end is the char_span of its offsets; relations point at the spans' last tokens."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    corpus, doc, ann = seed
    export_file(corpus, "prodigy", tmp_path / "p.jsonl")
    task = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8"))
    toks = task["tokens"]
    assert [t["id"] for t in toks] == list(range(len(toks)))
    assert all(doc.text[t["start"]:t["end"]] == t["text"] for t in toks)
    sdoc = Doc(spacy.blank("en").vocab, words=[t["text"] for t in toks], spaces=[t["ws"] for t in toks])
    for s in task["spans"]:
        first, last = toks[s["token_start"]], toks[s["token_end"]]
        assert (first["start"], last["end"]) == (s["start"], s["end"])  # the seed's spans are token-aligned
        span = sdoc[s["token_start"]:s["token_end"] + 1]
        assert span.text == doc.text[s["start"]:s["end"]].replace("\n", " ") or "\n" in doc.text[s["start"]:s["end"]]
    by_id = {s["id"]: s for s in task["spans"]}
    for rel, r in zip(task["relations"], ann.relations):
        assert rel["head"] == by_id[r.source]["token_end"] and rel["child"] == by_id[r.target]["token_end"]
        assert rel["label"] == r.label and rel["head_span"]["id"] == r.source
    assert task["answer"] == "accept" and task["meta"] == {"doc_id": SEED, "annotator": "alice"}
    assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)


# --------------------------------------------------------------------------- Hugging Face


def test_hf_layout_loads_with_class_label_names(seed, tmp_path):
    """datasets.load_dataset(folder) reads README.md's YAML: ClassLabel names for the tags."""
    datasets = pytest.importorskip("datasets")
    from seqeval.metrics.sequence_labeling import get_entities

    from tui.tokens import tokenize

    corpus, doc, ann = seed
    out = tmp_path / "out"
    res = export(corpus, "hf", out, split="100/0")  # an empty test split is left out of the config
    assert "README.md" in res.files and not (out / "dataset_card.md").exists()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n") and "task_categories:\n- token-classification" in readme
    datasets.disable_progress_bars()
    ds = datasets.load_dataset(str(out), cache_dir=str(tmp_path / "hf"))
    train = ds["train"]
    names = train.features["ner_tags"].feature.names
    assert names == ["O", "B-ACTOR", "I-ACTOR", "B-FIGURE", "I-FIGURE", "B-CLAIM", "I-CLAIM"]
    assert train.features["tags_CLAIM"].feature.names == ["O", "B-CLAIM", "I-CLAIM"]
    row = train[0]
    toks = tokenize(doc.text)
    assert row["tokens"] == [doc.text[a:b] for a, b in toks]
    starts = {a: i for i, (a, _) in enumerate(toks)}
    ends = {b: i for i, (_, b) in enumerate(toks)}

    def ents(col, feature):
        return {(lab, a, b) for lab, a, b in get_entities([train.features[feature].feature.names[i] for i in col])}

    want = {(s.label, starts[s.start], ends[s.end]) for s in ann.spans}
    assert set().union(*(ents(row[f"tags_{lab}"], f"tags_{lab}") for lab in ("ACTOR", "FIGURE", "CLAIM"))) == want
    inner = ents(row["ner_tags"], "ner_tags")
    assert {x[0] for x in inner} == {"ACTOR", "FIGURE"} and inner <= want  # claims hold them: inner spans win
    assert len(inner) == 7


def test_single_file_formats_and_folder_formats(seed, tmp_path):
    from tui.errors import DataError

    corpus, _, _ = seed
    for fmt in ("labelstudio", "doccano", "prodigy"):
        export_file(corpus, fmt, tmp_path / f"x.{fmt}")
        assert (tmp_path / f"x.{fmt}").stat().st_size > 0
    with pytest.raises(DataError, match="writes a folder"):
        export_file(corpus, "hf", tmp_path / "x.hf")

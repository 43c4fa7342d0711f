"""jsonl export: golden file, and Hugging Face datasets reads it back with the spans."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SEED
from tests.helpers import golden
from tui.cli import main



def export(capsys, corpus_dir, *argv):
    out = corpus_dir / "out"
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(out), *argv])
    o, e = capsys.readouterr()
    assert code == 0, e
    return out, o, e


def test_golden_and_datasets_load(capsys, corpus_dir, alice_file, tmp_path):
    out, o, e = export(capsys, corpus_dir, "--format", "jsonl")
    assert o.startswith("exported 1 record(s) of 1 document(s) as jsonl") and e == ""
    data = (out / "data.jsonl").read_bytes()
    golden("seed.jsonl", data)
    rec = json.loads(data)
    text = (corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    assert all(text[s["start"]:s["end"]] == s["text"] for s in rec["spans"])

    import datasets

    datasets.disable_progress_bars()
    ds = datasets.load_dataset("json", data_files=str(out / "data.jsonl"), split="train",
                               cache_dir=str(tmp_path / "hf"))
    row = ds[0]
    assert (row["id"], row["annotator"], row["meta"]["status"]) == (SEED, "alice", "in_progress")
    got = [(s["label"], s["start"], s["end"], s["text"]) for s in row["spans"]]
    assert got == [(s["label"], s["start"], s["end"], s["text"]) for s in rec["spans"]]
    by_id = {s["id"]: s for s in row["spans"]}
    assert by_id["s9"]["attrs"]["value"] == 12500000000.0 and by_id["s5"]["attrs"]["qualifier"] == "at least"
    assert by_id["s6"]["note"] == "UN estimate" and by_id["s1"]["attrs"]["type"] == "government"
    assert row["relations"] == [{"id": "r1", "label": "attributed_to", "from": "s3", "to": "s1"},
                                {"id": "r2", "label": "attributed_to", "from": "s8", "to": "s7"}]


def test_splits_load_as_datasets_splits(capsys, corpus_dir, alice_file, tmp_path):
    for i in range(9):  # ten documents, each annotated by alice
        doc = f"doc{i}"
        shutil.copy(corpus_dir / "seeds" / f"{SEED}.txt", corpus_dir / "seeds" / f"{doc}.txt")
        dest = corpus_dir / "annotations" / doc / "alice.yaml"
        dest.parent.mkdir()
        dest.write_text(alice_file.read_text(encoding="utf-8").replace(SEED, doc), encoding="utf-8")
    out, o, e = export(capsys, corpus_dir, "--format", "jsonl", "--split", "80/10/10", "--seed", "3")
    assert "(train 8, validation 1, test 1)" in o
    import datasets

    datasets.disable_progress_bars()
    ds = datasets.load_dataset("json", data_files={s: str(out / f"{s}.jsonl") for s in ("train", "validation", "test")},
                               cache_dir=str(tmp_path / "hf"))
    ids = {s: set(ds[s]["id"]) for s in ds}
    assert [len(ids[s]) for s in ("train", "validation", "test")] == [8, 1, 1]
    assert set().union(*ids.values()) == {SEED, *(f"doc{i}" for i in range(9))}
    assert all(len(r["spans"]) == 9 for r in ds["train"])


def test_gold_export_carries_provenance_keys(capsys, corpus_dir, alice_file):
    gold = alice_file.parent / "gold.yaml"
    gold.write_text(alice_file.read_text(encoding="utf-8").replace("annotator: alice", "annotator: gold")
                    .replace("  attrs: {type: government}", "  attrs: {type: government}\n  from: [alice, bob]\n  edited: true"),
                    encoding="utf-8")
    out, o, e = export(capsys, corpus_dir, "--format", "jsonl")  # default: gold only
    (rec,) = [json.loads(x) for x in (out / "data.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rec["annotator"] == "gold"
    assert all(set(s) == {"id", "start", "end", "label", "text", "attrs", "note", "from", "edited"} for s in rec["spans"])
    s1 = next(s for s in rec["spans"] if s["id"] == "s1")
    assert (s1["from"], s1["edited"]) == (["alice", "bob"], True)
    assert "margin export --format jsonl --annotator gold" in (out / "dataset_card.md").read_text(encoding="utf-8")


def test_line_separators_are_escaped():
    from tui.export.jsonl import dumps

    line = dumps({"text": "a\u2028b\u2029c\x85d"})
    assert line.count("\n") == 1 and "\u2028" not in line and "\x85" not in line
    assert json.loads(line) == {"text": "a\u2028b\u2029c\x85d"}


@pytest.mark.parametrize("argv, message", [
    (["--labels", "ACTOR,PERSON"], "--labels: unknown label 'PERSON'"),
    (["--split", "80/30"], "--split '80/30': expected two or three whole percentages summing to 100"),
    (["--annotator", "nobody"], "no annotation files to export (annotator nobody"),
])
def test_bad_options_are_one_line_errors(capsys, corpus_dir, alice_file, argv, message):
    code = main(["export", "--corpus", str(corpus_dir), "--format", "jsonl", "--out", str(corpus_dir / "o"), *argv])
    err = capsys.readouterr().err
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert not (corpus_dir / "o").exists()


def test_one_attribute_name_of_two_kinds_loads_in_arrow_and_datasets(capsys, corpus_dir, alice_file, tmp_path):
    """margin.yaml allows `value: number` on FIGURE and `value: text` on ACTOR; pyarrow.json
    and datasets refused the export ("changed from number to string")."""
    import yaml
    import pyarrow.json as pj

    from tui.schema import DEFAULT_SCHEMA_DICT

    schema = yaml.safe_load(yaml.safe_dump(DEFAULT_SCHEMA_DICT))
    schema["labels"]["ACTOR"]["attrs"]["value"] = "text"
    (corpus_dir / "margin.yaml").write_text(yaml.safe_dump({"schema": schema}), encoding="utf-8")
    text = alice_file.read_text(encoding="utf-8")
    alice_file.write_text(text.replace("attrs: {type: government}", "attrs: {type: government, value: high}"),
                          encoding="utf-8")
    out, o, e = export(capsys, corpus_dir, "--format", "jsonl")
    table = pj.read_json(out / "data.jsonl")
    spans = table.column("spans").to_pylist()[0]
    by_id = {s["id"]: s["attrs"] for s in spans}
    assert by_id["s1"]["value"] == "high" and by_id["s5"]["value"] == "15" and by_id["s9"]["value"] == "12500000000.0"
    assert "Attribute `value` has two kinds (ACTOR: text, FIGURE: number)" in (out / "dataset_card.md").read_text(encoding="utf-8")

    import datasets

    datasets.disable_progress_bars()
    ds = datasets.load_dataset("json", data_files=str(out / "data.jsonl"), split="train", cache_dir=str(tmp_path / "hf"))
    assert {s["id"]: (s["attrs"] or {}).get("value") for s in ds[0]["spans"]}["s5"] == "15"

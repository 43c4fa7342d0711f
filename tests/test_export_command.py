"""``margin export`` as a whole: splits, reproducible bytes, the output directory, options."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED
from tests.helpers import team_corpus
from tui.cli import main
from tui.export import FORMATS
from tui.export.outdir import MARKER, read_marker
from tui.export.split import assign, counts


def make_corpus(corpus_dir, alice_file, n_docs=10, annotators=("alice", "bob")):
    """n_docs documents (copies of the seed), each annotated by ``annotators``; alice's and
    every odd document's files are done."""
    team_corpus(corpus_dir, n_docs, annotators,
                lambda i, a: "done" if a == "alice" or i % 2 else "in_progress")


def run(capsys, corpus_dir, *argv):
    code = main(["export", "--corpus", str(corpus_dir), *argv])
    o, e = capsys.readouterr()
    return code, o, e


def tree(path) -> dict[str, str]:
    """Every file of an export and its sha256; the marker's random export id left out."""
    out = {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted(path.rglob("*")) if p.is_file() and p.name != MARKER}
    marker = read_marker(path)
    if marker is not None:
        out[MARKER] = repr((marker["format"], marker["files"]))
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_same_input_same_bytes(capsys, corpus_dir, alice_file, fmt):
    make_corpus(corpus_dir, alice_file, n_docs=4)
    a, b = corpus_dir / "a", corpus_dir / "b"
    for out in (a, b):
        code, o, e = run(capsys, corpus_dir, "--format", fmt, "--out", str(out), "--split", "50/50", "--seed", "7")
        assert code == 0, e
    assert tree(a) == tree(b) and ("dataset_card.md" in tree(a) or "README.md" in tree(a))


def test_spacy_bytes_do_not_depend_on_hash_seed(capsys, corpus_dir, alice_file):
    pytest.importorskip("spacy")
    run(capsys, corpus_dir, "--format", "spacy", "--out", str(corpus_dir / "here"))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    p = subprocess.run([sys.executable, "-m", "tui", "export", "--corpus", str(corpus_dir), "--format", "spacy",
                        "--out", str(corpus_dir / "there")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert tree(corpus_dir / "here") == tree(corpus_dir / "there")


def test_split_by_document_and_card(capsys, corpus_dir, alice_file):
    make_corpus(corpus_dir, alice_file)
    out = corpus_dir / "out"
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out), "--split", "80/10/10", "--seed", "1")
    assert code == 0 and "exported 20 record(s) of 10 document(s)" in o
    import json

    docs = {}
    for split in ("train", "validation", "test"):
        recs = [json.loads(x) for x in (out / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
        docs[split] = {r["id"] for r in recs}
        assert len(recs) == 2 * len(docs[split])  # both annotators of a document in the same split
        assert [(r["id"], r["annotator"]) for r in recs] == sorted((r["id"], r["annotator"]) for r in recs)
    assert [len(docs[s]) for s in docs] == [8, 1, 1]
    assert not (docs["train"] & docs["validation"]) and not (docs["train"] & docs["test"])
    card = (out / "dataset_card.md").read_text(encoding="utf-8")
    assert "margin export --format jsonl --annotator all --split 80/10/10 --seed 1\n" in card
    assert "| train | 8 | 16 | 48 | 64 | 32 | 32 |" in card and "| total | 10 | 20 | 60 | 80 | 40 | 40 |" in card
    assert "- `alice`: 10 record(s)" in card and "227cdf991247763a372f61ff17490990a13a138fe0b53daf5c432cde99b804f5" in card
    for f in ("train.jsonl", "validation.jsonl", "test.jsonl"):
        assert f"| `{f}` | {hashlib.sha256((out / f).read_bytes()).hexdigest()} |" in card
    # another seed: another assignment, same sizes
    run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out), "--split", "80/10/10", "--seed", "2")
    assert (out / "test.jsonl").read_bytes() != b"" and "--seed 2" in (out / "dataset_card.md").read_text(encoding="utf-8")


def test_output_directory_is_replaced_whole_and_guarded(capsys, corpus_dir, alice_file):
    out = corpus_dir / "out"
    make_corpus(corpus_dir, alice_file, n_docs=3)
    assert run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out), "--split", "50/50")[0] == 0
    assert run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "data.jsonl", "dataset_card.md"]  # no stale train.jsonl
    mine = corpus_dir / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", "--out", str(mine))
    assert code == 1 and "not empty and not a margin export" in e
    assert (mine / "notes.txt").read_text() == "keep me"
    assert not [p for p in corpus_dir.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_annotator_and_status_selection(capsys, corpus_dir, alice_file):
    import json

    make_corpus(corpus_dir, alice_file, n_docs=4)
    out = corpus_dir / "out"

    def who(*argv):
        assert run(capsys, corpus_dir, "--format", "jsonl", "--out", str(out), *argv)[0] == 0
        return [(r["id"], r["annotator"]) for r in map(json.loads, (out / "data.jsonl").read_text(encoding="utf-8").splitlines())]

    assert len(who()) == 8  # no gold: everyone
    assert {a for _, a in who("--annotator", "bob")} == {"bob"}
    assert who("--annotator", "bob", "--status", "done") == [("doc01", "bob"), ("doc03", "bob")]
    assert len(who("--annotator", "alice,bob", "--docs", "doc0*")) == 6
    gold = corpus_dir / "annotations" / "doc02" / "gold.yaml"
    gold.write_text((corpus_dir / "annotations" / "doc02" / "alice.yaml").read_text(encoding="utf-8")
                    .replace("annotator: alice", "annotator: gold"), encoding="utf-8")
    assert who() == [("doc02", "gold")]  # gold exists: gold only
    assert len(who("--annotator", "all")) == 9


def test_flagged_spans_are_exported_with_a_warning(capsys, corpus_dir, alice_file):
    seed = corpus_dir / "seeds" / f"{SEED}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Amnesty International", "HRW"), encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "csv", "--out", str(corpus_dir / "out"))
    assert code == 0
    assert "margin: warning: 1 span(s) flagged fuzzy/lost after the article changed" in e
    assert f"{SEED}/alice s4" in e


@pytest.mark.parametrize("argv, message", [
    (["--format", "jsonl", "--seed", "3"], "--seed needs --split"),
    (["--format", "jsonl", "--conll-layer", "ACTOR"], "--conll-layer goes with --format conll"),
])
def test_usage_mistakes_exit_2(capsys, corpus_dir, alice_file, argv, message):
    code, o, e = run(capsys, corpus_dir, *argv)
    assert code == 2 and message in e


def test_conll_layer_must_be_exported(capsys, corpus_dir, alice_file):
    code, o, e = run(capsys, corpus_dir, "--format", "conll", "--labels", "ACTOR", "--conll-layer", "CLAIM")
    assert code == 1 and "--conll-layer 'CLAIM': not an exported label" in e


@given(st.integers(0, 500), st.sampled_from([(80, 10, 10), (90, 10), (70, 20, 10), (100, 0), (0, 50, 50)]))
def test_split_counts_are_exact(n, ratios):
    c = counts(n, ratios)
    assert sum(c) == n and all(abs(k - n * r / 100) < 1 for k, r in zip(c, ratios))


def test_split_assignment_is_stable():
    ids = [f"d{i}" for i in range(50)]
    a = assign(ids, (80, 10, 10), 5)
    assert a == assign(list(reversed(ids)), (80, 10, 10), 5)
    assert sorted(a.values()).count("test") == 5 and a != assign(ids, (80, 10, 10), 6)
    more = assign(ids + [f"e{i}" for i in range(5)], (80, 10, 10), 5)
    assert sum(a[d] != more[d] for d in ids) <= 5  # new documents move few old ones

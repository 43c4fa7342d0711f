"""``margin import`` refuses bad input with file:line messages and writes nothing then."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SEED
from tui.cli import main


def run(capsys, corpus_dir, *argv):
    code = main(["import", "--corpus", str(corpus_dir), *argv])
    o, e = capsys.readouterr()
    return code, o, e


@pytest.fixture
def brat_dir(capsys, corpus_dir, alice_file):
    out = corpus_dir / "exp"
    assert main(["export", "--corpus", str(corpus_dir), "--format", "brat", "--out", str(out)]) == 0
    capsys.readouterr()
    return out / "alice"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def written(corpus_dir, name):
    return sorted(p.parent.name for p in (corpus_dir / "annotations").glob(f"*/{name}.yaml"))


def test_unknown_label_names_file_and_line_then_map_fixes_it(capsys, corpus_dir, brat_dir):
    ann = brat_dir / f"{SEED}.ann"
    text = ann.read_text(encoding="utf-8").replace("\tACTOR ", "\tPER ").replace("attributed_to", "SAID")
    ann.write_text(text, encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "bob")
    assert code == 1
    assert f"{ann}:1: unknown label 'PER' (the schema has ACTOR, FIGURE, CLAIM; map it with --map PER=LABEL, or leave it out with --map PER=)" in e
    assert f"{ann}:10: unknown relation 'SAID'" in e
    assert written(corpus_dir, "bob") == []
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "bob",
                     "--map", "PER=ACTOR", "--map", "SAID=attributed_to")
    assert code == 0 and "9 span(s), 2 relation(s)" in o and written(corpus_dir, "bob") == [SEED]


def test_never_replaces_a_file_without_force(capsys, corpus_dir, brat_dir, alice_file):
    before = alice_file.read_bytes()
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "alice")
    assert code == 1 and e == f"{alice_file}: exists; use --force to replace it\n"
    assert alice_file.read_bytes() == before
    edit(brat_dir / f"{SEED}.ann", "A1\ttype T1 government", "A1\ttype T1 group")
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "alice", "--force")
    assert code == 0 and "type: group" in alice_file.read_text(encoding="utf-8")


def test_text_mismatch_names_both_files(capsys, corpus_dir, brat_dir):
    txt = brat_dir / f"{SEED}.txt"
    txt.write_bytes(txt.read_bytes().replace(b"\n", b"\r\n"))
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "bob")
    assert code == 1 and f"the text of '{SEED}' in {txt} differs from {corpus_dir / 'seeds' / (SEED + '.txt')}" in e


def test_bad_brat_lines(capsys, corpus_dir, brat_dir):
    ann = brat_dir / f"{SEED}.ann"
    with open(ann, "a", encoding="utf-8") as f:
        f.write("T20\tACTOR 0 9\tNot this\n"          # line 30: text does not match
                "T21\tACTOR 0 9;10 12\tThousands of\n"  # 31: fragments separated by a space
                "E1\tEvent:T2\n"                       # 32: events are left out (with T2, their trigger)
                "A30\tcolour T1 red\n")                # 33: no such attribute
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(ann), "--annotator", "bob")
    lines = e.splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0] == f"{ann}:30: span text 'Not this' does not match the document, which has 'Thousands' at 0-9"
    assert lines[1].startswith(f"{ann}:31: discontinuous span: its fragments are separated by ' '")
    assert lines[2] == f"{ann}:33: ACTOR has no attribute 'colour' (it has: type)"


def test_unknown_document_and_all_or_nothing(capsys, corpus_dir, brat_dir):
    shutil.copy(brat_dir / f"{SEED}.ann", brat_dir / "elsewhere.ann")  # no .txt: nothing to add it from
    code, o, e = run(capsys, corpus_dir, "--format", "brat", str(brat_dir), "--annotator", "bob")
    assert code == 1 and f"{brat_dir / 'elsewhere.ann'}:1: no document 'elsewhere' in {corpus_dir / 'seeds'}" in e
    assert "margin add elsewhere.txt" in e
    assert written(corpus_dir, "bob") == []  # the good document is not written either


def test_bad_jsonl(capsys, corpus_dir, alice_file, tmp_path):
    f = tmp_path / "in.jsonl"
    good = {"id": SEED, "spans": [{"start": 310, "end": 343, "label": "ACTOR", "attrs": {"type": "govt"}},
                                  {"start": 0, "end": 9, "label": "ACTOR", "text": "Thousand"}]}
    f.write_text("{oops\n" + json.dumps(good) + "\n", encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", str(f), "--annotator", "bob")
    lines = e.splitlines()
    assert code == 1
    assert lines[0] == f"{f}:1: not JSON: Expecting property name enclosed in double quotes at column 2"
    assert lines[1].startswith(f"{f}:2: span 1 (ACTOR 310-343): ACTOR: unknown value 'govt' for attribute 'type'")
    assert lines[2] == f"{f}:2: span 2 (ACTOR 0-9): span text 'Thousand' does not match the document, which has 'Thousands' at 0-9"


def test_conll_must_match_a_document(capsys, corpus_dir, alice_file, tmp_path):
    f = tmp_path / "x.conll"
    f.write_text("-DOCSTART- O\n\nNot O\nour B-ACTOR\narticle I-ACTOR\n", encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "conll", str(f), "--annotator", "bob")
    assert code == 1 and f"{f}:1: no document in {corpus_dir / 'seeds'}: its token sequence ('Not our article'...) matches none" in e
    f.write_text("Thousands B-X\n", encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "conll", str(f), "--annotator", "bob")
    assert code == 1 and f"{f}:1: unknown label 'X'" in e
    f.write_text("Thousands B-ACTOR B-ACTOR\nof O\n", encoding="utf-8")  # mixed widths: the last column all
    code, o, e = run(capsys, corpus_dir, "--format", "conll", str(f), "--annotator", "bob")  # lines have (spaCy)
    assert code == 1 and "its token sequence ('Thousands of'...) matches none" in e


@pytest.mark.parametrize("argv, message, status", [
    (["--format", "brat", "nowhere", "--annotator", "bob"], "nowhere: no such file or directory", 1),
    (["--format", "brat", ".", "--annotator", "../x"], "invalid annotator name '../x'", 1),
    (["--format", "brat", ".", "--annotator", "bob", "--map", "PER"], "--map 'PER': expected OLD=NEW", 1),
    (["--format", "yaml", ".", "--annotator", "bob"], "invalid choice", 2),
])
def test_usage(capsys, corpus_dir, argv, message, status):
    try:
        code, o, e = run(capsys, corpus_dir, *argv)
    except SystemExit as exit_:
        code, e = exit_.code, capsys.readouterr().err
    assert code == status and message in e


def test_jsonl_without_text_is_matched_by_hash(capsys, corpus_dir, alice_file, tmp_path):
    f = tmp_path / "in.jsonl"
    rec = {"id": SEED, "spans": [{"start": 0, "end": 9, "label": "ACTOR"}], "meta": {"sha256": "0" * 64}}
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", str(f), "--annotator", "bob")
    assert code == 1 and f"{f}:1: the text of '{SEED}' in {f} differs from" in e and "(sha256 000000000000..." in e
    del rec["meta"]
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    code, o, e = run(capsys, corpus_dir, "--format", "jsonl", str(f), "--annotator", "bob")
    assert code == 0 and "1 span(s)" in o

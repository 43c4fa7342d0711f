"""Hostile or unreadable input: one line per problem (``file:line: problem``), exit 1,
nothing written, never a traceback, never "0 spans, exit 0" for a file with annotations."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.conftest import DATA
from tui import store
from tui.cli import main
from tui.importers import base

IMPORT = DATA / "import"
RAIDS = (IMPORT / "raids.txt").read_text(encoding="utf-8")


@pytest.fixture
def corpus_root(tmp_path):
    (tmp_path / "c" / "seeds").mkdir(parents=True)
    for name in ("raids", "ministry"):
        shutil.copy(IMPORT / f"{name}.txt", tmp_path / "c" / "seeds")
    return tmp_path / "c"


def refused(capsys, root, src, *argv):
    code = main(["import", "--corpus", str(root), str(src), "--annotator", "t", *argv])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert "Traceback" not in err and err.endswith("\n") and out == ""
    assert not list(root.glob("annotations/*/*")), "something was written"
    return err.splitlines()


def jsonl(tmp_path, *records, name="in.jsonl"):
    f = tmp_path / name
    f.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return f


@pytest.mark.parametrize("record, expect", [
    ({"text": RAIDS, "label": ["positive"]}, "label 1: 'positive' is a document category (text classification)"),
    ({"id": "raids", "spans": [], "entities": [{"start": 0, "end": 6}]}, "'entities' look like annotations, but "
                                                                        "margin's jsonl has no such key"),
    ({"text": RAIDS, "ner": [[0, 6, "ACTOR"]]}, "cannot tell the format of this record (keys: 'ner, text')"),
    ({"text": RAIDS, "label": [[0, 6, "ACTOR"]], "relation": [1]}, "'relation' look like annotations, but doccano"),
    ({"data": {"text": RAIDS}, "annotations": [{"result": []}, {"result": []}]},
     "task 'None' has 2 annotations (several annotators or models?)"),
    ({"data": {"text": RAIDS}, "annotations": [{"result": [{"type": "choices", "value": {"choices": ["x"]}}]}]},
     "result of type 'choices': margin reads labels and relation results, and per-region choices"),
    ({"text": RAIDS, "spans": [{"start": 0, "end": 6, "label": "ACTOR"}], "answer": "maybe"},
     "answer 'maybe' is not accept, reject or ignore"),
    ({"id": "raids", "spans": [{"id": "a b", "start": 0, "end": 6, "label": "ACTOR"}]}, "id 'a b' is not a margin id"),
    ({"id": "raids", "spans": [{"start": 0, "end": 9, "label": "FIGURE", "attrs": {"value": 10**30}}]},
     "attribute 'value': 10000000000000000000… does not fit in 64 bits"),
    ('{"id": "raids", "spans": [' + "[" * 100_000 + "]}", "nested too deeply"),
    ('{"id": "raids", "spans": [{"start": 1' + "0" * 5000 + ', "end": 2, "label": "ACTOR"}]}',
     "not usable JSON: Exceeds the limit"),
    ('{"id": "raids", "spans": [{"start": NaN, "end": 2, "label": "ACTOR"}]}', "not usable JSON: NaN is not JSON"),
    ({"text": RAIDS, "label": "POSITIVE", "answer": "accept"}, "a document category or choice (text classification)"),
    ({"text": "an article margin does not have\0", "label": [[0, 2, "ACTOR"]]}, "it cannot be one (empty, a NUL"),
])
def test_hostile_records_are_refused_on_one_line(capsys, corpus_root, tmp_path, record, expect):
    f = jsonl(tmp_path, record)
    lines = refused(capsys, corpus_root, f)
    assert len(lines) == 1 and lines[0].startswith(f"{f}:1") and expect in lines[0], lines


def test_ambiguous_text_is_refused(capsys, corpus_root, tmp_path):
    shutil.copy(corpus_root / "seeds" / "raids.txt", corpus_root / "seeds" / "raids-copy.txt")
    lines = refused(capsys, corpus_root, IMPORT / "doccano_rel.jsonl")
    assert lines == [f"{IMPORT / 'doccano_rel.jsonl'}:1: its text (sha256 be76d0e5fb8b...) matches several documents "
                     "(raids, raids-copy); give the record the margin id of the one it is"]


def test_folders_fifos_and_unknown_files(capsys, corpus_root, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").mkdir()  # a folder where a file is expected
    os.mkfifo(d / "b.jsonl")  # a FIFO: must not block
    shutil.copy(IMPORT / "doccano_rel.jsonl", d / "c.jsonl")
    lines = refused(capsys, corpus_root, d, "--format", "doccano")
    assert lines == [f"{d / 'a.jsonl'}:1: not a regular file (a folder, FIFO or device?)",
                     f"{d / 'b.jsonl'}:1: not a regular file (a folder, FIFO or device?)"]
    assert refused(capsys, corpus_root, d / "b.jsonl") == [f"{d / 'b.jsonl'}:1: not a regular file (a folder, FIFO or device?)"]
    f = tmp_path / "notes.txt"
    f.write_text("Just some prose, not annotations.\n", encoding="utf-8")
    assert refused(capsys, corpus_root, f)[0].startswith(f"{f}:1: cannot tell the format (not JSON, not "
                                                         "'TOKEN TAG' CoNLL)")
    f.write_text("", encoding="utf-8")
    assert refused(capsys, corpus_root, f) == [f"{f}:1: empty file: nothing to import"]
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(IMPORT / "bioes.conll", mixed)
    shutil.copy(IMPORT / "prodigy.jsonl", mixed)
    assert "holds files of several formats (conll: bioes.conll, prodigy: prodigy.jsonl)" in refused(capsys, corpus_root, mixed)[0]


def test_limits_are_checked_before_the_work(capsys, corpus_root, tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_INPUT_BYTES", 100)
    lines = refused(capsys, corpus_root, IMPORT / "doccano_rel.jsonl")
    assert lines[0].startswith(f"{IMPORT / 'doccano_rel.jsonl'}:1: import file is too large (") and len(lines) == 1
    monkeypatch.undo()
    spans = [{"start": 0, "end": 6, "label": "ACTOR"}] * 200
    f = jsonl(tmp_path, {"text": RAIDS, "label": [[i, i + 3, lab] for lab in ("ACTOR", "FIGURE") for i in range(100)]})
    from tui.store import files

    floor = 8_000 - 2 * len(RAIDS)  # the limit follows the article: floor + 2 bytes a character
    monkeypatch.setattr(files, "MAX_FILE_BYTES", floor)  # 100 spans at most
    lines = refused(capsys, corpus_root, f)
    assert lines == [f"{f}:1: 200 spans for document 'raids': a margin file holds at most about 100 (files are "
                     "limited to 8000 bytes); split the spans over several annotators"]
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 20_000 - 2 * len(RAIDS))  # passes the estimate, not the real size
    assert "would make a" in refused(capsys, corpus_root, f)[0]
    del spans


def test_a_symlinked_annotation_folder_out_of_the_corpus_is_not_followed(capsys, corpus_root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (corpus_root / "annotations").mkdir()
    (corpus_root / "annotations" / "raids").symlink_to(outside)
    code = main(["import", "--corpus", str(corpus_root), str(IMPORT / "doccano_rel.jsonl"), "--annotator", "t"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.splitlines()) == 1 and "outside the corpus" in err, err
    assert list(outside.iterdir()) == []

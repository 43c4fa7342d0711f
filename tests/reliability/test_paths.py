"""Paths: document ids and annotator names cannot leave the corpus, links out of the corpus
are refused, FIFOs and devices are never opened as files; margin only writes under
``annotations/``."""

from __future__ import annotations

import os
import shutil
import sys
import types

import pytest

from tests.conftest import DATA, SEED
from tests.reliability import install, margin_limited, problem_lines, snapshot
from tui import store
from tui.cli import main
from tui.corpus import check_name
from tui.dataset import load_items
from tui.errors import DataError, ValidationError
from tui.model import Annotation, make_span

BAD_NAMES = ["..", ".", "../alice", "alice/..", "a/b", "/etc/passwd", "a\\b", "C:x", "al\x00ice", "alice\n",
             "al\tice", "\x1b[31mred", "a\u202eb", "é", "a b", "", "-rf", ".hidden", "~root", "x" * 129]

SECRET = "secret_key: hunter2\n"


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_bad_names_are_refused_everywhere(corpus, name):
    with pytest.raises(DataError, match="invalid annotator name"):
        check_name(name, "annotator name")
    with pytest.raises(DataError):
        corpus.annotation_path(SEED, name)
    with pytest.raises(DataError):
        corpus.annotation_path(name, "alice")
    with pytest.raises(DataError):
        corpus.document(name)
    assert os.listdir(corpus.annotations_dir) == []


def test_longest_names_round_trip(corpus):
    doc_id, annotator = "d" * 128, "a" * 128
    check_name(doc_id)
    shutil.copy(corpus.doc_path(SEED), corpus.seeds_dir / f"{doc_id}.txt")
    doc = corpus.document(doc_id)
    ann = Annotation.new(doc, annotator)
    ann.spans.append(make_span(doc.text, "s1", "ACTOR", 555, 576))
    path = corpus.annotation_path(doc_id, annotator)
    store.save(path, ann, None)
    assert corpus.annotators(doc_id) == [annotator]
    assert store.load(path, corpus.schema, doc).annotation == ann.sorted()


@pytest.fixture
def no_app(monkeypatch):
    """A stand-in for the Textual app: these tests must fail before any screen opens."""

    def refuse(*a, **k):
        raise AssertionError("the app was started")

    monkeypatch.setitem(sys.modules, "tui.app.app", types.SimpleNamespace(MarginApp=refuse))


@pytest.mark.parametrize("argv", [
    ["--annotator", "../../evil"], ["--annotator", "\x1b]0;pwned\x07"], ["../../etc/passwd"],
    ["/etc/passwd"], [f"{SEED}/../{SEED}"],
], ids=["annotator-dotdot", "annotator-osc", "doc-dotdot", "doc-absolute", "doc-nested"])
def test_annotate_refuses_bad_names_before_the_screen_opens(capsys, corpus_dir, no_app, argv):
    code = main(["annotate", "--corpus", str(corpus_dir), *argv])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("margin: ")
    assert "\x1b" not in err and "\x07" not in err  # control characters are shown escaped
    assert snapshot(corpus_dir / "annotations") == {}


def test_annotator_from_the_environment_is_checked(capsys, corpus_dir, no_app, monkeypatch):
    monkeypatch.setenv("MARGIN_ANNOTATOR", "../x")
    assert main(["annotate", "--corpus", str(corpus_dir)]) == 1
    assert capsys.readouterr().err.startswith("margin: invalid annotator name '../x'")


def test_names_inside_a_file_are_checked(corpus):
    text = (DATA / "alice.yaml").read_text(encoding="utf-8").replace("annotator: alice", 'annotator: "../../x"')
    with pytest.raises(ValidationError) as e:
        store.parse(text, "f.yaml", corpus.schema)
    assert len(e.value.problems) == 1
    assert e.value.problems[0].startswith("f.yaml:3: invalid annotator name '../../x': use 1-128 characters")


def test_document_id_inside_a_file_is_checked(corpus):
    text = (DATA / "alice.yaml").read_text(encoding="utf-8").replace(f'id: "{SEED}"', 'id: "../../x"')
    with pytest.raises(ValidationError) as e:
        store.parse(text, "f.yaml", corpus.schema)
    assert len(e.value.problems) == 1
    assert e.value.problems[0].startswith("f.yaml:2: invalid document id '../../x': use 1-128 characters")


# ---------------------------------------------------------------- symlinks (policy: see docs)


def test_links_inside_the_corpus_are_followed(corpus):
    shared = corpus.root / "shared"
    shared.mkdir()
    shutil.copy(DATA / "alice.yaml", shared / "alice.yaml")
    link = corpus.annotations_dir / SEED / "alice.yaml"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(shared / "alice.yaml", link.parent))
    items, problems = load_items(corpus, strict=False)
    assert problems == [] and [len(it.annotation.spans) for it in items] == [9]


def test_save_replaces_a_link_and_never_writes_through_it(corpus, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    shutil.copy(DATA / "alice.yaml", outside)
    before = outside.read_bytes()
    link = corpus.annotations_dir / SEED / "alice.yaml"
    link.parent.mkdir()
    link.symlink_to(outside)
    loaded = store.load(link, corpus.schema, corpus.document(SEED))  # the library call, no corpus check
    ann = loaded.annotation
    ann.status = "done"
    store.save(link, ann, loaded.fingerprint)
    assert outside.read_bytes() == before
    assert not link.is_symlink() and "status: done" in link.read_text(encoding="utf-8")
    outside.unlink()


@pytest.fixture
def outside(tmp_path):
    """A directory next to the corpus, holding a secret."""
    d = tmp_path.parent / f"{tmp_path.name}-outside"
    d.mkdir()
    (d / "secret.txt").write_text(SECRET, encoding="utf-8")
    (d / "secret.yaml").write_text(SECRET, encoding="utf-8")
    yield d
    shutil.rmtree(d)


def test_seed_linked_outside_the_corpus_is_refused(capsys, corpus, outside):
    (corpus.seeds_dir / "leak.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(DataError, match="outside the corpus"):
        corpus.document("leak")
    assert main(["validate", "--corpus", str(corpus.root)]) == 1
    err = capsys.readouterr().err
    assert "leak.txt" in err and "hunter2" not in err


def test_annotation_linked_outside_the_corpus_is_refused_and_not_shown(capsys, corpus, outside):
    install(corpus.root, (DATA / "alice.yaml").read_bytes())
    (corpus.annotations_dir / SEED / "bob.yaml").symlink_to(outside / "secret.yaml")
    items, problems = load_items(corpus, strict=False)
    assert [it.annotator for it in items] == ["alice"]
    assert len(problems) == 1 and "bob.yaml" in problems[0] and "outside the corpus" in problems[0]
    assert "secret_key" not in problems[0]
    assert main(["validate", "--corpus", str(corpus.root)]) == 1
    err = capsys.readouterr().err
    assert "outside the corpus" in err and "secret_key" not in err


def test_annotation_folder_linked_outside_is_never_written(corpus, outside):
    (corpus.annotations_dir / SEED).symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    with pytest.raises(DataError, match="outside the corpus"):
        corpus.annotation_path(SEED, "alice")
    assert snapshot(outside) == before


def test_fifos_and_devices_are_refused_without_hanging(corpus_dir):
    folder = corpus_dir / "annotations" / SEED
    folder.mkdir()
    os.mkfifo(folder / "alice.yaml")
    (folder / "bob.yaml").symlink_to("/dev/zero")
    r = margin_limited("validate", "--corpus", str(corpus_dir), mem_mb=256)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 2
    assert problem_lines(lines[0], folder / "alice.yaml") == [1] and "not a regular file" in lines[0]
    assert lines[1].startswith(f"{folder / 'bob.yaml'}")


def test_add_refuses_fifos_and_devices(capsys, corpus_dir, tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    for src in (fifo, "/dev/zero"):
        assert main(["add", "--corpus", str(corpus_dir), str(src)]) == 1
        assert capsys.readouterr().err.startswith("margin: ")
    assert sorted(os.listdir(corpus_dir / "seeds")) == [f"{SEED}.txt"]

"""One document-status function (tui.team.status) for the picker, assign, stats and the
dashboard, over one per-document cache that re-reads a file only when it changed and
never takes anything from inside the corpus."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import gen
from tui import store
from tui.cli import main
from tui.corpus import Corpus
from tui.model import Annotation
from tui.store import atomic_write, dumps
from tui.team import assign, status
from tui.team.progress import team


@pytest.fixture(scope="module")
def team_root(tmp_path_factory):
    return gen.team(tmp_path_factory.mktemp("status") / "corpus", docs=12)


@pytest.fixture
def root(team_root, tmp_path):
    return shutil.copytree(team_root, tmp_path / "c")


def _save(corpus: Corpus, doc_id: str, name: str, state: str, spans: int = 0) -> None:
    path = corpus.annotation_path(doc_id, name)
    ann = store.load(path, corpus.schema).annotation if path.exists() else Annotation.new(corpus.document(doc_id), name)
    ann.status = state
    if spans < len(ann.spans):
        ann.spans = ann.spans[:spans]
    atomic_write(path, dumps(ann).encode())


def test_every_consumer_reads_the_same_status(root, capsys):
    corpus = Corpus(root)
    ids = corpus.doc_ids()
    picker = {e.doc_id: (e.status, e.spans) for e in assign.picker_entries(corpus, "alice", ids)}
    assert main(["stats", "--corpus", str(root), "--json"]) == 0
    stats = {(r["document"], r["annotator"]): (r["status"], r["spans"]) for r in json.loads(capsys.readouterr().out)}
    dash = team(Corpus(root)).stats
    for d in ids:
        want = status.file_status(corpus, d, "alice")
        assert picker[d] == (want.status, want.spans)
        if want.status != status.NEW:
            assert stats[(d, "alice")] == (want.status, want.spans)
    assert {(r["document"], r["annotator"]): (r["status"], r["spans"]) for r in dash} == stats


def test_a_file_is_read_again_only_when_it_changed(root, monkeypatch):
    corpus = Corpus(root)
    ids = corpus.doc_ids()
    status.statuses(corpus, "bob", ids)
    reads = []
    real = status.read_status
    monkeypatch.setattr(status, "read_status", lambda c, p: reads.append(p.parent.name) or real(c, p))
    assert status.statuses(Corpus(root), "bob", ids)  # a new Corpus object: the same cache
    assert reads == []
    mine = [d for d in ids if corpus.annotation_path(d, "bob").exists()]
    _save(corpus, mine[0], "bob", "done", 3)
    got = status.statuses(corpus, "bob", ids)
    assert reads == [mine[0]]
    assert (got[mine[0]].status, got[mine[0]].spans) == ("done", 3)


def test_the_cache_lives_outside_the_corpus_and_a_planted_one_is_ignored(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path / "user-cache"))
    corpus = Corpus(root)
    truth = {d: status.read_status(corpus, p) for d in corpus.doc_ids()
             if (p := corpus.annotation_path(d, "carol")).exists()}
    # a corpus that ships a cache file of its own, claiming everything is done with 999 spans
    lie = {"version": status.CACHE_VERSION, "schema": status.schema_digest(corpus),
           "docs": {d: {"files": {"carol": [list(status.file_key(corpus.annotation_path(d, "carol"))),
                                            status.FileStatus("done", 999).to_json()]}} for d in truth}}
    for where in (root / ".margin-cache.json", root / "annotations" / "corpus.json"):
        where.write_text(json.dumps(lie))
    got = status.statuses(corpus, "carol", list(truth))
    assert {d: (s.status, s.spans) for d, s in got.items()} == {d: (s.status, s.spans) for d, s in truth.items()}
    written = list((tmp_path / "user-cache").iterdir())
    assert written and all(not p.resolve().is_relative_to(root.resolve()) for p in written)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["done", "in_progress", "delete"]),
                                st.integers(0, 5)), max_size=8))
def test_statuses_follow_any_sequence_of_saves(team_root, tmp_path_factory, steps):
    root = shutil.copytree(team_root, tmp_path_factory.mktemp("seq") / "c")
    corpus = Corpus(root)
    ids = corpus.doc_ids()[:4]
    status.statuses(corpus, "dan", ids)
    for i, state, spans in steps:
        path = corpus.annotation_path(ids[i], "dan")
        if state == "delete":
            if path.exists():
                os.unlink(path)
        else:
            _save(corpus, ids[i], "dan", state, spans)
        got = status.statuses(corpus, "dan", ids)
        fresh = {d: status.read_status(corpus, p) if (p := corpus.annotation_path(d, "dan")).exists()
                 else status.ABSENT for d in ids}
        assert got == fresh


def test_first_unfinished_and_next_assigned_use_the_status(root):
    corpus = Corpus(root)
    ids = corpus.doc_ids()
    for d in ids[:3]:
        _save(corpus, d, "erin", "done")
    assert status.first_unfinished(corpus, ids, "erin") == 3
    assign.save(corpus, {ids[0]: ("erin",), ids[5]: ("erin",)})
    assert assign.next_assigned(corpus, "erin") == ids[5]

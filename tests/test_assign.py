"""margin assign: balanced, reproducible, overlap respected, never twice to one person."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.team import assign
from tui.cli import main
from tui.corpus import Corpus
from tui.errors import DataError, ValidationError

NAMES = ["alice", "bob", "carol", "dan", "erin", "fay"]


@settings(max_examples=150, deadline=None)
@given(n_docs=st.integers(0, 60), n_ann=st.integers(1, 6), data=st.data(), seed=st.integers(0, 2**32))
def test_distribute_balanced_reproducible_and_respects_overlap(n_docs, n_ann, data, seed):
    docs = [f"d{i:03d}" for i in range(n_docs)]
    names = NAMES[:n_ann]
    if data.draw(st.booleans()) and n_ann >= 2:
        overlap, per_doc = data.draw(st.floats(0, 1)), 1
        want = [2] * round(overlap * n_docs)
    else:
        overlap, per_doc = None, data.draw(st.integers(1, n_ann))
        want = [per_doc] * n_docs
    got = assign.distribute(docs, names, per_doc, overlap, seed)
    assert list(got) == docs  # every document, in order
    assert got == assign.distribute(docs, names, per_doc, overlap, seed)  # reproducible
    for d, who in got.items():
        assert len(set(who)) == len(who)  # never the same document twice to one person
        assert set(who) <= set(names)
    sizes = sorted(len(w) for w in got.values())
    if overlap is None:
        assert sizes == want
    else:
        assert sizes.count(2) == len(want) and sizes.count(1) == n_docs - len(want)
    load = assign.loads(got)
    counts = [load.get(n, 0) for n in names]
    assert max(counts) - min(counts) <= 1  # balanced
    if overlap is not None and len(want) >= 3 * len(list(combinations(names, 2))):
        pairs = {}
        for who in got.values():
            if len(who) == 2:
                pairs[who] = pairs.get(who, 0) + 1
        assert len(pairs) == len(list(combinations(names, 2)))  # every pair shares documents


def test_seed_changes_the_assignment():
    docs = [f"d{i}" for i in range(30)]
    a = assign.distribute(docs, ["alice", "bob", "carol"], overlap=0.2, seed=1)
    b = assign.distribute(docs, ["alice", "bob", "carol"], overlap=0.2, seed=2)
    assert a != b


@pytest.mark.parametrize("names,per_doc,msg", [
    (["alice", "alice"], 1, "named twice"),
    (["alice", "gold"], 1, "gold"),
    (["alice", "bob"], 3, "cannot give each document to 3 of 2"),
    (["al/ice"], 1, "invalid annotator name"),
])
def test_distribute_refuses(names, per_doc, msg):
    with pytest.raises(DataError, match=msg):
        assign.distribute(["d1"], names, per_doc)


def test_file_roundtrip_and_errors(tmp_path):
    a = {"d2": ("alice", "bob"), "d1": ("carol",)}
    text = assign.dumps(a)
    assert text.splitlines()[2:] == ["documents:", "  d1: [carol]", "  d2: [alice, bob]"]
    assert assign.parse(text) == {"d1": ("carol",), "d2": ("alice", "bob")}
    bad = text.replace("[carol]", "[carol, carol]").replace("d2:", "d1:")
    with pytest.raises(ValidationError) as e:
        assign.parse(bad, "x.yaml")
    assert e.value.problems == ["x.yaml:4: d1: annotator 'carol' is listed twice",
                                "x.yaml:5: document 'd1' is listed twice"]
    with pytest.raises(ValidationError, match=r"x.yaml:4: YAML syntax error"):
        assign.parse("format: margin-assignments/1\ndocuments:\n  d1: [a\n", "x.yaml")
    with pytest.raises(ValidationError, match=r"x.yaml:3: d1: invalid annotator name 'gold'"):
        assign.parse("format: margin-assignments/1\ndocuments:\n  d1: [gold]\n", "x.yaml")


@pytest.fixture
def team_corpus(tmp_path):
    (tmp_path / "seeds").mkdir()
    for i in range(10):
        (tmp_path / "seeds" / f"d{i}.txt").write_text(f"Article number {i}.\n")
    return tmp_path


def test_assign_command_json_keeps_existing(team_corpus, capsys):
    assert main(["assign", "--corpus", str(team_corpus), "alice", "bob", "carol", "--overlap", "20%",
                 "--seed", "7", "--json", "--docs", "d[0-5]"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert sorted(first) == [f"d{i}" for i in range(6)]
    assert sum(len(v) == 2 for v in first.values()) == 1
    assert assign.load(Corpus(team_corpus)) == {d: tuple(v) for d, v in first.items()}
    # a second run assigns the new documents only
    assert main(["assign", "--corpus", str(team_corpus), "dan", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert {d: v for d, v in second.items() if d in first} == first
    assert all(second[f"d{i}"] == ["dan"] for i in range(6, 10))


def test_next_assigned_and_picker_order(team_corpus):
    corpus = Corpus(team_corpus)
    assign.save(corpus, {"d1": ("alice", "bob"), "d3": ("alice",), "d5": ("alice",), "d2": ("bob",)})
    assert assign.next_assigned(corpus, "alice") == "d1"
    from tui.model import Annotation
    from tui.store import atomic_write, dumps

    for d, status in (("d1", "done"), ("d5", "in_progress")):
        ann = Annotation.new(corpus.document(d), "alice")
        ann.status = status
        atomic_write(corpus.annotation_path(d, "alice"), dumps(ann).encode())
    assert assign.next_assigned(corpus, "alice") == "d5"  # the one in progress first
    rows = assign.picker_entries(corpus, "alice", corpus.doc_ids())
    assert [r.doc_id for r in rows[:4]] == ["d3", "d5", "d1", "d0"]
    assert [r.status for r in rows[:3]] == ["new", "in_progress", "done"]
    assert assign.progress(rows) == (1, 3)
    assert assign.next_assigned(corpus, "nobody") is None


def test_margin_annotate_opens_the_next_assigned_document(team_corpus, monkeypatch):
    import tui.app.app

    corpus = Corpus(team_corpus)
    assign.save(corpus, {"d4": ("alice",), "d7": ("alice", "bob")})
    opened = []
    monkeypatch.setattr(tui.app.app, "run_app", lambda c, who, doc: opened.append((who, doc)) or 0)
    for who in ("alice", "bob", "carol"):
        assert main(["annotate", "--corpus", str(team_corpus), "--annotator", who]) == 0
    assert main(["annotate", "--corpus", str(team_corpus), "--annotator", "alice", "d9"]) == 0
    assert opened == [("alice", "d4"), ("bob", "d7"), ("carol", None), ("alice", "d9")]

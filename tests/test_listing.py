"""tui.store.listing: a directory's listing is kept per version of the directory (opening a
document in 10,000 costs what it costs in 30), and is never stale: any entry added,
removed or renamed is seen, a change too recent to be told apart is listed again, a
journal planted after a clean look is still rolled forward."""

from __future__ import annotations

import os
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import make_corpus
from tui.corpus import Corpus
from tui.store import listing, staged


def settle(path, step: int = 0) -> None:
    """Make ``path``'s last change old (as if made minutes ago), a distinct time per step."""
    old = time.time() - 600 + step
    os.utime(path, (old, old))


def fresh(corpus: Corpus) -> list[str]:
    return corpus._list_doc_ids()


def test_a_settled_listing_is_read_back_not_listed_again(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path, ["a", "b", "c"])
    settle(corpus.seeds_dir)
    assert corpus.doc_ids() == ["a", "b", "c"]
    listing._memory.clear()  # a second session: from the user's cache file
    monkeypatch.setattr(os, "scandir", lambda *a: (_ for _ in ()).throw(AssertionError("listed again")))
    assert Corpus(tmp_path).doc_ids() == ["a", "b", "c"]


def test_a_change_too_recent_to_tell_is_listed_every_time(tmp_path):
    corpus = make_corpus(tmp_path, ["a"])
    assert corpus.doc_ids() == ["a"]  # seeds/ changed just now: not kept
    st = os.stat(corpus.seeds_dir)
    (corpus.seeds_dir / "b.txt").write_text("x", encoding="utf-8")
    os.utime(corpus.seeds_dir, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same tick, as far as the key goes
    assert corpus.doc_ids() == ["a", "b"]


OPS = st.lists(st.tuples(st.sampled_from(["add", "remove", "rename", "dir"]), st.sampled_from("abcdef")),
               max_size=12)


@settings(max_examples=40)
@given(OPS)
def test_the_kept_listing_is_never_stale(tmp_path_factory, ops):
    root = tmp_path_factory.mktemp("c")
    corpus = make_corpus(root, ["a"])
    for step, (op, name) in enumerate(ops, 1):
        path = corpus.seeds_dir / f"{name}.txt"
        if op == "add" and not path.exists():
            path.write_text(name, encoding="utf-8")
        elif op == "remove" and path.is_file():
            path.unlink()
        elif op == "rename" and path.is_file():
            path.rename(corpus.seeds_dir / f"{name}{step}.txt")
        elif op == "dir" and not path.exists():
            path.mkdir()  # not a document
        settle(corpus.seeds_dir, step)
        assert Corpus(root).doc_ids() == fresh(corpus)
        listing._memory.clear()
        assert Corpus(root).doc_ids() == fresh(corpus)


def test_a_journal_planted_after_a_clean_look_is_still_found(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path, ["a"])
    settle(corpus.annotations_dir)
    assert staged.recover(corpus.annotations_dir) == []  # clean: kept
    seen = []
    real = staged._journals
    monkeypatch.setattr(staged, "_journals", lambda root: seen.append(root) or real(root))
    assert staged.recover(corpus.annotations_dir) == [] and seen == []  # not listed again
    (corpus.annotations_dir / ".margin-txn-999999-abcdef01.json").write_text("{}", encoding="utf-8")
    settle(corpus.annotations_dir, 1)
    got = staged.recover(corpus.annotations_dir)
    assert seen and got and ".margin-txn-999999-abcdef01.json" in got[0]  # named (not sealed here), left alone
    assert staged.recover(corpus.annotations_dir) == got  # and named again: a journal is never kept as clean


def test_a_damaged_cache_file_is_ignored(tmp_path):
    corpus = make_corpus(tmp_path, ["a", "b"])
    settle(corpus.seeds_dir)
    assert corpus.doc_ids() == ["a", "b"]
    for f in (listing.cache_dir() / "listings").iterdir():
        f.write_text('{"kind": "doc_ids", "key": ' + str(list(_key(corpus.seeds_dir))) + ', "value": ["../x", 3]}')
    listing._memory.clear()
    assert Corpus(tmp_path).doc_ids() == ["a", "b"]


def _key(path):
    st = os.stat(path)
    return st.st_mtime_ns, st.st_ino, st.st_dev


def test_the_sample_follows_the_annotated_documents(tmp_path):
    corpus = make_corpus(tmp_path, ["a", "b"])
    (corpus.annotations_dir / "a").mkdir()
    settle(corpus.annotations_dir)
    assert corpus.sample(30).only == frozenset({"a"})
    (corpus.annotations_dir / "b").mkdir()
    settle(corpus.annotations_dir, 1)
    assert corpus.sample(30).only == frozenset({"a", "b"})


def test_opening_a_document_lists_neither_seeds_nor_annotations_again(tmp_path, monkeypatch):
    """What opening reads is the same in any size of corpus: the document ids, the journal
    check, the suggester's sample and the team's habits come from one listing per version
    of seeds/ and annotations/, then only from the sampled documents' folders."""
    from tests.helpers import team_corpus
    from tui.annotating.habits import corpus_habits
    from tui.suggest.learn import Suggester
    from tui.workspace import open_workspace

    corpus = team_corpus(tmp_path, 40)
    settle(corpus.seeds_dir)
    settle(corpus.annotations_dir)

    def open_once():
        c = Corpus(tmp_path)
        open_workspace(c, c.doc_ids()[3], "alice")
        corpus_habits(c)
        Suggester.for_corpus(c)

    open_once()
    listed = []
    real_scandir, real_listdir = os.scandir, os.listdir
    monkeypatch.setattr(os, "scandir", lambda p=".": listed.append(os.fspath(p)) or real_scandir(p))
    monkeypatch.setattr(os, "listdir", lambda p=".": listed.append(os.fspath(p)) or real_listdir(p))
    listing._memory.clear()  # a second session
    open_once()
    assert os.fspath(corpus.seeds_dir) not in listed and os.fspath(corpus.annotations_dir) not in listed
    assert len({p for p in listed if p.startswith(os.fspath(corpus.annotations_dir))}) <= 30


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(blocked))
    listing._memory.clear()
    corpus = make_corpus(tmp_path / "c", ["a", "b"])
    settle(corpus.seeds_dir)
    settle(corpus.annotations_dir)
    assert corpus.doc_ids() == ["a", "b"] and staged.recover(corpus.annotations_dir) == []
    assert Corpus(tmp_path / "c").doc_ids() == ["a", "b"]

"""No clobber: a save never replaces a file that changed on disk since it was loaded (another
margin, an editor, ``git pull``), nor a file margin could not read. Reading never writes."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import DATA, SEED
from tests.reliability import install, snapshot
from tui import store
from tui.cli import main
from tui.errors import ConflictError, ValidationError
from tui.model import Annotation


def _load(corpus, path):
    return store.load(path, corpus.schema, corpus.document(SEED))


def _with_note(ann: Annotation, note: str) -> Annotation:
    spans = [s.with_(note=note) if s.id == "s1" else s for s in ann.spans]
    return Annotation(ann.doc_id, ann.sha256, ann.chars, ann.annotator, ann.status, ann.updated, spans, ann.relations)


def _only_the_file(path):
    assert sorted(os.listdir(path.parent)) == [path.name], "a temp or side file was left behind"


def test_second_instance_cannot_overwrite_the_first(corpus, alice_file):
    first, second = _load(corpus, alice_file), _load(corpus, alice_file)
    store.save(alice_file, _with_note(first.annotation, "first"), first.fingerprint)
    saved = alice_file.read_bytes()
    with pytest.raises(ConflictError, match="changed on disk since it was loaded"):
        store.save(alice_file, _with_note(second.annotation, "second"), second.fingerprint)
    assert alice_file.read_bytes() == saved
    _only_the_file(alice_file)
    again = _load(corpus, alice_file)  # "reload": the second instance now sees the first's work
    assert again.annotation.span_by_id()["s1"].note == "first"
    store.save(alice_file, _with_note(again.annotation, "second"), again.fingerprint)
    assert _load(corpus, alice_file).annotation.span_by_id()["s1"].note == "second"


def test_git_pull_with_the_same_size_and_mtime_is_still_detected(corpus, alice_file, tmp_path):
    """git replaces the file (new inode); here its size and mtime are made identical too."""
    loaded = _load(corpus, alice_file)
    st = alice_file.stat()
    pulled = alice_file.read_bytes().replace(b"UN estimate", b"UN Estimate")  # same length
    assert len(pulled) == st.st_size
    tmp = tmp_path / "incoming"
    tmp.write_bytes(pulled)
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, alice_file)
    assert alice_file.stat().st_mtime_ns == st.st_mtime_ns and alice_file.stat().st_size == st.st_size
    with pytest.raises(ConflictError):
        store.save(alice_file, _with_note(loaded.annotation, "mine"), loaded.fingerprint)
    assert alice_file.read_bytes() == pulled


def test_touch_alone_is_not_a_conflict(corpus, alice_file):
    loaded = _load(corpus, alice_file)
    os.utime(alice_file, ns=(0, 10**18))  # same bytes, new mtime (e.g. git checkout of the same content)
    store.save(alice_file, _with_note(loaded.annotation, "mine"), loaded.fingerprint)
    assert _load(corpus, alice_file).annotation.span_by_id()["s1"].note == "mine"


def test_file_deleted_on_disk_is_not_recreated_silently(corpus, alice_file):
    loaded = _load(corpus, alice_file)
    alice_file.unlink()
    with pytest.raises(ConflictError, match="deleted on disk"):
        store.save(alice_file, loaded.annotation, loaded.fingerprint)
    assert not alice_file.exists() and os.listdir(alice_file.parent) == []


@pytest.mark.parametrize("content", [b"format: margin/1\nspans: [\n", b"", b"caf\xe9\n", b"\x00" * 10],
                         ids=["syntax", "empty", "latin1", "nul"])
def test_unreadable_file_is_never_overwritten(corpus, content):
    path = install(corpus.root, content)
    doc = corpus.document(SEED)
    with pytest.raises(ValidationError):
        store.load_or_new(path, corpus.schema, doc, "alice")  # no empty annotation to save over it
    with pytest.raises(ConflictError):
        store.save(path, Annotation.new(doc, "alice"), None)
    assert path.read_bytes() == content
    _only_the_file(path)


def test_reading_commands_write_nothing(capsys, corpus_dir, alice_file):
    """validate and stats on a corpus with a changed article, a broken file and a good one."""
    seed = corpus_dir / "seeds" / f"{SEED}.txt"
    seed.write_text("Update: corrected.\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(DATA / "alice.yaml", alice_file.with_name("bob.yaml"))
    install(corpus_dir, "format: margin/1\nspans: [\n", "carol")
    before = snapshot(corpus_dir)
    assert main(["validate", "--corpus", str(corpus_dir)]) == 1
    assert main(["stats", "--corpus", str(corpus_dir)]) == 1
    assert main(["validate", "--corpus", str(corpus_dir), str(alice_file)]) == 0  # re-anchored, in memory only
    capsys.readouterr()
    assert snapshot(corpus_dir) == before

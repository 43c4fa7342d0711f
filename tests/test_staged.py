"""tui.store.staged: several files written all or none, through no link, recoverable after a kill."""

from __future__ import annotations

import errno
import hashlib
import json
import os

import pytest

from tui.store import staged
from tui.store.seal import seal
from tui.errors import ConflictError, DataError


def listing(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_commit_writes_every_file_and_leaves_nothing_else(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_bytes(b"old")
    with staged.Transaction(tmp_path) as t:
        t.write(tmp_path / "a" / "x.yaml", b"new x")
        t.write(tmp_path / "b" / "y.yaml", b"new y", must_not_exist=True)
    assert (tmp_path / "a" / "x.yaml").read_bytes() == b"new x"
    assert (tmp_path / "b" / "y.yaml").read_bytes() == b"new y"
    assert listing(tmp_path) == ["a", "a/x.yaml", "b", "b/y.yaml"]


def test_a_commit_of_many_folders_writes_every_file(tmp_path, monkeypatch):
    """A batch (suggest --write) replaces files in more folders than are synced one by
    one (``sync_paths``): every file is there, nothing else is left."""
    from tui.store import files

    many = files.SYNC_EACH_MAX + 8
    for i in range(0, many, 3):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "x.yaml").write_bytes(b"old")
    synced = []
    monkeypatch.setattr(files.os, "sync", lambda: synced.append(1))
    with staged.Transaction(tmp_path) as t:
        for i in range(many):
            t.write(tmp_path / f"d{i}" / "x.yaml", f"new {i}".encode())
    assert [(tmp_path / f"d{i}" / "x.yaml").read_bytes() for i in range(many)] == \
        [f"new {i}".encode() for i in range(many)]
    assert listing(tmp_path) == sorted([f"d{i}" for i in range(many)] + [f"d{i}/x.yaml" for i in range(many)])
    assert synced == [1]  # the renames of every folder made durable at once


def test_an_exception_in_the_block_writes_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with staged.Transaction(tmp_path) as t:
            t.write(tmp_path / "d" / "x.yaml", b"x")
            raise RuntimeError("boom")
    assert listing(tmp_path) == []  # the folder made for it is gone too


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES])
def test_a_failed_write_removes_every_temp_and_replaces_nothing(tmp_path, monkeypatch, err):
    (tmp_path / "x.yaml").write_bytes(b"old")
    real, calls = os.write, []

    def write(fd, data):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(err, os.strerror(err))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(DataError) as e:
        with staged.Transaction(tmp_path) as t:
            t.write(tmp_path / "x.yaml", b"new")
            t.write(tmp_path / "sub" / "y.yaml", b"new")
    assert str(e.value) == f"{tmp_path / 'sub' / 'y.yaml'}: cannot write: {os.strerror(err)}"
    assert listing(tmp_path) == ["x.yaml"] and (tmp_path / "x.yaml").read_bytes() == b"old"


def test_a_failed_rename_puts_the_old_files_back(tmp_path, monkeypatch):
    for n in ("a", "b"):
        (tmp_path / n).write_bytes(b"old " + n.encode())
    real, calls = os.replace, []

    def replace(src, dst):
        if str(dst).endswith(("/a", "/b")):
            calls.append(dst)
            if len(calls) == 2:
                raise OSError(errno.EIO, "I/O error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DataError, match="nothing was written"):
        with staged.Transaction(tmp_path) as t:
            t.write(tmp_path / "a", b"new a")
            t.write(tmp_path / "b", b"new b")
    assert (tmp_path / "a").read_bytes() == b"old a" and (tmp_path / "b").read_bytes() == b"old b"
    assert listing(tmp_path) == ["a", "b"]


def test_refuses_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.yaml").symlink_to(outside / "target.yaml")
    (root / "dir").symlink_to(outside)
    with pytest.raises(DataError, match="is a symbolic link; refused"):
        with staged.Transaction(root) as t:
            t.write(root / "link.yaml", b"x")
    with pytest.raises(DataError, match="outside .*; refused"):
        with staged.Transaction(root) as t:
            t.write(root / "dir" / "x.yaml", b"x")
    with pytest.raises(DataError, match="outside"):
        with staged.Transaction(root) as t:
            t.write(root / ".." / "escape.yaml", b"x")
    assert listing(outside) == []
    assert sorted(os.listdir(tmp_path)) == ["outside", "root"]


def test_refuses_a_folder_or_fifo_destination_and_a_changed_file(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    os.mkfifo(tmp_path / "f.yaml")
    for name in ("d.yaml", "f.yaml"):
        with pytest.raises(DataError, match="not a regular file"):
            with staged.Transaction(tmp_path) as t:
                t.write(tmp_path / name, b"x")
    (tmp_path / "x.yaml").write_bytes(b"v1")
    with pytest.raises(ConflictError, match="changed on disk"):
        with staged.Transaction(tmp_path) as t:
            t.write(tmp_path / "x.yaml", b"mine")
            (tmp_path / "x.yaml").write_bytes(b"someone else's")
    assert (tmp_path / "x.yaml").read_bytes() == b"someone else's"
    assert sorted(os.listdir(tmp_path)) == ["d.yaml", "f.yaml", "x.yaml"]


def _die_after_renames(tmp_path, monkeypatch, n):
    """Commit, but 'die' (an exception no one catches) after ``n`` renames."""
    real, done = os.replace, []

    class Killed(BaseException):
        pass

    def replace(src, dst):
        if str(src).endswith(".tmp") and not str(src).endswith(".json.tmp"):
            if len(done) == n:
                raise Killed
            done.append(dst)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(staged, "_alive", lambda pid: False)  # as if the writer were dead
    with pytest.raises(Killed):
        t = staged.Transaction(tmp_path)
        for k in range(3):
            t.write(tmp_path / f"f{k}", f"new {k}".encode())
        t.commit()
    monkeypatch.setattr(os, "replace", real)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_recover_finishes_a_commit_killed_mid_way(tmp_path, monkeypatch, n):
    (tmp_path / "f1").write_bytes(b"old 1")
    _die_after_renames(tmp_path, monkeypatch, n)
    assert [p.name for p in tmp_path.glob(".margin-txn-*.json")]  # the journal stays
    done = staged.recover(tmp_path)
    assert len(done) == 3 - n
    assert [(tmp_path / f"f{k}").read_bytes() for k in range(3)] == [b"new 0", b"new 1", b"new 2"]
    assert listing(tmp_path) == ["f0", "f1", "f2"]


def test_recover_keeps_a_file_changed_since_and_distrusts_odd_journals(tmp_path, monkeypatch):
    _die_after_renames(tmp_path, monkeypatch, 1)
    (tmp_path / "f2").write_bytes(b"written by someone after the crash")
    staged.recover(tmp_path)
    assert (tmp_path / "f2").read_bytes() == b"written by someone after the crash"
    assert (tmp_path / "f1").read_bytes() == b"new 1"
    # a journal shipped in a cloned corpus naming files elsewhere is not followed
    victim = tmp_path.parent / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / ".x.1.abcdef01.tmp").write_bytes(b"evil")
    for dest in (str(victim), "../victim"):
        j = tmp_path / ".margin-txn-999999-abcdef01.json"
        body = json.dumps({"margin-txn": 2, "pairs": [{"tmp": ".x.1.abcdef01.tmp", "dest": dest, "old": None,
                                                       "new": hashlib.sha256(b"evil").hexdigest()}]}).encode()
        j.write_bytes(seal(staged.JOURNAL, body))  # even sealed here, a path out of the root is refused
        assert staged.recover(tmp_path) == [f"{j}: not a margin transaction journal; left alone"]
        assert victim.read_bytes() == b"keep"


def test_keeps_the_mode_of_a_replaced_file_and_new_files_follow_the_umask(tmp_path):
    (tmp_path / "shared.yaml").write_bytes(b"old")
    (tmp_path / "shared.yaml").chmod(0o664)
    old = os.umask(0o022)
    try:
        with staged.Transaction(tmp_path) as t:
            t.write(tmp_path / "shared.yaml", b"new")
            t.write(tmp_path / "fresh.yaml", b"new")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.yaml").stat().st_mode & 0o777 == 0o664
    assert (tmp_path / "fresh.yaml").stat().st_mode & 0o777 == 0o644


def test_recover_ignores_a_folder_named_like_a_journal(tmp_path):
    (tmp_path / ".margin-txn-999999-abcdef01.json").mkdir()
    assert staged.recover(tmp_path) == [f"{tmp_path / '.margin-txn-999999-abcdef01.json'}: not a margin transaction "
                                        "journal; left alone"]


@pytest.mark.parametrize("n", [1, 4, 8, 12, 16])
def test_no_write_leaves_a_journal_recovery_would_not_read(tmp_path, monkeypatch, n):
    """The writer and recovery share one journal limit: a write whose journal is over it
    writes nothing; one under it, killed after one rename, is finished by recovery."""
    monkeypatch.setattr(staged, "MAX_JOURNAL_BYTES", 1_500)  # about 8 files' journal
    real = os.replace

    class Killed(BaseException):
        pass

    renamed = []

    def replace(src, dst):
        if str(src).endswith(".tmp") and not str(src).endswith(".json.tmp"):
            if renamed:
                raise Killed
            renamed.append(dst)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(staged, "_alive", lambda pid: False)
    t = staged.Transaction(tmp_path)
    for k in range(n):
        t.write(tmp_path / f"document-{k:04d}.yaml", f"new {k}".encode())
    try:
        t.commit()
    except DataError as e:
        assert "recovery reads; nothing was written" in str(e)
        assert listing(tmp_path) == []
        return
    except Killed:
        pass
    monkeypatch.setattr(os, "replace", real)
    staged.recover(tmp_path)
    assert [(tmp_path / f"document-{k:04d}.yaml").read_bytes() for k in range(n)] == [f"new {k}".encode() for k in range(n)]

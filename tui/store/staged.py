"""All-or-nothing writing of several files: stage, journal, rename, forget.

    with staged.Transaction(corpus.annotations_dir) as t:
        t.write(path_a, data_a)
        t.write(path_b, data_b, must_not_exist=True)
    # here every file is replaced, or (on an exception) none is

``write`` stages a file at once as a temp file next to its destination (``O_EXCL |
O_NOFOLLOW``, written, fsynced): a full disk or a read-only folder fails *before* anything
is replaced, and every temp file goes. ``commit`` (the end of the block) re-checks that no
destination changed since it was staged, writes a journal ``ROOT/.margin-txn-<pid>-<rand>.json``
(temp -> destination pairs, fsynced), hard-links each old file aside, renames every temp
file over its destination (a failed rename puts the old files back), fsyncs the folders
and deletes the journal. A process killed after the journal was written leaves it:
:func:`recover` (run by every new Transaction on the same root; one directory listing, so
cheap enough for any loader) finishes the renames. Nothing is written through a link, into
a folder that resolves outside the root, or from a journal naming anything but margin's
own temp files next to their destinations. Pure core: no Textual, no YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.errors import ConflictError, DataError
from tui.names import journal_owner, temp_owner
from tui.store.files import fsync_dir, read_limited, sync_paths
from tui.store.listing import remembered
from tui.store.seal import Unsealed, seal, unseal

JOURNAL = "staged-journal"  # the seal purpose of journals
#: what recovery reads of a journal (before its seal is checked): a pair is about 250 bytes,
#: so one write may hold about two million files; the writer refuses a bigger journal before
#: anything is renamed, so no write can leave a journal recovery would not read.
MAX_JOURNAL_BYTES = 512 * 2**20
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class _Staged:
    dest: Path
    tmp: Path
    old: str | None  # sha256 of the destination when staged; None: it did not exist
    new: str = ""  # sha256 of what was staged
    backup: Path | None = None
    renamed: bool = False


def _sha_of(path: Path) -> str | None:
    """sha256 of the regular file at ``path`` (not following a link), None if absent."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise DataError(f"{path}: cannot read: {_why(e)}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataError(f"{path}: not a regular file; refused")
    with open(fd, "rb") as f:
        h = hashlib.sha256()
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
        return h.hexdigest()


def _why(e: OSError) -> str:
    if e.errno is not None and e.errno == getattr(os, "ELOOP", -1):
        return "it is a symbolic link"
    return e.strerror or type(e).__name__


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # someone else's live process (or a nonsense pid: not ours to judge)
    return True


def _write_new(path: Path, data: bytes, mode: int | None) -> None:
    """Create ``path`` (never through a link, never over a file; ``mode``, or 0o666 less
    the umask), write ``data``, fsync."""
    fd = os.open(path, _FLAGS, 0o600 if mode is not None else 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def remove_dead_temps(folder: Path, name: str) -> None:
    """Delete ``.NAME.<pid>.*.tmp`` files next to ``folder/NAME`` whose writer is dead."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for n in names:
        pid = temp_owner(n, name)
        if pid is None or _alive(pid):
            continue
        try:
            if stat.S_ISREG(os.lstat(os.path.join(folder, n)).st_mode):
                os.unlink(os.path.join(folder, n))
        except OSError:
            pass


class Transaction:
    """Stage files under ``root``; commit replaces them all or none (see the module doc)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._real_root = Path(os.path.realpath(self.root))
        self._staged: list[_Staged] = []
        self._dests: set[Path] = set()
        self._made: list[Path] = []  # folders this transaction created (removed on abort)
        self._done = False
        self.recovered = recover(self.root)

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def _folder(self, folder: Path) -> None:
        """Create ``folder`` (and parents) under the root, refusing links that lead out."""
        try:
            rel = Path(os.path.abspath(folder)).relative_to(os.path.abspath(self.root))
        except ValueError:
            raise DataError(f"{folder}: outside {self.root}; refused") from None
        cur = self.root
        for part in ("", *rel.parts):
            cur = cur / part if part else cur
            try:
                st = os.lstat(cur)
            except FileNotFoundError:
                try:
                    os.mkdir(cur)
                except OSError as e:
                    raise DataError(f"{cur}: cannot create the folder: {_why(e)}") from None
                self._made.append(cur)
                continue
            if stat.S_ISLNK(st.st_mode):
                real = Path(os.path.realpath(cur))
                if not (real == self._real_root or real.is_relative_to(self._real_root)) or not real.is_dir():
                    raise DataError(f"{cur}: a symbolic link to {real}, outside {self.root}; refused")
            elif not stat.S_ISDIR(st.st_mode):
                raise DataError(f"{cur}: not a folder")

    def write(self, path: Path, data: bytes, *, must_not_exist: bool = False) -> None:
        """Stage ``data`` for ``path`` now (temp file written and fsynced); DataError if
        that fails, after removing everything this transaction staged."""
        if self._done:
            raise RuntimeError("transaction already finished")
        path = Path(path)
        try:
            self._folder(path.parent)
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                st = None
            if st is not None:
                if stat.S_ISLNK(st.st_mode):
                    raise DataError(f"{path}: is a symbolic link; refused (margin never writes through links)")
                if not stat.S_ISREG(st.st_mode):
                    raise DataError(f"{path}: exists and is not a regular file; refused")
                if must_not_exist:
                    raise DataError(f"{path}: exists; use --force to replace it")
            if path in self._dests:
                raise DataError(f"{path}: written twice in one transaction")
            old = _sha_of(path) if st is not None else None
            mode = stat.S_IMODE(st.st_mode) if st is not None else None
            remove_dead_temps(path.parent, path.name)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            self._staged.append(_Staged(path, tmp, old, hashlib.sha256(data).hexdigest()))
            self._dests.add(path)
            try:
                _write_new(tmp, data, mode)  # an old file's mode is kept
            except FileExistsError:
                self._staged.pop()  # not ours: never removed
                raise DataError(f"{path}: cannot write: its temporary name is taken") from None
            except OSError as e:
                raise DataError(f"{path}: cannot write: {_why(e)}") from None
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Remove every staged temp file and the folders made for them; replace nothing."""
        if self._done:
            return
        self._done = True
        for s in self._staged:
            _unlink(s.tmp)
        for d in reversed(self._made):
            try:
                os.rmdir(d)
            except OSError:
                pass

    def commit(self) -> None:
        if self._done:
            raise RuntimeError("transaction already finished")
        if not self._staged:
            self._done = True
            return
        try:
            for s in self._staged:
                if _sha_of(s.dest) != s.old:
                    raise ConflictError(f"{s.dest}: changed on disk while margin was writing it; nothing was written")
                if s.old is not None:
                    backup = s.dest.with_name(f".{s.dest.name}.{os.getpid()}.{secrets.token_hex(4)}.old")
                    try:
                        os.link(s.dest, backup, follow_symlinks=False)
                        s.backup = backup
                    except OSError:
                        pass  # no hard links here: that file cannot be put back if a rename fails
            journal = self._journal()
        except BaseException:
            for s in self._staged:
                if s.backup is not None:
                    _unlink(s.backup)
            self.abort()
            raise
        self._done = True
        try:
            for s in self._staged:
                os.replace(s.tmp, s.dest)
                s.renamed = True
        except OSError as e:
            failed = next(s for s in self._staged if not s.renamed)
            self._roll_back()
            _unlink(journal)
            raise DataError(f"{failed.dest}: cannot write: {_why(e)}; nothing was written") from None
        sync_paths({s.dest.parent for s in self._staged}, folders=True)
        _unlink(journal)
        for s in self._staged:
            if s.backup is not None:
                _unlink(s.backup)

    def _journal(self) -> Path:
        """Write the journal atomically (temp, fsync, rename, fsync the folder)."""
        name = f".margin-txn-{os.getpid()}-{secrets.token_hex(4)}.json"
        path = self.root / name
        body = seal(JOURNAL, json.dumps({"margin-txn": 2, "pairs": [
            {"tmp": os.path.relpath(s.tmp, self.root), "dest": os.path.relpath(s.dest, self.root),
             "old": s.old, "new": s.new} for s in self._staged]}).encode("utf-8"))
        if len(body) > MAX_JOURNAL_BYTES:
            raise DataError(f"{self.root}: one write of {len(self._staged):,} files needs a journal of "
                            f"{len(body):,} bytes, over the {MAX_JOURNAL_BYTES:,} recovery reads; nothing was "
                            "written: write fewer documents at a time (--docs)")
        tmp = self.root / (name + ".tmp")
        try:
            _write_new(tmp, body, 0o600)
            os.replace(tmp, path)
        except OSError as e:
            _unlink(tmp)
            raise DataError(f"{path}: cannot write the transaction journal: {_why(e)}; nothing was written") from None
        fsync_dir(self.root)
        return path

    def _roll_back(self) -> None:
        for s in self._staged:
            if not s.renamed:
                _unlink(s.tmp)
            elif s.backup is not None:
                try:
                    os.replace(s.backup, s.dest)
                    s.backup = None
                except OSError:
                    pass
            elif s.old is None:
                _unlink(s.dest)
            if s.backup is not None:
                _unlink(s.backup)


def _unlink(p: Path) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def recover(root: Path) -> list[str]:
    """Roll the journals of dead writers under ``root`` forward; one line per thing done.

    Only a journal sealed on this machine (``tui.store.seal``) is followed: one a cloned
    corpus ships is reported and left alone, its temp files untouched. A staged temp file
    replaces its destination if it still holds what was staged and the destination is still
    what it was when staged (else the newer destination is kept)."""
    root = Path(root)
    # listed once per version of the folder: a journal's creation changes it
    names = remembered(root, "journals", lambda: _journals(root), valid=lambda v: v == [], keep=lambda v: v == [])
    if not names:
        return []
    out = []
    for name in sorted(names):
        pid = journal_owner(name)
        path = root / name
        if pid is None or _alive(pid):
            continue
        if name.endswith(".tmp"):
            _unlink(path)  # a journal never finished: its writer replaced nothing
            continue
        try:
            pairs = _read_journal(root, path)
        except Unsealed as e:
            out.append(str(e))
            continue
        if pairs is None:
            out.append(f"{path}: not a margin transaction journal; left alone")
            continue
        out.extend(_roll_forward(path, pairs))
    return out


def _journals(root: Path) -> list[str] | None:
    try:
        return [n for n in os.listdir(root) if n.startswith(".margin-txn-")]
    except OSError:
        return None


def _roll_forward(path: Path, pairs) -> list[str]:
    out, stuck = [], False
    for tmp, dest, old, new in pairs:
        if not os.path.lexists(tmp):
            continue  # renamed before the writer died
        try:
            same = _sha_of(dest) == old and _sha_of(tmp) == new
        except DataError:
            same = False
        if same:
            try:
                os.replace(tmp, dest)
            except OSError as e:
                out.append(f"{dest}: cannot finish an interrupted write: {_why(e)}")
                stuck = True
                continue
            out.append(f"{dest}: finished an interrupted write")
        else:
            _unlink(tmp)
            out.append(f"{dest}: changed since an interrupted write; kept as it is")
    for folder in {d.parent for _, d, _, _ in pairs}:
        fsync_dir(folder)
    if not stuck:  # else the journal stays for the next try
        for _, dest, _, _ in pairs:
            remove_dead_temps(dest.parent, dest.name)
        _unlink(path)
    return out


_SHA = re.compile(r"[0-9a-f]{64}")


def _read_journal(root: Path, path: Path) -> list[tuple[Path, Path, str | None, str]] | None:
    """The journal's (temp, destination, old sha, new sha) tuples, or None if it is not
    usable; Unsealed when this machine's margin did not write it."""
    try:
        data = unseal(JOURNAL, read_limited(path, MAX_JOURNAL_BYTES, "journal", nofollow=True), path)
        obj = json.loads(data)
    except Unsealed:
        raise
    except (DataError, ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or obj.get("margin-txn") != 2 or not isinstance(obj.get("pairs"), list):
        return None
    real_root = os.path.realpath(root)
    out = []
    for p in obj["pairs"]:
        if not isinstance(p, dict) or not all(isinstance(p.get(k), str) and "\0" not in p[k] for k in ("tmp", "dest", "new")):
            return None
        old = p.get("old")
        if old is not None and not (isinstance(old, str) and _SHA.fullmatch(old)) or not _SHA.fullmatch(p["new"]):
            return None
        tmp, dest = root / p["tmp"], root / p["dest"]
        if os.path.isabs(p["tmp"]) or os.path.isabs(p["dest"]) or ".." in Path(p["dest"]).parts \
                or tmp.parent != dest.parent or temp_owner(tmp.name, dest.name) is None:
            return None
        parent = os.path.realpath(dest.parent)
        if not (parent == real_root or parent.startswith(real_root + os.sep)) or os.path.islink(dest) \
                or os.path.islink(tmp):
            return None
        out.append((tmp, dest, old, p["new"]))
    return out

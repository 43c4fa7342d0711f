"""Annotation files on disk: bounded, checked reads, atomic writes, and fingerprints that
tell a save whether the file changed since it was read."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tui.errors import DataError, ValidationError


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we read it: a save refuses to clobber a changed file."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> "Fingerprint":
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        with open(path, "rb") as f:
            data = f.read()
            st = os.fstat(f.fileno())
    except FileNotFoundError:
        return None
    return Fingerprint.of_bytes(data, st)


MAX_FILE_BYTES = 4 * 2**20  # ~17,000 spans; bigger files are refused before reading


def read_file(path: Path) -> tuple[str, Fingerprint]:
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
        with open(fd, "rb") as f:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ValidationError([f"{path}:1: not a regular file"])
            if st.st_size > MAX_FILE_BYTES:
                raise ValidationError([f"{path}:1: file is too large ({st.st_size} bytes; "
                                       f"margin reads annotation files up to {MAX_FILE_BYTES} bytes)"])
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise DataError(f"{path}:1: cannot read: {e.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError([f"{path}:1: file is too large (margin reads annotation files up to {MAX_FILE_BYTES} bytes)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ValidationError([f"{path}:{line}: not UTF-8 (bad byte at offset {e.start})"]) from None
    return text, Fingerprint.of_bytes(data, st)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _remove_dead_temps(path: Path) -> None:
    """Delete temp files that writers killed mid-save left next to ``path``.

    Best effort and never fatal: a name that only looks like ours (a huge or odd pid, a
    folder, a link, a file we may not delete) is left alone; a save never fails here."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if not (pid.isascii() and pid.isdigit() and len(pid) <= 10):
            continue
        try:
            os.kill(int(pid), 0)
            continue  # its writer is alive: in flight
        except ProcessLookupError:
            pass
        except (OSError, OverflowError, ValueError):
            continue
        try:
            if stat.S_ISREG(os.lstat(path.parent / name).st_mode):
                os.unlink(path.parent / name)
        except OSError:
            pass


def atomic_write(path: Path, data: bytes) -> Fingerprint:
    """Write via a temp file in the same directory, fsync, os.replace, fsync the directory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)
    st = os.stat(path)
    return Fingerprint(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def fsync_dir(path: Path) -> None:
    """Make a rename in folder ``path`` durable (the one place margin syncs a folder)."""
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder

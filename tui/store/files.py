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
from tui.names import temp_owner


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
    """What ``path`` holds now (None: nothing); DataError for a FIFO, device or giant."""
    if not os.path.lexists(path):
        return None
    try:
        data, st = read_limited_stat(path, file_limit(None), "annotation file")
    except DataError as e:
        if not os.path.lexists(path):
            return None
        raise DataError(str(e)) from None
    return Fingerprint.of_bytes(data, st)


MAX_FILE_BYTES = 4 * 2**20  # an annotation file's floor: ~17,000 spans on any article
MAX_ARTICLE_BYTES = 8 * 2**20  # ~1,500 pages; bigger articles are refused before reading


def file_limit(article_chars: int | None) -> int:
    """The largest annotation file margin reads or writes for an article of
    ``article_chars`` characters (None: any article): 4 MiB plus twice the article, so a
    densely annotated long article (20,000 spans on 5 MB) still opens."""
    chars = MAX_ARTICLE_BYTES if article_chars is None else max(0, article_chars)
    return MAX_FILE_BYTES + 2 * chars


class Refused(DataError):
    """A file margin will not read: not a regular file, or over its size limit."""


def read_limited(path: Path, limit: int, what: str = "file", *, nofollow: bool = False) -> bytes:
    return read_limited_stat(path, limit, what, nofollow=nofollow)[0]


def read_limited_stat(path: Path, limit: int, what: str = "file", *,
                      nofollow: bool = False) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path``: the one bounded read every file margin takes
    from a corpus goes through. Folders, FIFOs, devices (``/dev/zero``, ``/dev/stdin``,
    through a link or not) and files over ``limit`` bytes are refused in one line before
    anything is read (a FIFO never blocks the open); with ``nofollow`` a link is refused
    too. Never reads more than ``limit + 1`` bytes, whatever the file claims."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (os.O_NOFOLLOW if nofollow else 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if nofollow and e.errno == getattr(os, "ELOOP", -1):
            raise Refused(f"{path}:1: is a symbolic link; refused") from None
        raise DataError(f"{path}:1: cannot read: {e.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Refused(f"{path}:1: not a regular file (a folder, FIFO or device?)")
    with open(fd, "rb") as f:
        if st.st_size > limit:
            raise Refused(f"{path}:1: {what} is too large ({st.st_size:,} bytes; margin reads up to {limit:,})")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise DataError(f"{path}:1: cannot read: {e.strerror}") from None
    if len(data) > limit:
        raise Refused(f"{path}:1: {what} is too large (margin reads up to {limit:,} bytes)")
    return data, st


def inflated_size(data: bytes, cap: int) -> int | None:
    """How many bytes zlib ``data`` inflates to, or None when that is over ``cap`` (counted
    1 MiB at a time, so a bomb costs memory for 1 MiB and time for ``cap``, never more);
    ValueError when ``data`` is not zlib."""
    import zlib

    d = zlib.decompressobj()
    total, pending = 0, data
    try:
        while pending:
            total += len(d.decompress(pending, 2**20))
            pending = d.unconsumed_tail
            if total > cap:
                return None
        total += len(d.flush())
    except zlib.error as e:
        raise ValueError(str(e)) from None
    return total if total <= cap else None


def read_file(path: Path, limit: int | None = None) -> tuple[str, Fingerprint]:
    """An annotation file's text and fingerprint (``limit``: :func:`file_limit` of its
    article; the largest article's when unknown)."""
    path = Path(path)
    try:
        data, st = read_limited_stat(path, file_limit(None) if limit is None else limit, "annotation file")
    except Refused as e:
        raise ValidationError([str(e)]) from None
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
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        pid = temp_owner(name, path.name)
        if pid is None or not name.endswith(".tmp"):
            continue
        try:
            os.kill(pid, 0)
            continue  # its writer is alive: in flight
        except ProcessLookupError:
            pass
        except OSError:
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


SYNC_EACH_MAX = 32  # more paths than this: one os.sync, not an fsync each


def sync_paths(paths, folders: bool = False) -> None:
    """Make the files (or, with ``folders``, the renames in the folders) ``paths`` durable:
    an fsync each for a few, one ``os.sync`` for many (10,000 folders of a batch take
    seconds of fsyncs, one after another; one sync call writes them out together)."""
    paths = list(paths)
    if len(paths) > SYNC_EACH_MAX and hasattr(os, "sync"):
        os.sync()
        return
    for p in paths:
        if folders:
            fsync_dir(p)
            continue
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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

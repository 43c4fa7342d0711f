"""The export's output folder: margin only ever replaces a folder it provably made.

- Every export carries a marker file, ``.margin-export`` (JSON: a magic string, a random
  export id, the format, and the list of files it wrote). ``check`` accepts as ``--out``
  a path that does not exist, an empty directory, or a directory whose marker is valid and
  which holds nothing but the files that marker lists. Anything else (a user's folder, an
  export from a margin before the marker, an export someone added files to, a symbolic
  link) is refused with one line, before any work is done.
- The export is written in a staging directory beside ``--out`` (``.<name>.margin-staging-
  <random>``, marker first, locked with ``flock`` while its writer lives), then swapped with
  the old export in one ``renameat2(RENAME_EXCHANGE)``: at every instant ``--out`` is the
  complete old export or the complete new one. Where the file system cannot exchange, the
  old export is moved aside (``.<name>.margin-old-<random>``) and the new one renamed in;
  a run killed between the two renames is repaired by the next run.
- Staging directories of dead writers (unlocked, holding a valid marker, or nothing but a
  marker being written) are
  removed at the start of the next export to the same place; nothing else is ever removed.
- A path lexically inside the corpus must resolve inside it (a symlinked ``exports/``
  pointing elsewhere is refused), and never inside ``seeds/`` or ``annotations/``.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import secrets
import stat
from pathlib import Path

from tui.display import one_line
from tui.errors import DataError
from tui.store.files import fsync_dir, read_limited
from tui.store.seal import seal, unseal

MARKER = ".margin-export"
MARKER_TMP = MARKER + ".tmp"
MAGIC = "margin-export/1"
PURPOSE = "export-marker"  # the seal purpose of markers
CARD = "dataset_card.md"
STAGE, OLD = "margin-staging-", "margin-old-"
ALLOWED_EXTRA = {"brat": {".stats_cache"}}  # caches the consumer itself writes into an export
_NAME_KEEP = 80  # characters of --out's name kept in temp names (NAME_MAX is 255 bytes)


def show(path) -> str:
    return one_line(str(path))


# --------------------------------------------------------------------------- the marker


def marker_bytes(fmt: str, export_id: str, files) -> bytes:
    """The marker, sealed with this machine's key (``tui.store.seal``): a marker a cloned
    corpus ships never makes margin replace or delete anything."""
    return seal(PURPOSE, (json.dumps({"magic": MAGIC, "id": export_id, "format": fmt, "files": sorted(files)},
                                     indent=1) + "\n").encode("utf-8"))


def read_marker(folder: Path) -> dict | None:
    """The marker of ``folder`` if it is a regular file with a well-formed marker sealed on
    this machine, else None."""
    try:
        m = json.loads(unseal(PURPOSE, read_limited(folder / MARKER, 8 * 2**20, "marker", nofollow=True),
                              folder / MARKER).decode("utf-8"))
    except (DataError, ValueError, RecursionError):
        return None
    ok = (isinstance(m, dict) and m.get("magic") == MAGIC and isinstance(m.get("id"), str)
          and isinstance(m.get("format"), str) and isinstance(m.get("files"), list)
          and all(isinstance(f, str) for f in m["files"]))
    return m if ok else None


def strangers(folder: Path, marker: dict) -> list[str]:
    """Entries under ``folder`` the marker does not account for (links are never ours)."""
    listed = set(marker["files"]) | {MARKER}
    dirs = {str(Path(f).parent) for f in listed} - {"."}
    dirs |= {str(p) for d in list(dirs) for p in Path(d).parents if str(p) != "."}
    extra = ALLOWED_EXTRA.get(marker["format"], set())
    out = []
    for root, subdirs, files in os.walk(folder):
        rel_root = Path(root).relative_to(folder)
        for name in subdirs + files:
            rel = str(rel_root / name) if str(rel_root) != "." else name
            path = Path(root) / name
            if path.is_symlink():
                out.append(rel)
            elif name in subdirs:
                if rel not in dirs:
                    out.append(rel)
            elif rel not in listed and name not in extra:
                out.append(rel)
        subdirs[:] = [d for d in subdirs if not (Path(root) / d).is_symlink()]
    return sorted(out)


# --------------------------------------------------------------------------- checks


def check_place(out: Path, corpus_root: Path | None) -> None:
    """Refuse an output path that is a link, or that leaves/abuses the corpus it is in."""
    if out.is_symlink():
        raise DataError(f"{show(out)}: is a symbolic link; margin does not write through links "
                        "(give the real path with --out)")
    if corpus_root is None:
        return
    root = Path(os.path.normpath(Path(corpus_root).absolute()))
    lexical = Path(os.path.normpath(out.absolute()))
    if not lexical.is_relative_to(root):
        return  # a place of the user's choosing outside the corpus
    real_root = root.resolve()
    real = lexical.parent.resolve() / lexical.name
    if not real.is_relative_to(real_root):
        raise DataError(f"{show(out)}: resolves outside the corpus (a link leads to {show(real.parent)}); "
                        "refused: remove the link or give --out a real path")
    if real == real_root:
        raise DataError(f"{show(out)}: is the corpus itself; choose another --out (default: exports/FORMAT)")
    for sub in ("seeds", "annotations"):
        if real.is_relative_to(real_root / sub):
            raise DataError(f"{show(out)}: is inside the corpus's {sub}/ folder; choose another --out")


def check_folder(out: Path, corpus_root: Path | None = None) -> None:
    """Refuse ``out`` unless it is absent, empty, or an export margin made and nobody changed."""
    check_place(out, corpus_root)
    if not out.exists():
        return
    if not out.is_dir():
        raise DataError(f"{show(out)}: exists and is not a directory; choose a new or empty directory")
    try:
        first = next(os.scandir(out), None)
    except OSError as e:
        raise DataError(f"{show(out)}: cannot read: {e.strerror}") from None
    if first is None:
        return
    marker = read_marker(out)
    if marker is None:
        if os.path.lexists(out / MARKER):
            raise DataError(f"{show(out)}: its {MARKER} was not written by margin on this machine (a cloned, "
                            f"copied or older export), so margin will not replace it; check it and remove it "
                            f"yourself (rm -r {show(out)}) or choose another --out")
        if (out / CARD).is_file():
            raise DataError(f"{show(out)}: looks like an export from an older margin (no {MARKER} marker), "
                            f"so margin will not replace it; check it and remove it yourself "
                            f"(rm -r {show(out)}) or choose another --out")
        raise DataError(f"{show(out)}: not empty and not a margin export (no {MARKER}); "
                        "choose a new or empty directory")
    extra = strangers(out, marker)
    if extra:
        more = f" and {len(extra) - 1} more" if len(extra) > 1 else ""
        raise DataError(f"{show(out / extra[0])}{more}: not written by the margin export in "
                        f"{show(out)}; move it out first, or choose another --out")


# --------------------------------------------------------------------------- staging


def _lock(path: Path) -> int | None:
    """An fd holding an exclusive flock on directory ``path``, or None if someone holds it."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def remove_tree(path: Path) -> None:
    """Remove an export tree bottom-up, its top marker last, so a run killed half-way leaves
    a directory that the next cleanup still recognises (marker present, or empty)."""
    for root, dirs, files in os.walk(path, topdown=False):
        for name in files + [d for d in dirs if (Path(root) / d).is_symlink()]:
            if Path(root) == path and name == MARKER:
                continue
            try:
                os.unlink(Path(root) / name)
            except FileNotFoundError:
                pass
        if Path(root) != path:
            try:
                os.rmdir(root)
            except FileNotFoundError:
                pass
    for last in (lambda: os.unlink(path / MARKER), lambda: os.rmdir(path)):
        try:
            last()
        except FileNotFoundError:
            pass


def temp_prefix(out: Path) -> str:
    return f".{out.name[:_NAME_KEEP]}."


def clean_dead(out: Path) -> None:
    """Remove what killed exports to ``out`` left beside it; restore an old export moved
    aside if ``out`` itself went missing (only possible without RENAME_EXCHANGE)."""
    parent, prefix = out.absolute().parent, temp_prefix(out)
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return
    for name in names:
        rest = name[len(prefix):] if name.startswith(prefix) else ""
        if not rest.startswith((STAGE, OLD)):
            continue
        path = parent / name
        if path.is_symlink() or not path.is_dir():
            continue
        try:
            fd = _lock(path)
        except OSError:
            continue
        if fd is None:
            continue  # a live export is using it
        try:
            if read_marker(path) is not None:  # sealed here: a folder this machine's margin made
                if rest.startswith(OLD) and not out.exists() and not out.is_symlink():
                    os.rename(path, out)
                else:
                    remove_tree(path)
            elif set(os.listdir(path)) <= {MARKER_TMP}:  # died writing its first marker
                for name in os.listdir(path):
                    os.unlink(path / name)
                os.rmdir(path)
        except OSError:
            pass
        finally:
            os.close(fd)


class Staging:
    """A locked staging directory beside ``out``, marker first; ``commit`` swaps it in."""

    def __init__(self, out: Path, fmt: str):
        self.out, self.fmt = out, fmt
        self.id = secrets.token_hex(16)
        parent = out.absolute().parent
        for _ in range(3):
            path = Path(os.path.join(parent, f"{temp_prefix(out)}{STAGE}{secrets.token_hex(6)}"))
            os.mkdir(path, 0o700)
            try:
                fd = _lock(path)
            except FileNotFoundError:
                continue  # a concurrent cleanup took it while still empty
            if fd is not None:
                break
        else:
            raise DataError(f"{show(out)}: cannot make a staging directory beside it")
        self.path, self.fd = path, fd
        self._write_marker([])

    def _write_marker(self, files) -> None:
        """Temp file + rename: a marker is never seen half-written."""
        tmp = self.path / MARKER_TMP
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(marker_bytes(self.fmt, self.id, files))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / MARKER)

    def commit(self, files, corpus_root: Path | None) -> None:
        """Final marker, then put the staging directory at ``out`` in one exchange."""
        self._write_marker(files)
        check_folder(self.out, corpus_root)  # again: the folder may have changed meanwhile
        os.chmod(self.path, 0o755)
        if not self.out.exists():
            os.rename(self.path, self.out)
        else:
            try:
                exchange(self.path, self.out)
            except _NoExchange:
                aside = self.out.absolute().parent / f"{temp_prefix(self.out)}{OLD}{secrets.token_hex(6)}"
                os.rename(self.out, aside)
                os.rename(self.path, self.out)
                self.path = aside
            remove_tree(self.path)  # the old export, now at the staging name
        fsync_dir(self.out.absolute().parent)

    def discard(self) -> None:
        if self.path.exists() and not self.path.is_symlink() and self.path != self.out:
            remove_tree(self.path)

    def close(self) -> None:
        os.close(self.fd)


class _NoExchange(Exception):
    pass


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    """Atomically swap two paths (Linux renameat2); _NoExchange where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        raise _NoExchange from None
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise _NoExchange
        raise OSError(err, os.strerror(err), str(b))



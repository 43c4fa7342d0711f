"""What a directory's listing gives, kept per version of the directory, so that opening a
document costs the same in a corpus of 10,000 as in one of 30.

A directory's (mtime_ns, inode, device) changes whenever an entry is added, removed or
renamed in it; a file's content changing inside it does not. ``remembered`` keeps what
``compute`` (a listing and what follows from it) gave for a version, in memory and in the
user's cache folder (``tui.store.seal.cache_dir``, never in the corpus: a clone cannot
plant an answer), and lists again only when the directory changed. Guards:

- a value is kept only when the directory's last change is over ``SETTLED`` seconds older
  than the listing: an entry added within the same timestamp tick as the stat would not
  change the key (the "racy" case of git's index);
- ``keep(value)`` may refuse a value that must be computed again each time (a journal of a
  writer still alive);
- a cache file that does not read back as written is ignored (bounded read).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.errors import DataError
from tui.store.files import atomic_write, read_limited
from tui.store.seal import cache_dir

SETTLED = 2.0  # seconds
LIMIT = 64 * 2**20
_memory: dict[str, tuple[list[int], Any]] = {}


def remembered(directory: Path, kind: str, compute: Callable[[], Any], valid: Callable[[Any], bool],
               keep: Callable[[Any], bool] = lambda value: True) -> Any:
    """``compute()`` for this version of ``directory``, or what it gave before for it. The
    value must be JSON; ``kind`` names what it is (one directory may have several);
    ``valid`` checks a value read back from the cache."""
    try:
        st = os.stat(directory)
    except OSError:
        return compute()
    key = [st.st_mtime_ns, st.st_ino, st.st_dev]
    name = hashlib.sha256(f"{kind}\0{os.path.abspath(directory)}".encode()).hexdigest()[:24]
    path = cache_dir() / "listings" / f"{name}.json"
    mine = _memory.get(str(path))  # what this process computed or checked
    if mine is not None and mine[0] == key:
        return mine[1]
    kept = _read(path, kind)  # what an earlier session kept: checked before use
    if kept is not None and kept[0] == key and valid(kept[1]):
        _memory[str(path)] = kept
        return kept[1]
    value = compute()
    if time.time() - st.st_mtime_ns / 1e9 > SETTLED and keep(value):
        _memory[str(path)] = (key, value)
        try:
            atomic_write(path, json.dumps({"kind": kind, "key": key, "value": value}).encode())
        except (OSError, DataError):
            pass  # a cache that cannot be written costs only speed
    return value


def _read(path: Path, kind: str) -> tuple[list[int], Any] | None:
    try:
        data = json.loads(read_limited(path, LIMIT, "listing cache", nofollow=True))
    except (DataError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("kind") != kind or not isinstance(data.get("key"), list):
        return None
    return data["key"], data.get("value")

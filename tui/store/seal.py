"""State margin derives and keeps inside a corpus is sealed with a key that never leaves
this machine, so a cloned corpus cannot forge it.

A corpus is a git repository people share: anything in it may have been written by a
stranger. Files only margin should write there (a learned model's ``model.json``, a staged
writer's journal, an export's marker) carry a first line

    margin-sealed/1 <hex HMAC-SHA256 of (purpose, payload)>

over the rest of the file, made with a 256-bit key kept in the user's own configuration
folder (``$MARGIN_KEY_FILE``, else ``$XDG_CONFIG_HOME/margin/key``, else
``~/.config/margin/key``), created on first use with mode 0600. :func:`unseal` checks the
seal *before* anything parses the payload; a file that fails is reported in one line and
never acted on (:class:`Unsealed`). The purpose binds a seal to one kind of file, so a
sealed journal cannot pass for a model.

Pure core: no Textual, no YAML.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from tui.errors import DataError

MAGIC = b"margin-sealed/1 "
KEY_BYTES = 32
_HEADER = len(MAGIC) + 64 + 1  # magic, hex digest, newline


class Unsealed(DataError):
    """A file margin should have written does not carry this machine's seal."""


def key_path() -> Path:
    explicit = os.environ.get("MARGIN_KEY_FILE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "margin" / "key"


def cache_dir() -> Path:
    """Where margin keeps state it derives outside any corpus (``$MARGIN_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/margin``, else ``~/.cache/margin``): the dashboard's cache, locks."""
    return Path(os.environ.get("MARGIN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "margin"))


_cache: dict[str, bytes] = {}


def key() -> bytes:
    """This machine's key (made on first use); DataError in one line if it is unusable."""
    path = key_path()
    got = _cache.get(str(path))
    if got is not None:
        return got
    try:
        k = _read_key(path)
    except FileNotFoundError:
        k = _make_key(path)
    _cache[str(path)] = k
    return k


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != 2 * KEY_BYTES + 1:
            raise DataError(f"{path}: not a margin key (remove it and margin makes a new one)")
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise DataError(f"{path}: the key is readable or owned by another user; "
                            f"`chmod 600 {path}` (or remove it and margin makes a new one)")
        data = os.read(fd, 2 * KEY_BYTES + 2)
    finally:
        os.close(fd)
    try:
        return bytes.fromhex(data.decode("ascii").strip())
    except ValueError:
        raise DataError(f"{path}: not a margin key (remove it and margin makes a new one)") from None


def _make_key(path: Path) -> bytes:
    """Write a new key under a temp name, then link it into place: two processes making a
    key at once agree on one (the loser reads the winner's)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, (secrets.token_hex(KEY_BYTES) + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError as e:
        raise DataError(f"{path}: cannot make margin's key: {e.strerror}") from None
    return _read_key(path)


def _mac(purpose: str, payload: bytes) -> str:
    return hmac.new(key(), purpose.encode("utf-8") + b"\0" + payload, hashlib.sha256).hexdigest()


def seal(purpose: str, payload: bytes) -> bytes:
    """``payload`` with this machine's seal for ``purpose`` as its first line."""
    return MAGIC + _mac(purpose, payload).encode("ascii") + b"\n" + payload


def unseal(purpose: str, data: bytes, where: object) -> bytes:
    """The payload of sealed ``data``; :class:`Unsealed` (one line naming ``where``) when the
    seal is missing or was not made on this machine for ``purpose``."""
    if not data.startswith(MAGIC) or len(data) < _HEADER or data[_HEADER - 1:_HEADER] != b"\n":
        raise Unsealed(f"{where}: not sealed by margin on this machine (cloned, copied or "
                       "hand-made); ignored")
    mac, payload = data[len(MAGIC):_HEADER - 1], data[_HEADER:]
    if not hmac.compare_digest(mac, _mac(purpose, payload).encode("ascii")):
        raise Unsealed(f"{where}: its seal does not match this machine's key (cloned, copied "
                       "or edited); ignored")
    return payload


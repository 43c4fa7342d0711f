"""A corpus directory: ``seeds/`` (articles), ``annotations/`` and an optional ``margin.yaml``.

Ids and annotator names are validated with ``tui.names`` (the one grammar).
"""

from __future__ import annotations

import copy
import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.errors import DataError
from tui.store.files import MAX_ARTICLE_BYTES, read_limited
from tui.store.listing import remembered
from tui.model import Document
from tui.names import GOLD, NAME_RE, check_name  # noqa: F401  (re-exported: the one grammar)
from tui.schema import DEFAULT_SCHEMA, Schema, schema_from_dict



def read_bytes_limited(path: Path, limit: int = MAX_ARTICLE_BYTES, what: str = "article") -> bytes:
    """The bytes of the regular file ``path`` (``tui.store.files.read_limited``: folders,
    FIFOs, devices and files over ``limit`` refused in one line before reading)."""
    return read_limited(path, limit, what)


def read_text(path: Path) -> str:
    """Read a UTF-8 article exactly (no newline translation); refuse anything else."""
    return decode_article(read_bytes_limited(Path(path)), path)


def decode_article(data: bytes, path) -> str:
    """The text of an article's bytes: UTF-8 without NUL or byte-order mark, else DataError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(f"{path}: not UTF-8: bad byte 0x{data[e.start]:02x} at byte offset {e.start}") from None
    nul = data.find(b"\0")
    if nul != -1:
        raise DataError(f"{path}: NUL byte at byte offset {nul} (UTF-16?); save it as UTF-8")
    if text.startswith("\ufeff"):
        raise DataError(f"{path}: starts with a byte-order mark; save it as UTF-8 without BOM")
    return text


@dataclass
class Corpus:
    root: Path
    only: frozenset[str] | None = None  # a sample (:meth:`sample`): these documents only

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._schema: Schema | None = None
        self._real_root: Path | None = None

    def sample(self, n: int) -> Corpus:
        """This corpus seen through at most ``n`` of its annotated documents, spread evenly
        over their ids: what a screen may learn from without reading the whole corpus (one
        listing of ``annotations/`` per version of it, ``tui.store.listing``)."""
        def spread() -> list[str]:
            ids = self._annotated_ids()
            return [ids[i * len(ids) // n] for i in range(n)] if len(ids) > n else ids

        if self.only is None:
            ids = remembered(self.annotations_dir, f"sample-{n}", spread, valid=_names)
        else:
            ids = spread()
        out = Corpus(self.root, frozenset(ids))
        out._schema = self._schema
        return out

    def _wanted(self, doc_id: str, pattern: str | None) -> bool:
        return (self.only is None or doc_id in self.only) and (pattern is None or fnmatch.fnmatchcase(doc_id, pattern))

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def schema(self) -> Schema:
        if self._schema is None:
            self._schema = load_schema(self.root / "margin.yaml")
        return self._schema

    def doc_ids(self, pattern: str | None = None) -> list[str]:
        """The documents' ids, sorted: one listing of ``seeds/`` per version of it
        (``tui.store.listing``: a second session reads it back)."""
        ids = remembered(self.seeds_dir, "doc_ids", self._list_doc_ids, valid=_names)
        return [i for i in ids if self._wanted(i, pattern)] if pattern or self.only is not None else list(ids)

    def _list_doc_ids(self) -> list[str]:
        try:  # one directory listing; DirEntry.is_file stats only links
            with os.scandir(self.seeds_dir) as entries:
                return sorted(e.name[:-4] for e in entries
                              if e.name.endswith(".txt") and NAME_RE.fullmatch(e.name[:-4]) and e.is_file())
        except OSError:
            return []

    def _annotated_ids(self) -> list[str]:
        try:
            with os.scandir(self.annotations_dir) as entries:
                ids = sorted(e.name for e in entries if NAME_RE.fullmatch(e.name) and e.is_dir())
        except OSError:
            return []
        return ids if self.only is None else [i for i in ids if i in self.only]

    def inside(self, path: Path) -> Path:
        """``path`` if it resolves (links followed) inside the corpus; else DataError."""
        real = Path(path).resolve()
        if self._real_root is None:
            self._real_root = self.root.resolve()
        if not real.is_relative_to(self._real_root):
            raise DataError(f"{path}: resolves outside the corpus (link to {real}); refused")
        return Path(path)

    def doc_path(self, doc_id: str) -> Path:
        return self.inside(self.seeds_dir / f"{check_name(doc_id, 'document id')}.txt")

    def document(self, doc_id: str) -> Document:
        path = self.doc_path(doc_id)
        if not path.is_file():
            raise DataError(f"{path}: no such document {doc_id!r}")
        return Document(doc_id, read_text(path), str(path))

    def annotation_path(self, doc_id: str, annotator: str) -> Path:
        check_name(doc_id, "document id")
        check_name(annotator, "annotator name")
        return self.inside(self.annotations_dir / doc_id / f"{annotator}.yaml")

    def annotators(self, doc_id: str) -> list[str]:
        d = self.annotations_dir / check_name(doc_id, "document id")
        if not d.is_dir():
            return []
        return sorted(p.stem for p in d.glob("*.yaml") if NAME_RE.fullmatch(p.stem))

    def annotation_files(self, pattern: str | None = None) -> list[Path]:
        """Every annotation file, for documents matching ``pattern``, in a stable order."""
        return [p for name in self.annotation_folders(pattern) for p in self.folder_files(name)]

    def annotation_folders(self, pattern: str | None = None) -> list[str]:
        """The names of the document folders in annotations/ (sorted), for documents
        matching ``pattern``: one listing, without listing each folder."""
        if self.only is not None:  # a sample: its own folders, without listing annotations/
            return sorted(n for n in self.only if NAME_RE.fullmatch(n) and self._wanted(n, pattern))
        try:  # a listing per folder (glob and is_dir would stat every name)
            with os.scandir(self.annotations_dir) as entries:
                return sorted(e.name for e in entries if self._wanted(e.name, pattern) and e.is_dir())
        except OSError:
            return []

    def folder_files(self, name: str) -> list[Path]:
        """The annotation files in one document folder of ``annotation_folders``, sorted
        ([] when it cannot be listed)."""
        d = self.annotations_dir / name
        try:
            with os.scandir(d) as entries:
                return [d / n for n in sorted(e.name for e in entries if e.name.endswith(".yaml"))]
        except OSError:
            return []

    def prepare_add(self, src: Path) -> tuple[str, bytes | None]:
        """(doc id, bytes to write) for adding the article ``src``; bytes None when the same
        article is already there. Checks everything and writes nothing."""
        src = Path(src)
        doc_id = check_name(src.stem, "document id")
        data = read_bytes_limited(src)
        decode_article(data, src)  # refuse non-UTF-8 before copying
        dest = self.seeds_dir / f"{doc_id}.txt"
        if dest.is_symlink():
            raise DataError(f"{dest}: is a link; margin does not write through links")
        if dest.exists():
            if read_bytes_limited(dest) == data:  # a FIFO planted there is refused, never read
                return doc_id, None
            raise DataError(f"{dest}: a different document with id {doc_id!r} exists; rename the file")
        return doc_id, data

    def add_all(self, sources: list[Path]) -> list[tuple[str, bool]]:
        """Copy articles into seeds/, all or none: [(doc id, copied?)]. Never overwrite a
        different file, never write through a link (``tui.store.staged``: O_EXCL temp files, one
        journalled rename step)."""
        from tui.store.staged import Transaction

        prepared = [self.prepare_add(Path(src)) for src in sources]
        ids = [doc_id for doc_id, _ in prepared]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup is not None:
            raise DataError(f"two files would both become document {dup!r}; rename one")
        self.seeds_dir.mkdir(parents=True, exist_ok=True)
        self.inside(self.seeds_dir)
        with Transaction(self.seeds_dir) as t:
            for doc_id, data in prepared:
                if data is not None:
                    t.write(self.seeds_dir / f"{doc_id}.txt", data, must_not_exist=True)
        return [(doc_id, data is not None) for doc_id, data in prepared]

    def add(self, src: Path) -> tuple[str, bool]:
        """Copy one article into seeds/. Return (doc id, copied?)."""
        return self.add_all([src])[0]


def _settings_text(path: Path) -> str | None:
    """The text of margin.yaml, None when there is none; one-line refusals otherwise."""
    if not os.path.lexists(path):
        return None
    data = read_bytes_limited(path, 2**20, "settings file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(f"{path}: not UTF-8: bad byte 0x{data[e.start]:02x} at byte offset {e.start}") from None


_PARSED: dict[str, tuple[tuple, object]] = {}  # margin.yaml path -> (its stat key, the parsed data)


def _settings_data(path: Path) -> object:
    """margin.yaml parsed once per version of the file (its path, size, mtime and inode):
    every load_settings and load_schema after the first is a stat. None: no file. The
    data is shared: callers read it and never change it."""
    try:
        st = os.stat(path)
        key: tuple = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        key = ()
    hit = _PARSED.get(str(path))
    if key and hit is not None and hit[0] == key:
        return hit[1]
    text = _settings_text(path)
    if text is None:
        return None
    from tui.store.yamlio import safe_load_text  # local import: store imports schema

    data = safe_load_text(text, str(path))
    if key:
        _PARSED[str(path)] = (key, data)
    return data


def load_schema(path: Path) -> Schema:
    data = _settings_data(path)
    if data is None:
        return DEFAULT_SCHEMA
    if isinstance(data, dict) and "schema" in data:
        data = data["schema"]
    if isinstance(data, dict) and "labels" not in data:
        return DEFAULT_SCHEMA  # margin.yaml with only other settings (e.g. keys)
    return schema_from_dict(data, str(Path(path)))


def load_settings(root: Path) -> dict:
    """The whole margin.yaml mapping (schema, keys, ...), or {} (parsed once per version)."""
    data = _settings_data(Path(root) / "margin.yaml")
    return copy.deepcopy(data) if isinstance(data, dict) else {}  # the caller's to change


def _names(value) -> bool:
    """A cached list of ids reads back as one (``tui.store.listing``)."""
    return isinstance(value, list) and all(isinstance(v, str) and NAME_RE.fullmatch(v) for v in value)

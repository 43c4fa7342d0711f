"""Where each document stands: the one document-status function, over one per-document cache.

``file_status(corpus, doc_id, annotator)`` answers the document picker, ``]``/``[`` and the
first document to open, ``margin assign``, ``margin stats`` and the dashboard alike:
``new`` (no file), ``in_progress``, ``done`` or ``unreadable`` (a file the store refuses),
with the file's span, relation and per-label counts, read through the store (``tui.store``,
the one reader). Nothing here reads a file any other way.

The answers live in a :class:`StatusCache`, one per corpus and schema in a process, one
entry per document: each annotator's status keyed by that file's size, mtime and inode,
and the dashboard's summary of the document (agreement counts, ``tui.team.progress``)
keyed by the stat data of the article and of all its files. A file is read again only
when its key changed. The cache is kept in memory and, between runs, in the user's cache
folder (``$MARGIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/margin``, else ``~/.cache/margin``),
never inside the corpus: nothing a cloned corpus ships is taken for a status. A key
taken from the files themselves (inode, mtime to the nanosecond) is never that of a
freshly cloned file. Pure core: no Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tui import store
from tui.store.files import read_limited
from tui.corpus import Corpus, check_name
from tui.errors import DataError, ValidationError
from tui.store.seal import cache_dir

NEW, IN_PROGRESS, DONE, UNREADABLE = "new", "in_progress", "done", "unreadable"
CACHE_VERSION = 4  # 4: a document's disagreements count relation items too (tui.review.groups.review_items)

FileKey = tuple[int, int, int]  # size, mtime_ns, inode


@dataclass(frozen=True)
class FileStatus:
    """One annotator's file of one document, as the store reads it."""

    status: str  # new | in_progress | done | unreadable
    spans: int = 0
    relations: int = 0
    labels: Mapping[str, int] = field(default_factory=dict)  # spans per label, schema order first
    updated: str = ""  # the file's updated: time, else its mtime (UTC)
    problems: tuple[str, ...] = ()  # why it is unreadable

    def to_json(self) -> dict:
        return {"status": self.status, "updated": self.updated, "labels": dict(self.labels),
                "relations": self.relations, "spans": self.spans, "problems": list(self.problems)}

    @classmethod
    def from_json(cls, d: Mapping) -> FileStatus:
        return cls(d["status"], d["spans"], d["relations"], d["labels"], d["updated"], tuple(d.get("problems", ())))


ABSENT = FileStatus(NEW)


def file_key(path: str | Path) -> FileKey | None:
    """What a file's status depends on: its size, mtime and inode (None: no such file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def read_status(corpus: Corpus, path: Path) -> FileStatus:
    """Read one annotation file through the store (no cache)."""
    try:
        loaded = store.load(corpus.inside(path), corpus.schema)
    except ValidationError as e:
        return FileStatus(UNREADABLE, problems=tuple(e.problems))
    except DataError as e:
        return FileStatus(UNREADABLE, problems=(str(e),))
    return status_of(loaded.annotation, path, corpus.schema.labels)


def status_of(ann, path: Path, labels: Iterable[str]) -> FileStatus:
    """The status of a loaded annotation (``path``'s mtime stands in for a missing time)."""
    counts = dict.fromkeys(labels, 0)
    for s in ann.spans:
        counts[s.label] = counts.get(s.label, 0) + 1
    updated = ann.updated
    if not updated:
        mtime = os.stat(path).st_mtime
        updated = datetime.fromtimestamp(mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return FileStatus(ann.status, len(ann.spans), len(ann.relations), counts, updated)


# --------------------------------------------------------------------------- the cache


def schema_digest(corpus: Corpus) -> str:
    return hashlib.sha256(json.dumps(corpus.schema.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


class StatusCache:
    """The per-document cache of one corpus (see the module doc). Thread-safe.

    ``docs[doc_id]`` is ``{"files": {annotator: [key, status json]}, "team": [key, summary]}``."""

    def __init__(self, corpus: Corpus, persist: bool = True) -> None:
        self.corpus = corpus
        self.schema = schema_digest(corpus)
        digest = hashlib.sha256(str(corpus.root.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir() / f"corpus-{digest}.json" if persist else None
        self.docs: dict[str, dict] = self._read() if self.path else {}
        self.changed = False
        self.lock = threading.RLock()
        self._annotations = str(corpus.annotations_dir)

    def _read(self) -> dict:
        assert self.path is not None
        try:
            data = json.loads(read_limited(self.path, 256 * 2**20, "status cache", nofollow=True))
        except (DataError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("schema") != self.schema:
            return {}
        docs = data.get("docs")
        return docs if isinstance(docs, dict) else {}

    def save(self) -> None:
        """Write the cache out if anything changed (atomically; a failure costs only speed)."""
        with self.lock:
            if not self.changed or self.path is None:
                return
            data = {"version": CACHE_VERSION, "schema": self.schema, "docs": self.docs}
            try:
                store.atomic_write(self.path, json.dumps(data, separators=(",", ":")).encode())
            except OSError:
                return
            self.changed = False

    def _entry(self, doc_id: str) -> dict:
        entry = self.docs.get(doc_id)
        if not isinstance(entry, dict):
            entry = self.docs[doc_id] = {}
        return entry

    def file(self, doc_id: str, annotator: str, path: Path | None = None) -> FileStatus:
        """The status of ``annotator``'s file for ``doc_id``, read again only if it changed."""
        where: str | Path = path if path is not None else os.path.join(  # names checked; links: read_status
            self._annotations, check_name(doc_id, "document id"), f"{check_name(annotator, 'annotator name')}.yaml")
        key = file_key(where)
        if key is None:
            return ABSENT
        hit = self.cached(doc_id, annotator, key)
        if hit is not None:
            return hit
        status = read_status(self.corpus, Path(where))
        self.put(doc_id, annotator, key, status)
        return status

    def put(self, doc_id: str, annotator: str, key: FileKey | list, status: FileStatus) -> None:
        """Record a status read elsewhere (a worker process) from the file whose key was ``key``
        before it was read."""
        with self.lock:
            self._entry(doc_id).setdefault("files", {})[annotator] = [list(key), status.to_json()]
            self.changed = True

    def cached(self, doc_id: str, annotator: str, key: FileKey) -> FileStatus | None:
        """The cached status of a file whose key is ``key`` now, or None."""
        with self.lock:
            hit = self._entry(doc_id).get("files", {}).get(annotator)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == list(key):
            try:
                return FileStatus.from_json(hit[1])
            except (KeyError, TypeError):
                return None
        return None

    def summary(self, doc_id: str, key: list) -> dict | None:
        with self.lock:
            team = self._entry(doc_id).get("team")
        if isinstance(team, list) and len(team) == 2 and team[0] == key and isinstance(team[1], dict):
            return team[1]
        return None

    def put_summary(self, doc_id: str, key: list, summary: dict) -> None:
        with self.lock:
            self._entry(doc_id)["team"] = [key, summary]
            self.changed = True


_CACHES: dict[tuple[str, str, str], StatusCache] = {}
_CACHES_LOCK = threading.Lock()


def cache_of(corpus: Corpus) -> StatusCache:
    """The process's cache for ``corpus`` (one per corpus folder, schema and cache folder)."""
    key = (str(corpus.root.resolve()), schema_digest(corpus), str(cache_dir()))
    with _CACHES_LOCK:
        cache = _CACHES.get(key)
        if cache is None:
            cache = _CACHES[key] = StatusCache(corpus)
        return cache


# --------------------------------------------------------------------------- the answers


def file_status(corpus: Corpus, doc_id: str, annotator: str) -> FileStatus:
    """THE document-status function: ``annotator``'s file for ``doc_id`` (see the module doc)."""
    return cache_of(corpus).file(doc_id, annotator)


def statuses(corpus: Corpus, annotator: str, doc_ids: Sequence[str]) -> dict[str, FileStatus]:
    """{doc id: status} of ``annotator``'s files for ``doc_ids``; the cache is saved after."""
    cache = cache_of(corpus)
    out = {d: cache.file(d, annotator) for d in doc_ids}
    cache.save()
    return out


def first_unfinished(corpus: Corpus, doc_ids: Sequence[str], annotator: str) -> int:
    """The index of the first document ``annotator`` has not finished (0 if all are)."""
    cache = cache_of(corpus)
    try:
        for i, doc_id in enumerate(doc_ids):
            if cache.file(doc_id, annotator).status != DONE:
                return i
        return 0
    finally:
        cache.save()


# --------------------------------------------------------------------------- the whole corpus

PARALLEL_MIN_FILES = 64  # fewer files to read are read in this process


def _read_chunk(args) -> list[FileStatus]:
    root, paths = args
    corpus = Corpus(Path(root))
    return [read_status(corpus, Path(p)) for p in paths]


def corpus_statuses(corpus: Corpus, docs: str | None = None, *, jobs: int | None = None,
                    progress=None) -> list[tuple[str, str, FileStatus]]:
    """(doc id, annotator, status) of every annotation file (of the documents matching the
    glob ``docs``), in document then annotator order. Files the cache does not know as they
    are now are read, in worker processes when there are many; memory stays that of the
    statuses, whatever the size of the corpus."""
    cache = cache_of(corpus)
    rows: list[tuple[str, str, FileStatus | None]] = []
    todo: list[tuple[int, FileKey, Path]] = []
    for p in corpus.annotation_files(docs):
        key = file_key(p)
        if key is None:
            continue  # deleted since it was listed
        hit = cache.cached(p.parent.name, p.stem, key)
        if hit is None:
            todo.append((len(rows), key, p))
        rows.append((p.parent.name, p.stem, hit))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_MIN_FILES else 1
    step = max(1, min(256, len(todo) // (jobs * 8) or 1))
    chunks = [todo[i:i + step] for i in range(0, len(todo), step)]
    tasks = [(str(corpus.root), [str(p) for _, _, p in chunk]) for chunk in chunks]
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            _gather(cache, rows, chunks, pool.map(_read_chunk, tasks), progress)
    else:
        _gather(cache, rows, chunks, map(_read_chunk, tasks), progress)
    cache.save()
    return [(d, a, s) for d, a, s in rows if s is not None]


def _gather(cache: StatusCache, rows: list, chunks: list, results, progress) -> None:
    for n, (chunk, got) in enumerate(zip(chunks, results), 1):
        for (i, key, _), status in zip(chunk, got):
            d, a, _ = rows[i]
            cache.put(d, a, key, status)
            rows[i] = (d, a, status)
        if progress is not None:
            progress(n, len(chunks))

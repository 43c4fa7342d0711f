"""Annotation files <-> the model: the one entry point for reading, writing and saving.

Reading tries the fast reader of canonical files (``canonical``: what margin writes) and
falls back to the YAML reader (``store_yaml``), which names the line of every problem;
both apply the same rules (``store_rules``). Writing (``store_write.dumps``) produces the
canonical layout; saves are atomic and refuse to clobber a file changed on disk since it
was read (``store_files``). Every public name of those modules is importable from here.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tui import anchor
from tui.store import canonical
from tui.store import reader as store_yaml
from tui.errors import ConflictError, ValidationError
from tui.model import Annotation, Document
from tui.schema import DEFAULT_SCHEMA, Schema
from tui.store.files import MAX_FILE_BYTES, Fingerprint, atomic_write, file_limit, fingerprint, read_file
from tui.store.writer import dumps, writable_problem

__all__ = ["MAX_FILE_BYTES", "AnnotationFile", "Fingerprint", "Loaded", "atomic_write", "dumps", "fingerprint",
           "load", "load_or_new", "parse", "read_file", "save", "writable_problem"]


def parse(text: str, path: str = "<string>", schema: Schema = DEFAULT_SCHEMA,
          doc: Document | None = None) -> Annotation:
    """Parse and validate annotation YAML; raise ValidationError with every problem.

    Files in the canonical layout (what ``dumps`` writes) take a fast path proven equal to
    the YAML one (tests/test_canonical.py); anything else, and every invalid file, is read
    through libyaml's safe composer, which names the line of each problem."""
    with gc_paused():
        fast = canonical.parse_canonical(text, path, schema, doc)
        if fast is not None:
            return fast
        return store_yaml.parse_yaml(text, path, schema, doc)


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused while a file's objects are built: they hold no
    cycles, and the collections their numbers trigger would walk the whole heap (an app's
    too) again and again; a quarter of the time of opening a big file. Restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Loaded:
    annotation: Annotation
    fingerprint: Fingerprint | None
    moved: int = 0
    flagged: list[str] = field(default_factory=list)  # ids of spans needing a look


def load(path: Path, schema: Schema = DEFAULT_SCHEMA, doc: Document | None = None) -> Loaded:
    """Read, validate and (if the document changed) re-anchor one annotation file."""
    text, fp = read_file(path, file_limit(len(doc.text)) if doc is not None else None)
    ann = parse(text, str(path), schema, doc)
    p = Path(path)
    problems = []
    if ann.annotator and p.stem != ann.annotator:
        problems.append(f"{path}:1: annotator {ann.annotator!r} does not match the file name {p.name!r}")
    if ann.doc_id and p.parent.name != ann.doc_id and p.parent.name != "":
        if p.parent.parent.name == "annotations":
            problems.append(f"{path}:1: document id {ann.doc_id!r} does not match the folder {p.parent.name!r}")
    if problems:
        raise ValidationError(problems)
    moved = 0
    flagged: list[str] = []
    if doc is not None and ann.sha256 != doc.sha256:
        ann, moved, flagged = anchor.reanchor_annotation(ann, doc)
    return Loaded(ann, fp, moved, flagged)


def load_or_new(path: Path, schema: Schema, doc: Document, annotator: str) -> Loaded:
    if not Path(path).exists():
        return Loaded(Annotation.new(doc, annotator), None)
    return load(path, schema, doc)


def save(path: Path, ann: Annotation, expected: Fingerprint | None, *, force: bool = False) -> Fingerprint:
    """Atomically write ``ann`` to ``path`` unless the file changed since ``expected``.

    Returns the new fingerprint. An unchanged annotation writes nothing. Raises
    ConflictError when the file on disk is not the one we loaded (``force`` overrides).
    """
    path = Path(path)
    current = fingerprint(path)
    if not force and current != expected and (
        current is None or expected is None or current.sha256 != expected.sha256
    ):
        if current is None:
            raise ConflictError(f"{path}: was deleted on disk since it was loaded")
        raise ConflictError(f"{path}: changed on disk since it was loaded (another margin, an editor or git?)")
    data = dumps(ann).encode("utf-8")
    if len(data) > file_limit(ann.chars):  # margin never writes a file its readers refuse
        raise ValidationError([f"{path}:1: would be {len(data):,} bytes, over the {file_limit(ann.chars):,}-byte "
                               "limit of annotation files for this article; split the spans over two annotators"])
    if current is not None and current.size == len(data) and current.sha256 == hashlib.sha256(data).hexdigest():
        return current
    return atomic_write(path, data)


class AnnotationFile:
    """Where an annotation is saved: the path and the fingerprint of what we last read or wrote.

    ``save`` is safe to call from a worker thread: one save at a time, and a file changed
    on disk since our last read/write raises ConflictError instead of being clobbered.
    The caller passes a snapshot (``EditSession.snapshot``) taken on its own thread: the
    annotation must not change while it is written.
    """

    def __init__(self, path, fingerprint):
        self.path = path
        self.fingerprint = fingerprint
        self._lock = threading.Lock()
        self._written = -1  # the newest version written (saves of older ones are skipped)

    def save(self, annotation: Annotation, *, force: bool = False, version: int | None = None):
        with self._lock:
            if version is not None and version < self._written and not force:
                return self.fingerprint  # a newer snapshot is on disk already
            self.fingerprint = save(self.path, annotation, self.fingerprint, force=force)
            if version is not None:
                self._written = max(self._written, version)
            return self.fingerprint

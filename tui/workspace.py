"""What a screen works on, opened in one place for both screens: the document, its
annotation (an edit session), the file it saves to, the cursor's token index, and the
the conflict side files. Pure (no Textual).

A long article's token index is built in a background thread while the first screen is
drawn; :attr:`Workspace.cursor` waits for it only if a key needs it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tui import store
from tui.review.adjudication import Adjudication
from tui.corpus import GOLD, Corpus
from tui.cursor import Cursor, Selection
from tui.editing import EditSession
from tui.errors import DataError, MarginError
from tui.model import Annotation, Document
from tui.store import AnnotationFile
from tui.tokens import TOKEN_RE, TokenIndex, token_index

SYNC_TOKENS = 100_000  # shorter articles are tokenised whole on open; longer ones as far as keys need
CONFLICT_MARK = "~conflict-"


@dataclass
class Workspace:
    """One open document."""

    doc: Document
    session: EditSession
    file: AnnotationFile
    message: str = ""  # what loading noticed (re-anchored spans)
    _tokens: TokenIndex | None = field(default=None, repr=False)
    _cursor: Cursor | None = field(default=None, repr=False)

    @property
    def tokens(self) -> TokenIndex:
        if self._tokens is None:
            self._tokens = token_index(self.doc.text)
        assert isinstance(self._tokens, TokenIndex)
        return self._tokens

    @property
    def cursor(self) -> Cursor:
        if self._cursor is None:
            self._cursor = Cursor(self.tokens)
        return self._cursor

    def first_selection(self) -> Selection:
        """The first token, without waiting for the whole token index."""
        m = TOKEN_RE.search(self.doc.text)
        return Selection(*m.span()) if m else Selection(0, min(1, len(self.doc.text)))


def open_workspace(corpus: Corpus, doc_id: str, annotator: str) -> Workspace:
    """Load ``annotator``'s annotation of ``doc_id`` (or a new one). Raises MarginError."""
    doc = corpus.document(doc_id)
    path = corpus.annotation_path(doc_id, annotator)
    notes: list[str] = []
    if corpus.annotations_dir.is_dir():  # an import or suggest --write killed mid-rename: finish it first
        from tui.store.staged import recover

        notes += recover(corpus.annotations_dir)  # a journal a clone planted: named, never followed
    loaded = store.load_or_new(path, corpus.schema, doc, annotator)
    if loaded.moved:
        notes.append(f"re-anchored {loaded.moved} span(s), {len(loaded.flagged)} flagged for a look")
    return workspace_of(doc, loaded.annotation, AnnotationFile(path, loaded.fingerprint), "; ".join(notes))


def workspace_of(doc: Document, annotation: Annotation, file: AnnotationFile, message: str = "") -> Workspace:
    tokens = token_index(doc.text) if len(doc.text) <= SYNC_TOKENS else TokenIndex(doc.text, lazy=True)
    return Workspace(doc, EditSession(doc, annotation), file, message, tokens)


# --------------------------------------------------------------------------- review


@dataclass
class Review:
    """What the screen works on: the adjudication, where its gold goes, and what loading noticed."""

    adj: Adjudication
    file: AnnotationFile
    message: str = ""


def open_review(corpus: Corpus, doc_id: str, annotators: list[str] | None = None,
                auto_accept: bool | None = None) -> Review:
    """Load ``annotators``' files (default: everyone but gold) and the gold to resume.

    ``auto_accept`` defaults to on with two or more annotators, off with one (reviewing a
    colleague's file line by line). Raises DataError / ValidationError.
    """
    schema = corpus.schema
    doc = corpus.document(doc_id)
    names = annotators or [n for n in corpus.annotators(doc_id) if n != GOLD]
    if not names:
        raise DataError(f"{corpus.annotations_dir / doc_id}: nobody has annotated {doc_id!r} yet")
    anns, moved = {}, 0
    for name in names:
        path = corpus.annotation_path(doc_id, name)
        if not path.is_file():
            raise DataError(f"{path}: no such file ({name} has not annotated {doc_id!r})")
        loaded = store.load(path, schema, doc)
        anns[name] = loaded.annotation
        moved += loaded.moved
    gold_path = corpus.annotation_path(doc_id, GOLD)
    saved = store.load_or_new(gold_path, schema, doc, GOLD)
    auto = len(names) > 1 if auto_accept is None else auto_accept
    adj = Adjudication(doc, anns, None if saved.fingerprint is None else saved.annotation,
                       auto_accept=auto, schema=schema)
    message = f"re-anchored {moved} span(s) of the annotators' files" if moved else ""
    return Review(adj, AnnotationFile(gold_path, saved.fingerprint), message)


# --------------------------------------------------------------------------- conflicts


def side_file(path: Path, when: datetime | None = None) -> Path:
    """Where "keep mine" writes my version of a file that changed on disk:
    ``annotations/DOC/NAME~conflict-YYYYMMDDTHHMMSSZ.yaml``. ``~`` is not allowed in an
    annotator name, so the corpus never takes it for an annotator's file, and
    ``margin validate`` reports it (its name does not match its annotator) until someone
    merges it and deletes it."""
    when = when or datetime.now(timezone.utc)
    path = Path(path)
    base = path.with_name(f"{path.stem}{CONFLICT_MARK}{when.strftime('%Y%m%dT%H%M%SZ')}.yaml")
    out, n = base, 1
    while out.exists():
        n += 1
        out = base.with_name(f"{base.stem}-{n}.yaml")
    return out


def keep_mine(file: AnnotationFile, annotation: Annotation) -> Path:
    """Write ``annotation`` atomically to a side file next to ``file``; return its path."""
    out = side_file(Path(file.path))
    store.atomic_write(out, store.dumps(annotation).encode("utf-8"))
    return out

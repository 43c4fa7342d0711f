"""Load many annotation files at once (in parallel processes for big corpora).

Used by every bulk command (validate, stats, export, agree): corpus.py lists files,
store.py parses them, this module fans the work out and gathers the results in a stable
order, with every problem reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tui import store
from tui.batch import Runner, run_map
from tui.corpus import Corpus, GOLD
from tui.errors import DataError, ValidationError
from tui.model import Annotation, Document

PARALLEL_MIN_FILES = 64
T = TypeVar("T")


@dataclass
class Item:
    """One annotator's annotation of one document."""

    doc: Document
    annotation: Annotation
    path: Path
    moved: int = 0
    flagged: list[str] = field(default_factory=list)

    @property
    def annotator(self) -> str:
        return self.annotation.annotator


@dataclass(frozen=True)
class Folder:
    """A task's files still to be listed, by whoever runs the task: each worker lists its
    own documents' folders, so the process that plans lists only annotations/ itself
    (``map_groups(..., by_folder=True)``)."""

    wanted: frozenset[str] | None  # annotator names; None: every annotator

    def files(self, corpus: Corpus, doc_id: str) -> tuple[list[str], bool]:
        """(the wanted annotators' files in the document's folder, whether the folder
        holds any annotation file at all)."""
        every = corpus.folder_files(doc_id)
        return [str(p) for p in every if self.wanted is None or p.stem in self.wanted], bool(every)


def _load_group(args) -> tuple[list[Item], list[str]]:
    """Worker: load one document and its annotation files. Returns (items, problems)."""
    root, doc_id, paths = args
    corpus = Corpus(Path(root))
    problems: list[str] = []
    try:
        doc = corpus.document(doc_id)
    except DataError as e:
        return [], [str(e)]
    items = []
    for p in paths:
        try:
            loaded = store.load(corpus.inside(p), corpus.schema, doc)
        except ValidationError as e:
            problems.extend(e.problems)
            continue
        except DataError as e:
            problems.append(str(e))
            continue
        items.append(Item(doc, loaded.annotation, Path(p), loaded.moved, loaded.flagged))
    return items, problems


def _groups(corpus: Corpus, docs: str | None, annotators, files: list[Path] | None = None,
            by_folder: bool = False) -> list[tuple[str, str, list[str] | Folder]]:
    """The (root, doc id, paths) task of each document with files of the wanted annotators
    (``files``: the corpus's ``annotation_files(docs)`` when the caller listed them);
    ``by_folder`` (and no ``files``): the (root, doc id, Folder) task of every document
    folder, whose files the task's runner lists."""
    wanted = None
    if isinstance(annotators, str) and annotators != "all":
        wanted = {annotators}
    elif isinstance(annotators, (list, tuple, set)):
        wanted = set(annotators)
    if by_folder and files is None:
        folder = Folder(None if wanted is None else frozenset(wanted))
        return [(str(corpus.root), d, folder) for d in corpus.annotation_folders(docs)]
    groups: dict[str, list[str]] = {}
    for p in corpus.annotation_files(docs) if files is None else files:
        if wanted is None or p.stem in wanted:
            groups.setdefault(p.parent.name, []).append(str(p))
    return [(str(corpus.root), d, ps) for d, ps in sorted(groups.items())]


def iter_groups(corpus: Corpus, docs: str | None = None, annotators: str | list[str] | None = None,
                jobs: int | Runner | None = None, progress=None,
                files: list[Path] | None = None) -> Iterator[tuple[list[Item], list[str]]]:
    """(items, problems) of one document at a time, in document order (``tui.batch.run_map``:
    local worker processes read a bounded number of documents ahead): memory holds a few
    documents, never the corpus. ``jobs``: processes, or a Runner; None chooses by size."""
    yield from map_groups(_load_group, corpus, docs, annotators, jobs, progress, files=files)


def map_groups(fn: Callable[[tuple], T], corpus: Corpus, docs: str | None = None,
               annotators: str | list[str] | None = None, jobs: int | Runner | None = None,
               progress=None, extra: tuple = (), files: list[Path] | None = None,
               by_folder: bool = False) -> Iterator[T]:
    """``fn`` over each document's task ``((root, doc id, paths), *extra)`` (``extra``
    empty: the task is ``(root, doc id, paths)``, what ``_load_group`` reads), results in
    document order; ``jobs`` as in ``iter_groups``; ``files``: the corpus's
    ``annotation_files(docs)``, when the caller listed them already (one listing);
    ``by_folder``: each task carries a ``Folder`` that ``fn`` lists itself
    (``tui.export.records.format_group``), so that listing is spread over the workers."""
    tasks: list = _groups(corpus, docs, annotators, files, by_folder)
    if jobs is None:
        nfiles = sum(len(t[2]) if isinstance(t[2], list) else 1 for t in tasks)
        jobs = min(os.cpu_count() or 1, 8) if nfiles >= PARALLEL_MIN_FILES else 1
    if extra:
        tasks = [(t, *extra) for t in tasks]
    yield from run_map(fn, tasks, jobs if isinstance(jobs, Runner) else Runner(jobs), progress)


def load_items(
    corpus: Corpus,
    docs: str | None = None,
    annotators: str | list[str] | None = None,
    status: str = "any",
    jobs: int | Runner | None = None,
    strict: bool = True,
    progress=None,
    files: list[Path] | None = None,
) -> tuple[list[Item], list[str]]:
    """Load annotation files of ``corpus``.

    ``docs`` is a glob over document ids; ``annotators`` a name, a list of names, or None /
    "all" for everyone; ``status`` "done" keeps finished files only. Returns (items,
    problems); with ``strict`` a non-empty problem list raises ValidationError instead.
    ``progress(n_done, n_total)`` is called as documents complete. ``jobs``: processes, or
    a :class:`tui.batch.Runner` (local processes or Dask); None chooses by corpus size.
    ``files``: ``corpus.annotation_files(docs)``, when the caller listed them already.
    """
    items: list[Item] = []
    problems: list[str] = []
    for its, probs in iter_groups(corpus, docs, annotators, jobs, progress, files):
        items.extend(its)
        problems.extend(probs)
    if status == "done":
        items = [it for it in items if it.annotation.status == "done"]
    if strict and problems:
        raise ValidationError(problems)
    return items, problems


def default_annotators(corpus: Corpus, docs: str | None = None, files: list[Path] | None = None) -> str | None:
    """``gold`` when the corpus has adjudicated files, else everyone (None). The export
    reports the documents this leaves out (``tui.export.run._left_out``), never silently."""
    if any(p.stem == GOLD for p in (corpus.annotation_files(docs) if files is None else files)):
        return GOLD
    return None

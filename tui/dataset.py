"""Load many annotation files at once (in parallel processes for big corpora).

Used by every bulk command (validate, stats, export, agree): corpus.py lists files,
store.py parses them, this module fans the work out and gathers the results in a stable
order, with every problem reported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui import store
from tui.corpus import Corpus, GOLD
from tui.errors import DataError, ValidationError
from tui.model import Annotation, Document

PARALLEL_MIN_FILES = 64


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


def load_items(
    corpus: Corpus,
    docs: str | None = None,
    annotators: str | list[str] | None = None,
    status: str = "any",
    jobs: int | None = None,
    strict: bool = True,
    progress=None,
) -> tuple[list[Item], list[str]]:
    """Load annotation files of ``corpus``.

    ``docs`` is a glob over document ids; ``annotators`` a name, a list of names, or None /
    "all" for everyone; ``status`` "done" keeps finished files only. Returns (items,
    problems); with ``strict`` a non-empty problem list raises ValidationError instead.
    ``progress(n_done, n_total)`` is called as documents complete.
    """
    wanted = None
    if isinstance(annotators, str) and annotators != "all":
        wanted = {annotators}
    elif isinstance(annotators, (list, tuple, set)):
        wanted = set(annotators)
    groups: dict[str, list[str]] = {}
    for p in corpus.annotation_files(docs):
        if wanted is None or p.stem in wanted:
            groups.setdefault(p.parent.name, []).append(str(p))
    tasks = [(str(corpus.root), d, ps) for d, ps in sorted(groups.items())]
    nfiles = sum(len(t[2]) for t in tasks)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if nfiles >= PARALLEL_MIN_FILES else 1
    items: list[Item] = []
    problems: list[str] = []
    results: Iterable[tuple[list[Item], list[str]]]
    if jobs <= 1 or len(tasks) <= 1:
        results = map(_load_group, tasks)
    else:
        chunk = max(1, len(tasks) // (jobs * 8))
        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_load_group, tasks, chunksize=chunk)
    try:
        for i, (its, probs) in enumerate(results, 1):
            items.extend(its)
            problems.extend(probs)
            if progress is not None:
                progress(i, len(tasks))
    finally:
        if jobs > 1 and len(tasks) > 1:
            pool.shutdown()
    if status == "done":
        items = [it for it in items if it.annotation.status == "done"]
    if strict and problems:
        raise ValidationError(problems)
    return items, problems


def default_annotators(corpus: Corpus, docs: str | None = None) -> str | None:
    """``gold`` when the corpus has adjudicated files, else everyone (None). The export
    reports the documents this leaves out (``tui.export.run._left_out``), never silently."""
    if any(p.stem == GOLD for p in corpus.annotation_files(docs)):
        return GOLD
    return None

"""Records formatted where they are parsed: the map of an export whose format writes one
piece per record (``format_record``, e.g. jsonl).

A worker (a local process or a Dask worker, ``tui.batch.run_map``) reads one document and
its annotation files, keeps the exported labels and statuses, and formats each record; it
sends back a :class:`Formatted` record (the format's text and the few numbers the card,
the split and the warnings need), never the parsed annotations. The main process only
joins and writes, so N workers keep N cores busy (bench/batch).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.model import FLAG_FUZZY, FLAG_LOST, Annotation, Document


@dataclass(frozen=True)
class Formatted:
    """One annotator's record of one document, already in the format (``body``)."""

    doc_id: str
    chars: int
    sha256: str
    annotator: str
    label_counts: dict[str, int]
    n_relations: int
    flagged: tuple[str, ...]
    body: Any  # what the format's write() joins (jsonl: a jsonl.Line)

    @classmethod
    def of(cls, doc: Document, ann: Annotation, body: Any) -> Formatted:
        return cls(doc.id, len(doc.text), doc.sha256, ann.annotator, dict(Counter(s.label for s in ann.spans)),
                   len(ann.relations), tuple(s.id for s in ann.spans if s.flag in (FLAG_FUZZY, FLAG_LOST)), body)


def map_modules(fmt: str) -> tuple[str, ...]:
    """The modules a worker imports to export ``fmt`` (``tui.batch.started`` warms them)."""
    from tui.export import FORMATS

    known = FORMATS.get(fmt)
    return (__name__, "tui.dataset") + ((f"tui.export.{known.module}",) if known is not None else ())


def format_group(task) -> tuple[list[Formatted], list[str], str | None]:
    """Worker: one document's records, formatted (``task`` = the dataset task of the
    document, then format name, labels, status and options). Returns (records, problems,
    the document id when its folder holds any annotation file, else None)."""
    from tui.corpus import Corpus
    from tui.dataset import Folder, _load_group
    from tui.export import restrict, writer

    group, fmt, labels, status, options = task
    root, doc_id, paths = group
    corpus = Corpus(Path(root))
    listed: str | None = doc_id
    if isinstance(paths, Folder):  # this worker lists the document's folder
        found, any_file = paths.files(corpus, doc_id)
        group, listed = (root, doc_id, found), (doc_id if any_file else None)
    items, problems = _load_group(group) if group[2] else ([], [])
    mod = writer(fmt)
    schema = corpus.schema
    out = []
    for it in items:
        if status == "done" and it.annotation.status != "done":
            continue
        ann = restrict(it.annotation, labels)
        out.append(Formatted.of(it.doc, ann, mod.format_record(it.doc, ann, schema, labels, options)))
    return out, problems, listed

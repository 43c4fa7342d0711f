"""Dataset export: a registry of named formats and the one function that runs any of them.

Flow: ``tui.dataset.load_items`` parses the YAML (in parallel) -> records filtered to the
chosen labels -> split by document -> the format module writes its files into a staging
directory -> ``card.py`` writes ``dataset_card.md`` -> the staging directory replaces the
output directory in one rename. Exporters never read YAML and never touch Textual.

A format module has ``write(parts, ctx)`` (and may have ``check(labels, options)``, run
before anything is loaded). ``parts`` is a list of :class:`Part`, one per split in split
order. It writes through ``ctx.write(relative_path, bytes)`` or ``with
ctx.text(relative_path) as f: f.write(str)``, and reports lossy conversions with
``ctx.warn(kind, detail)``. Output is a pure function of the input: stable ordering, no
timestamps, no randomness except the seeded split.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import DataError, MarginError
from ..model import FLAG_FUZZY, FLAG_LOST, Annotation, Document
from ..schema import Schema

CARD = "dataset_card.md"
SYNC_EACH_MAX = 32


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # under tui.export
    help: str
    extra: str | None = None  # pip extra it needs: margin[extra]
    requires: str | None = None  # the module that extra brings


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "jsonl", "one JSON object per document and annotator (datasets, Prodigy, doccano)"),
    Format("conll", "conll", "tokens with one BIO column per label (seqeval, flair); --conll-layer for one"),
    Format("brat", "brat", "brat standoff: .txt + .ann per document, annotation.conf"),
    Format("spacy", "spacy", "spaCy DocBin: doc.spans per label, doc.ents where spans do not overlap",
           "spacy", "spacy"),
    Format("csv", "csv", "one row per span, attributes as columns"),
    Format("parquet", "parquet", "the csv table as Parquet", "parquet", "pyarrow"),
    Format("claims", "claims", "claims ledger (csv): claim, attributed actors, figures inside"),
)}


def writer(name: str):
    """The module writing format ``name``; a clear error if its optional extra is missing."""
    fmt = FORMATS[name]
    if fmt.requires:
        try:
            importlib.import_module(fmt.requires)
        except ImportError:
            raise MarginError(f"--format {name} needs {fmt.requires}: pip install 'margin[{fmt.extra}]'") from None
    return importlib.import_module(f"{__name__}.{fmt.module}")


@dataclass(frozen=True)
class Record:
    """One annotator's annotation of one document, restricted to the exported labels."""

    doc: Document
    annotation: Annotation

    @property
    def annotator(self) -> str:
        return self.annotation.annotator


@dataclass(frozen=True)
class Part:
    """The records of one split. ``name`` is ``data`` when there is no split; ``prefix`` is
    the sub-directory for formats that write a directory per record (brat)."""

    name: str
    records: list[Record]
    prefix: str = ""


@dataclass
class Context:
    """What a format writer gets besides the records: schema, labels, options, a writer."""

    schema: Schema
    labels: tuple[str, ...]
    staging: Path
    options: dict = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    warnings: dict[str, list[str]] = field(default_factory=dict)  # kind -> details

    def write(self, rel: str, data: bytes) -> None:
        path = self.staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files[rel] = hashlib.sha256(data).hexdigest()

    @contextmanager
    def text(self, rel: str):
        """A UTF-8 text file written as it goes (``.write(str)``; ``csv.writer`` takes it)."""
        path = self.staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            sink = _Sink(f)
            yield sink
        self.files[rel] = sink.sha.hexdigest()

    def flush(self) -> None:
        """Make every written file durable before the export is put in place: fsync each
        of a few files, one ``os.sync`` for many (an fsync per brat file costs minutes)."""
        if len(self.files) > SYNC_EACH_MAX:
            os.sync()
            return
        for rel in self.files:
            fd = os.open(self.staging / rel, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def warn(self, kind: str, detail: str) -> None:
        """Report a lossy conversion: ``kind`` reads after a count ("3 span(s) ...")."""
        self.warnings.setdefault(kind, []).append(detail)


class _Sink:
    def __init__(self, f):
        self.f = f
        self.sha = hashlib.sha256()

    def write(self, s: str) -> None:
        data = s.encode("utf-8")
        self.sha.update(data)
        self.f.write(data)


@dataclass
class Result:
    out: Path
    fmt: str
    parts: list[Part]
    files: dict[str, str]
    warnings: dict[str, list[str]]

    @property
    def records(self) -> int:
        return sum(len(p.records) for p in self.parts)

    @property
    def documents(self) -> int:
        return len({r.doc.id for p in self.parts for r in p.records})


def select_labels(schema: Schema, labels: str | list[str] | None) -> tuple[str, ...]:
    """Exported labels in schema order; refuse unknown names."""
    if not labels:
        return tuple(schema.labels)
    names = [x.strip() for x in labels.split(",")] if isinstance(labels, str) else list(labels)
    unknown = [n for n in names if n not in schema.labels]
    if unknown or not names or "" in names:
        raise DataError(f"--labels: unknown label {(unknown or [''])[0]!r} "
                        f"(expected some of: {', '.join(schema.labels)})")
    return tuple(n for n in schema.labels if n in names)


def restrict(ann: Annotation, labels: tuple[str, ...]) -> Annotation:
    """``ann`` sorted, with only spans of ``labels`` and the relations between them."""
    ann = ann.sorted()
    keep = [s for s in ann.spans if s.label in labels]
    if len(keep) == len(ann.spans):
        return ann
    ids = {s.id for s in keep}
    rels = [r for r in ann.relations if r.source in ids and r.target in ids]
    return replace(ann, spans=keep, relations=rels)


def export(corpus, fmt: str, out: Path, *, annotators=None, docs: str | None = None,
           labels=None, split: str | None = None, seed: int = 0, status: str = "any",
           options: dict | None = None, command: str = "", jobs: int | None = None,
           progress=None) -> Result:
    """Export ``corpus`` as ``fmt`` into the directory ``out`` (replaced as a whole).

    ``annotators``: a name, a list, "all", or None for the default (gold if the corpus has
    gold files, else everyone). ``split``: "80/10/10" style, by document, seeded.
    """
    from ..dataset import default_annotators, load_items
    from . import card
    from .split import assign, parse_split, split_names

    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    mod = writer(fmt)
    schema = corpus.schema
    chosen = select_labels(schema, labels)
    ratios = parse_split(split) if split else None
    if hasattr(mod, "check"):
        mod.check(chosen, options or {})
    out = Path(out)
    _check_out(out)
    if annotators is None:
        annotators = default_annotators(corpus, docs)
    items, _ = load_items(corpus, docs=docs, annotators=annotators, status=status, jobs=jobs,
                          progress=progress)
    if not items:
        who = "every annotator" if annotators in (None, "all") else f"annotator {annotators}"
        raise DataError(f"{corpus.annotations_dir}: no annotation files to export "
                        f"({who}, documents {docs or '*'}, status {status})")
    records = [Record(it.doc, restrict(it.annotation, chosen)) for it in items]
    del items  # the unsorted copies: big corpora need the memory
    if ratios is None:
        parts = [Part("data", records)]
    else:
        where = assign(sorted({r.doc.id for r in records}), ratios, seed)
        parts = [Part(n, [r for r in records if where[r.doc.id] == n], f"{n}/") for n in split_names(ratios)]
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=_parent(out)))
    except OSError as e:
        raise DataError(f"{out}: cannot write the export here: {e.strerror}") from None
    try:
        ctx = Context(schema, chosen, staging, dict(options or {}))
        for r in records:
            flagged = [s.id for s in r.annotation.spans if s.flag in (FLAG_FUZZY, FLAG_LOST)]
            for sid in flagged:
                ctx.warn("span(s) flagged fuzzy/lost after the article changed "
                         "(exported as they are; check with 'margin validate')", f"{r.doc.id}/{r.annotator} {sid}")
        for p in parts:
            if not p.records:
                ctx.warn("split(s) empty: too few documents for the ratios", p.name)
        mod.write(parts, ctx)
        text = card.render(fmt, ctx, parts, command=command, seed=seed if ratios else None,
                           annotators=sorted({r.annotator for r in records}))
        ctx.write(CARD, text.encode("utf-8"))
        ctx.flush()
        _replace_dir(staging, out)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise DataError(f"{e.filename or out}: cannot write the export: {e.strerror}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Result(out, fmt, parts, ctx.files, ctx.warnings)


def _parent(out: Path) -> Path:
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _check_out(out: Path) -> None:
    """Refuse to replace a directory that is not an earlier export (a typo must not wipe it)."""
    if out.exists():
        if not out.is_dir():
            raise DataError(f"{out}: exists and is not a directory")
        if any(out.iterdir()) and not (out / CARD).is_file():
            raise DataError(f"{out}: not empty and not a margin export (no {CARD}); choose a new or empty directory")


def _replace_dir(new: Path, out: Path) -> None:
    """Put the finished export at ``out``: one rename, the old export removed after."""
    new.chmod(0o755)
    if not out.exists():
        os.replace(new, out)
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.absolute().parent))
        os.replace(out, old)
        try:
            os.replace(new, out)
        except BaseException:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    try:
        fd = os.open(out.absolute().parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory

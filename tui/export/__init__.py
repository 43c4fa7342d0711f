"""Dataset export: a registry of named formats and the functions that run any of them.

Flow: ``tui.dataset.load_items`` parses the YAML (in parallel) -> records filtered to the
chosen labels -> split by document -> the format module writes its files into a staging
directory -> ``card.py`` writes ``dataset_card.md`` -> the staging directory is swapped
with the output directory in one atomic exchange (``outdir.py``: margin only ever replaces
a folder carrying its own ``.margin-export`` marker). ``export_file`` writes a single data
file instead (atomically, or to standard output). Exporters never read YAML and never
touch Textual.

A format module has ``write(parts, ctx)`` (and may have ``check(labels, options)``, run
before anything is loaded, and ``CARD``, the card's file name). ``parts`` is a list of
:class:`Part`, one per split in split order. It writes through ``ctx.write(relative_path,
bytes)`` or ``with ctx.text(relative_path) as f: f.write(str)``: the only way to create a
file, and the one place (``safe_relpath``) where a name made from data (a document id, an
annotator) is checked; it reports lossy conversions with ``ctx.warn(kind, detail)``.
Output is a pure function of the input: stable ordering, no timestamps, no randomness
except the seeded split (the marker's export id is not data and not in the card).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..display import one_line
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
    layout: str = "file"  # "file": one data file (export_file can write it); "folder": several


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "jsonl", "one JSON object per document and annotator (datasets, Prodigy, doccano)"),
    Format("conll", "conll", "tokens with one BIO column per label (seqeval, flair); --conll-layer for one"),
    Format("brat", "brat", "brat standoff: .txt + .ann per document, annotation.conf", layout="folder"),
    Format("spacy", "spacy", "spaCy DocBin: doc.spans per label, doc.ents where spans do not overlap",
           "spacy", "spacy"),
    Format("csv", "csv", "one row per span, attributes as columns"),
    Format("parquet", "parquet", "the csv table as Parquet", "parquet", "pyarrow"),
    Format("claims", "claims", "claims ledger (csv): one row per claim and figure, actors attributed"),
    Format("labelstudio", "labelstudio", "Label Studio tasks (json): annotations, and margin's suggestions "
           "as predictions"),
    Format("doccano", "doccano", "doccano JSONL: text + label [[start, end, LABEL]] (or entities/relations)"),
    Format("prodigy", "prodigy", "Prodigy JSONL: text, tokens, spans with token_start/token_end, relations"),
    Format("hf", "hf", "Hugging Face token classification: tokens + ner_tags (ClassLabel) + README.md card",
           layout="folder"),
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


_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def safe_relpath(rel, source: str = "") -> str:
    """``rel`` if it is a safe relative file name inside an export, else DataError.

    The one gate for every path an exporter writes: refused are names that are empty,
    absolute (``/x``, ``\\x``, ``C:x``), hold a backslash, a control character, an empty,
    ``.`` or ``..`` component, a component starting with ``.`` (margin's marker and
    staging names) or longer than 255 bytes."""
    if not isinstance(rel, str) or not rel:
        return _refuse(rel, "empty file name", source)
    if rel.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(rel):
        return _refuse(rel, "absolute path", source)
    if "\\" in rel:
        return _refuse(rel, "backslash in a file name", source)
    if _CONTROL.search(rel):
        return _refuse(rel, "control character in a file name", source)
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return _refuse(rel, f"{'empty' if not part else repr(part)} path component", source)
        if part.startswith("."):
            return _refuse(rel, "hidden name (reserved for margin's own files)", source)
        if len(part.encode("utf-8", "surrogatepass")) > 255:
            return _refuse(rel, "path component longer than 255 bytes", source)
    return rel


def _refuse(rel, why: str, source: str = ""):
    src = f" (from {one_line(source)})" if source else ""
    raise DataError(f"export: refused to write {one_line(repr(rel), 120)}: {why}{src}")


@dataclass
class Context:
    """What a format writer gets besides the records: schema, labels, options, a writer."""

    schema: Schema
    labels: tuple[str, ...]
    staging: Path
    options: dict = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    warnings: dict[str, list[str]] = field(default_factory=dict)  # kind -> details
    notes: list[str] = field(default_factory=list)  # format-specific paragraphs for the card
    _dirs: set = field(default_factory=set, repr=False)  # folders made and checked

    def _open(self, rel: str, source: str = ""):
        """Create ``staging/rel`` (never an existing file, never through a link)."""
        safe_relpath(rel, source)
        if rel in self.files:
            _refuse(rel, "written twice (two records with one name?)", source)
        path = self.staging / rel
        parent = path.parent
        if parent not in self._dirs:  # a brat export writes thousands of files into few folders
            parent.mkdir(parents=True, exist_ok=True)
            if not parent.resolve().is_relative_to(self.staging.resolve()):
                _refuse(rel, "resolves outside the export", source)
            self._dirs.add(parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except FileExistsError:
            _refuse(rel, "written twice (two records with one name?)", source)
        return os.fdopen(fd, "wb")

    def write(self, rel: str, data: bytes, source: str = "") -> None:
        """Write one file; ``source`` names what the name came from, for the refusal."""
        with self._open(rel, source) as f:
            f.write(data)
        self.files[rel] = hashlib.sha256(data).hexdigest()

    @contextmanager
    def text(self, rel: str, source: str = ""):
        """A UTF-8 text file written as it goes (``.write(str)``; ``csv.writer`` takes it)."""
        with self._open(rel, source) as f:
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
    card: str = ""  # export_file: the card's text (export writes it beside the data)
    card_name: str = CARD  # the card's file name in the folder (README.md for hf)

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


def default_out(corpus, fmt: str) -> Path:
    """Where ``margin export`` writes without ``--out``: ``CORPUS/exports/FMT``."""
    return Path(corpus.root) / "exports" / fmt


@dataclass
class _Plan:
    mod: object
    labels: tuple[str, ...]
    parts: list[Part]
    ratios: tuple[int, ...] | None
    left_out: tuple[str, list[str]] | None  # (warning kind, document ids)


def _plan(corpus, fmt, *, annotators, docs, labels, split, status, options, jobs, progress, seed) -> _Plan:
    """Everything before writing: checks, loading, label filter, split."""
    from ..dataset import default_annotators, load_items
    from .split import assign, parse_split, split_names

    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    mod = writer(fmt)
    chosen = select_labels(corpus.schema, labels)
    ratios = parse_split(split) if split else None
    if hasattr(mod, "check"):
        mod.check(chosen, options or {})
    if annotators is None:
        annotators = default_annotators(corpus, docs)
    items, _ = load_items(corpus, docs=docs, annotators=annotators, status=status, jobs=jobs,
                          progress=progress)
    who = "every annotator" if annotators in (None, "all") else \
        f"annotator {annotators if isinstance(annotators, str) else ','.join(annotators)}"
    if not items:
        raise DataError(f"{corpus.annotations_dir}: no annotation files to export "
                        f"({who}, documents {docs or '*'}, status {status})")
    records = [Record(it.doc, restrict(it.annotation, chosen)) for it in items]
    del items  # the unsorted copies: big corpora need the memory
    if ratios is None:
        parts = [Part("data", records)]
    else:
        where = assign(sorted({r.doc.id for r in records}), ratios, seed)
        parts = [Part(n, [r for r in records if where[r.doc.id] == n], f"{n}/") for n in split_names(ratios)]
    return _Plan(mod, chosen, parts, ratios, _left_out(corpus, docs, records, who, status))


def _left_out(corpus, docs, records, who: str, status: str):
    """Documents that have annotation files but no record in the export (gold-only, one
    annotator, --status done): never left out silently."""
    exported = {r.doc.id for r in records}
    missing = sorted({p.parent.name for p in corpus.annotation_files(docs)} - exported)
    if not missing:
        return None
    why = who + (", status done" if status == "done" else "")
    hint = ("adjudicate them with 'margin review', or export every annotator's files with --annotator all"
            if who == "annotator gold" else "--annotator all --status any exports every file")
    return f"document(s) with annotation files but none selected ({why}), left out: {hint}", missing


def _write(plan: _Plan, fmt: str, corpus, staging: Path, *, options, command, seed) -> Context:
    """Run the format writer and the card into ``staging``."""
    from . import card

    ctx = Context(corpus.schema, plan.labels, staging, dict(options or {}))
    if plan.left_out:
        kind, ids = plan.left_out
        for d in ids:
            ctx.warn(kind, d)
    records = [r for p in plan.parts for r in p.records]
    for r in records:
        flagged = [s.id for s in r.annotation.spans if s.flag in (FLAG_FUZZY, FLAG_LOST)]
        for sid in flagged:
            ctx.warn("span(s) flagged fuzzy/lost after the article changed "
                     "(exported as they are; check with 'margin validate')", f"{r.doc.id}/{r.annotator} {sid}")
    for p in plan.parts:
        if not p.records:
            ctx.warn("split(s) empty: too few documents for the ratios", p.name)
    plan.mod.write(plan.parts, ctx)
    text = card.render(fmt, ctx, plan.parts, command=command, seed=seed if plan.ratios else None,
                       annotators=sorted({r.annotator for r in records}))
    if hasattr(plan.mod, "card_front"):  # e.g. the Hub's YAML metadata at the top of README.md
        text = plan.mod.card_front(ctx, plan.parts) + text
    ctx.write(getattr(plan.mod, "CARD", CARD), text.encode("utf-8"))
    ctx.flush()
    return ctx


def export(corpus, fmt: str, out: Path | None = None, *, annotators=None, docs: str | None = None,
           labels=None, split: str | None = None, seed: int = 0, status: str = "any",
           options: dict | None = None, command: str = "", jobs: int | None = None,
           progress=None) -> Result:
    """Export ``corpus`` as ``fmt`` into the directory ``out`` (replaced as a whole).

    ``out`` None is ``default_out`` (``CORPUS/exports/FMT``). ``out`` must be absent, empty
    or an export margin made (``outdir``): anything else is refused before work starts.
    ``annotators``: a name, a list, "all", or None for the default (gold if the corpus has
    gold files, else everyone; documents left out are reported as a warning).
    ``split``: "80/10/10" style, by document, seeded.
    """
    from . import outdir

    out = default_out(corpus, fmt) if out is None else Path(out)
    outdir.check_folder(out, corpus.root)
    plan = _plan(corpus, fmt, annotators=annotators, docs=docs, labels=labels, split=split, status=status,
                 options=options, jobs=jobs, progress=progress, seed=seed)
    try:
        _mkdir_parent(out, corpus.root)
        outdir.clean_dead(out)
        stage = outdir.Staging(out, fmt)
    except OSError as e:
        raise DataError(f"{outdir.show(out)}: cannot write the export here: {e.strerror}") from None
    try:
        ctx = _write(plan, fmt, corpus, stage.path, options=options, command=command, seed=seed)
        stage.commit(ctx.files, corpus.root)
    except OSError as e:
        stage.discard()
        raise DataError(f"{outdir.show(e.filename or out)}: cannot write the export: {e.strerror}") from None
    except BaseException:
        stage.discard()
        raise
    finally:
        stage.close()
    return Result(out, fmt, plan.parts, ctx.files, ctx.warnings, card_name=getattr(plan.mod, "CARD", CARD))


def _mkdir_parent(out: Path, corpus_root) -> None:
    from . import outdir

    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    outdir.check_place(out, corpus_root)  # again, now that the parents exist


def export_file(corpus, fmt: str, dest, *, annotators=None, docs: str | None = None, labels=None,
                status: str = "any", options: dict | None = None, command: str = "",
                jobs: int | None = None, progress=None) -> Result:
    """Export ``corpus`` as ``fmt`` into ONE data file (no card, no split).

    ``dest`` is a path (written atomically: temp file beside it, fsync, ``os.replace``,
    fsync of the folder; an existing regular file is replaced, a directory or a symbolic
    link refused), or ``"-"`` for standard output, or a binary file object. Formats that
    write a folder (``Format.layout == "folder"``) are refused. The card's text is in
    ``Result.card`` for a caller that wants it. Warnings as in ``export``.
    """
    from . import outdir

    if fmt in FORMATS and FORMATS[fmt].layout != "file":
        raise DataError(f"--format {fmt} writes a folder of files; give --out a directory")
    stream = None
    if dest == "-" or hasattr(dest, "write"):
        stream = dest
    else:
        dest = Path(dest)
        outdir.check_place(dest, corpus.root)
        if dest.is_dir():
            raise DataError(f"{outdir.show(dest)}: is a directory; give a file name, or use it as a folder export")
        if dest.exists() and not dest.is_file():
            raise DataError(f"{outdir.show(dest)}: exists and is not a regular file")
    plan = _plan(corpus, fmt, annotators=annotators, docs=docs, labels=labels, split=None, status=status,
                 options=options, jobs=jobs, progress=progress, seed=0)
    try:
        if stream is None:
            _mkdir_parent(dest, corpus.root)
        where = None if stream is not None else dest.absolute().parent
        staging = Path(tempfile.mkdtemp(prefix=".margin-export-file-", dir=where))
    except OSError as e:
        raise DataError(f"{outdir.show(dest if stream is None else 'export')}: cannot write here: {e.strerror}") from None
    try:
        ctx = _write(plan, fmt, corpus, staging, options=options, command=command, seed=0)
        card_name = getattr(plan.mod, "CARD", CARD)
        (data_name,) = [f for f in ctx.files if f != card_name]
        if stream is None:
            os.replace(staging / data_name, dest)
            outdir.fsync_dir(dest.absolute().parent)
        else:
            sink = getattr(sys.stdout, "buffer", sys.stdout) if stream == "-" else stream
            with open(staging / data_name, "rb") as f:
                shutil.copyfileobj(f, sink)
            sink.flush()
        card_text = (staging / card_name).read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"{outdir.show(e.filename or dest)}: cannot write the export: {e.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = {data_name: ctx.files[data_name]}
    return Result(dest if stream is None else Path("-"), fmt, plan.parts, files, ctx.warnings, card_text, card_name)

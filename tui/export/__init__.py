"""Dataset export: a registry of named formats and the functions that run any of them.

Flow (``run.py``): ``tui.dataset.load_items`` parses the YAML (in parallel) -> records filtered to the
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
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

from tui.display import one_line
from tui.formats import EXPORT
from tui.errors import DataError, MarginError
from tui.model import FLAG_FUZZY, FLAG_LOST, Annotation, Document
from tui.schema import Schema
from tui.store.files import sync_paths

CARD = "dataset_card.md"


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
    Format("webanno", "webanno", "WebAnno / INCEpTION TSV 3.3: one .tsv per document and annotator, span and "
           "relation layers with features (UTF-16 offsets)", layout="folder"),
    Format("hf", "hf", "Hugging Face token classification: tokens + ner_tags (ClassLabel) + README.md card",
           layout="folder"),
)}


#: The unit each format's offsets count by default (``--offsets`` chooses another): doccano's
#: editor and INCEpTION count UTF-16 code units, the rest code points (docs/import.md).
OFFSET_DEFAULTS = {"doccano": "utf16", "webanno": "utf16", "jsonl": "codepoints", "labelstudio": "codepoints",
                   "prodigy": "codepoints", "brat": "codepoints"}


def offset_unit(fmt: str, options: dict) -> str:
    """The unit ``fmt`` writes offsets in: ``options["offsets"]`` or the format's default."""
    return options.get("offsets") or OFFSET_DEFAULTS.get(fmt, "codepoints")


assert tuple(FORMATS) == EXPORT, "tui.formats.EXPORT is the one list of export formats"


def writer(name: str) -> ModuleType:
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

    # what the card, the split and the warnings read (a Formatted record has the same)
    @property
    def doc_id(self) -> str:
        return self.doc.id

    @property
    def chars(self) -> int:
        return len(self.doc.text)

    @property
    def sha256(self) -> str:
        return self.doc.sha256

    @property
    def label_counts(self) -> dict[str, int]:
        return dict(Counter(s.label for s in self.annotation.spans))

    @property
    def n_relations(self) -> int:
        return len(self.annotation.relations)

    @property
    def flagged(self) -> tuple[str, ...]:
        """Ids of the spans flagged fuzzy or lost after the article changed."""
        return tuple(s.id for s in self.annotation.spans if s.flag in (FLAG_FUZZY, FLAG_LOST))


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
        """Make every written file durable before the export is put in place (an fsync
        each for a few files, one ``os.sync`` for many: ``tui.store.files.sync_paths``)."""
        sync_paths(self.staging / rel for rel in self.files)

    def warn(self, kind: str, detail: str) -> None:
        """Report a lossy conversion: ``kind`` reads after a count ("3 span(s) ...")."""
        self.warnings.setdefault(kind, []).append(detail)


class _Sink:
    def __init__(self, f):
        self.f = f
        self.sha = hashlib.sha256()

    def write(self, s: str) -> None:
        self.write_bytes(s.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        """Text already in UTF-8 (a line formatted in the map)."""
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
        return len({r.doc_id for p in self.parts for r in p.records})


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


from tui.export.run import default_out, export, export_file  # noqa: E402,F401  (run.py uses the names above)

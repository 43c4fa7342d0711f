"""Import annotations made in margin or other tools as margin YAML.

A reader (one module per format: ``brat``, ``jsonl``, ``conll``, ``doccano``,
``labelstudio``, ``prodigy``, ``spacy``) turns its files into :class:`Incoming` documents,
checking labels and attributes against the schema as it goes and reporting
``file:line: problem``; ``detect`` picks the reader for ``--format auto``.
:func:`import_path` then matches each document to the corpus (``match``), places the spans
(``place``), renders and validates every file, and writes them all through one
:class:`tui.store.staged.Transaction`: all of them or (on any problem, a full disk, a kill)
none, never replacing a file without ``force``.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from tui.store import staged
from tui.errors import DataError, ValidationError
from tui.model import Annotation
from tui.importers.base import Incoming, Reading, RelIn, SpanIn, parse_map  # noqa: F401  (the readers' API)
from tui.importers.place import LINE_BREAKS, build  # noqa: F401
from tui.importers.units import NAMES
from tui.formats import IMPORT
from tui.offsets import UNITS

#: Readers, each ``read(path, reading) -> list[Incoming]``; "auto" detects one.
READERS = IMPORT
FORMATS = ("auto", *READERS)


def read(fmt: str, path: Path, reading: Reading) -> list[Incoming]:
    if fmt not in FORMATS:
        raise DataError(f"unknown import format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file or directory")
    if fmt == "auto":
        from tui.importers.detect import detect

        fmt = detect(path)
    reading.format = fmt
    return importlib.import_module(f"{__name__}.{fmt}").read(path, reading)


def to_annotation(inc: Incoming, doc, annotator: str, reading: Reading) -> Annotation | None:
    """``inc`` placed on ``doc`` as a valid annotation, or None (problems in ``reading``)."""
    offsets = None
    if inc.tokens is not None:
        from tui.importers.place import align_tokens

        offsets = align_tokens(inc.tokens, doc.text)
        if offsets is None:
            reading.problem(inc.where, f"its tokens do not align with the text of {doc.id!r}")
            return None
    built = build(inc, doc, annotator, reading, offsets)
    return built[0] if built else None


def _theirs(incoming: list[Incoming], annotator: str, path, reading: Reading) -> list[Incoming]:
    """In a file of several annotators' records, only ``annotator``'s (when it has any)."""
    mine = [i for i in incoming if i.source_annotator == annotator]
    if not mine or len(mine) == len(incoming):
        return incoming
    others = sorted({i.source_annotator or "unnamed" for i in incoming} - {annotator})
    reading.notes.append(f"{path}: imported {annotator}'s records only (the file also has {', '.join(others)})")
    return mine


def _file_line(problem: str) -> tuple:
    m = re.match(r"(.*?):(\d+): ", problem)
    return (m.group(1), int(m.group(2))) if m else (problem.partition(": ")[0], 0)


def import_path(corpus, fmt: str, path: Path, annotator: str, *, label_map: dict | None = None,
                force: bool = False, notes: list | None = None, offsets: str | None = None,
                columns: dict | None = None, added: list | None = None) -> list[tuple[Path, Annotation]]:
    """Read ``path`` and write one margin file per document; all or nothing.

    Raises ValidationError listing every problem (nothing written), DataError when the
    files cannot be written (nothing written). Returns what was written; ``notes``
    receives one line per record skipped on purpose (e.g. Prodigy's rejected answers).
    Every message is one displayable line (file names and input text are untrusted).
    """
    from tui.display import one_line
    from tui.errors import MarginError

    try:
        return _import_path(corpus, fmt, path, annotator, label_map, force, notes, offsets, columns or {}, added)
    except ValidationError as e:
        e.problems = [one_line(p) for p in e.problems]
        e.args = (one_line(str(e.args[0])),)
        raise
    except MarginError as e:
        e.args = (one_line(str(e)),)
        raise


def _import_path(corpus, fmt, path, annotator, label_map, force, notes, offsets, columns,
                 added) -> list[tuple[Path, Annotation]]:
    from tui.corpus import check_name
    from tui.importers.match import Matcher

    check_name(annotator, "annotator name")
    if offsets not in (None, *UNITS):
        raise DataError(f"--offsets {offsets!r}: expected one of: {', '.join(UNITS)}")
    reading = Reading(corpus.schema, dict(label_map or {}), annotator=annotator, offsets=offsets, columns=columns)
    if columns and fmt == "auto":
        fmt = "doccano"  # only doccano's import form names its columns
    for old, new in reading.label_map.items():
        if new and new not in corpus.schema.labels and new not in corpus.schema.relations:
            raise DataError(f"--map {old}={new}: {new!r} is not a label or relation of the schema")
    if corpus.annotations_dir.is_dir():
        staged.recover(corpus.annotations_dir)  # a killed import before us is finished first
    if corpus.root.is_dir():
        staged.recover(corpus.root)  # ... also one that was adding articles
    incoming = _theirs(read(fmt, Path(path), reading), annotator, path, reading)
    matcher = Matcher(corpus)
    incoming = [part for inc in incoming for part in matcher.split(inc)]
    out = _build_all(corpus, incoming, matcher, annotator, reading, force)
    if not incoming and not reading.problems:
        why = f"no {reading.format or fmt} record to import" + (
            f" ({len(reading.notes)} skipped: {reading.notes[0].split(': ', 1)[-1]})" if reading.notes else "")
        if Path(path).is_dir():
            raise DataError(f"{path}: nothing to import: {why}")
        reading.problems.append(f"{path}:1: nothing to import: {why}")
    if reading.problems:
        raise ValidationError(sorted(reading.problems, key=_file_line))
    _summarise(reading, path)
    if notes is not None:
        notes.extend(reading.notes)
    adding = {d: doc for d, doc in matcher.new.items() if d in out}
    if adding and added is not None:
        added.extend(sorted(adding))
    return _write(corpus, out, adding, annotator, force)


def _build_all(corpus, incoming: list[Incoming], matcher, annotator: str, reading: Reading,
               force: bool) -> dict[str, tuple[Incoming, Annotation, bytes]]:
    """Each record placed on its document: doc id -> (record, annotation, file bytes)."""
    out: dict[str, tuple[Incoming, Annotation, bytes]] = {}
    for inc in incoming:
        found = matcher.find(inc, reading)
        if found is None:
            continue
        doc, token_offsets = found
        if doc.id in out:
            who = sorted({i.source_annotator for i in (inc, out[doc.id][0]) if i.source_annotator})
            reading.problem(inc.where, f"document {doc.id!r} again (first in {out[doc.id][0].where}): " + (
                f"the file has {', '.join(who)}'s work: --annotator NAME imports NAME's" if len(who) > 1 else
                "a second, different annotation of it; margin keeps one per annotator: keep one of the two "
                "records, or import them as two annotators"))
            continue
        built = build(inc, doc, annotator, reading, token_offsets)
        if built is not None:
            out[doc.id] = (inc, *built)
            dest = corpus.annotation_path(doc.id, annotator)
            if dest.exists() and not force:
                reading.problem(str(dest), "exists; use --force to replace it")
    return out


def _summarise(reading: Reading, path) -> None:
    """One note per kind of thing left out or converted on the way (stderr)."""
    for name, n in sorted(reading.dropped.items()):
        reading.notes.append(f"{path}: left out {n} {name}" if name.startswith("relations ") else
                             f"{path}: left out {n} span(s) or relation(s) {name!r} (--map {name}=)")
    if reading.duplicates:
        reading.notes.append(f"{path}: left out {reading.duplicates} span(s) or relation(s) identical to one "
                             "before them in the same record (same label, offsets, attributes and note)")
    for unit, n in sorted(reading.units_used.items()):
        reading.notes.append(f"{path}: offsets read as {NAMES[unit]} in {n} record(s) with characters above U+FFFF "
                             "(emoji)" + (" (--offsets)" if reading.offsets else ""))


def _write(corpus, out: dict, adding: dict, annotator: str, force: bool) -> list[tuple[Path, Annotation]]:
    """The annotation files, and the articles the records carried, in one staged transaction."""
    try:
        corpus.annotations_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataError(f"{corpus.annotations_dir}: cannot create the folder: {e.strerror}") from None
    written = []
    with staged.Transaction(corpus.root if adding else corpus.annotations_dir) as txn:
        for doc_id, doc in sorted(adding.items()):
            txn.write(corpus.doc_path(doc_id), doc.text.encode("utf-8"), must_not_exist=True)
        for doc_id in sorted(out):
            dest = corpus.annotation_path(doc_id, annotator)
            txn.write(dest, out[doc_id][2], must_not_exist=not force)
            written.append((dest, out[doc_id][1]))
    return written

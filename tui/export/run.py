"""Running an export: plan (checks, loading, labels, split), write into staging, put in place.

``export`` writes a folder (replaced as a whole, only if margin made it: ``outdir.py``);
``export_file`` writes one data file atomically or to a stream. Both are re-exported by
``tui.export``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tui.batch import Runner
from tui.errors import DataError, ValidationError
from tui.export import CARD, FORMATS, Context, Part, Record, Result, restrict, select_labels, writer


def default_out(corpus, fmt: str) -> Path:
    """Where ``margin export`` writes without ``--out``: ``CORPUS/exports/FMT``."""
    return Path(corpus.root) / "exports" / fmt


@dataclass
class _Plan:
    mod: ModuleType  # the format's writer module (tui.export.<format>)
    labels: tuple[str, ...]
    parts: list[Part]
    ratios: tuple[int, ...] | None
    left_out: tuple[str, list[str]] | None  # (warning kind, document ids)


def _plan(corpus, fmt, *, annotators, docs, labels, split, status, options, jobs, progress, seed) -> _Plan:
    """Everything before writing: checks, loading, label filter, split."""
    from tui.dataset import default_annotators
    from tui.export.split import assign, parse_split, split_names

    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    mod = writer(fmt)
    chosen = select_labels(corpus.schema, labels)
    ratios = parse_split(split) if split else None
    if hasattr(mod, "check"):
        mod.check(chosen, options or {})
    # listed here only when needed before the map (the default annotators, a format that
    # loads every file here): else each worker lists its own documents' folders
    files = corpus.annotation_files(docs) if annotators is None or not hasattr(mod, "format_record") else None
    if annotators is None:
        annotators = default_annotators(corpus, docs, files)
    records, with_files = _records(corpus, fmt, mod, chosen, annotators=annotators, docs=docs, status=status,
                                   options=options, jobs=jobs, progress=progress, files=files)
    who = "every annotator" if annotators in (None, "all") else \
        f"annotator {annotators if isinstance(annotators, str) else ','.join(annotators)}"
    if not records:
        raise DataError(f"{corpus.annotations_dir}: no annotation files to export "
                        f"({who}, documents {docs or '*'}, status {status})")
    if ratios is None:
        parts = [Part("data", records)]
    else:
        where = assign(sorted({r.doc_id for r in records}), ratios, seed)
        parts = [Part(n, [r for r in records if where[r.doc_id] == n], f"{n}/") for n in split_names(ratios)]
    return _Plan(mod, chosen, parts, ratios, _left_out(with_files, records, who, status))


def _records(corpus, fmt, mod, chosen, *, annotators, docs, status, options, jobs, progress,
             files) -> tuple[list, set[str]]:
    """(the records to export, the documents with any annotation file). A format that
    formats one record at a time (``format_record``) does so in the map, where the files
    are listed (unless ``files`` were) and parsed; the others get parsed records."""
    from tui.dataset import load_items, map_groups
    from tui.export.records import format_group

    if not hasattr(mod, "format_record"):
        items, _ = load_items(corpus, docs=docs, annotators=annotators, status=status, jobs=jobs,
                              progress=progress, files=files)
        return [Record(it.doc, restrict(it.annotation, chosen)) for it in items], _folders(files)
    records, problems, with_files = [], [], set()
    for recs, probs, listed in map_groups(format_group, corpus, docs, annotators, jobs, progress, by_folder=True,
                                          extra=(fmt, chosen, status, dict(options or {})), files=files):
        records.extend(recs)
        problems.extend(probs)
        if listed is not None:
            with_files.add(listed)
    if problems:
        raise ValidationError(problems)
    return records, (with_files if files is None else _folders(files))


def _folders(files) -> set[str]:
    return {p.parent.name for p in files or ()}


def _left_out(with_files: set[str], records, who: str, status: str):
    """Documents that have annotation files (``with_files``) but no record in the export
    (gold-only, one annotator, --status done): never left out silently."""
    exported = {r.doc_id for r in records}
    missing = sorted(with_files - exported)
    if not missing:
        return None
    why = who + (", status done" if status == "done" else "")
    hint = ("adjudicate them with 'margin review', or export every annotator's files with --annotator all"
            if who == "annotator gold" else "--annotator all --status any exports every file")
    return f"document(s) with annotation files but none selected ({why}), left out: {hint}", missing


def _write(plan: _Plan, fmt: str, corpus, staging: Path, *, options, command, seed) -> Context:
    """Run the format writer and the card into ``staging``."""
    from tui.export import card

    ctx = Context(corpus.schema, plan.labels, staging, dict(options or {}))
    if plan.left_out:
        kind, ids = plan.left_out
        for d in ids:
            ctx.warn(kind, d)
    records = [r for p in plan.parts for r in p.records]
    for r in records:
        for sid in r.flagged:
            ctx.warn("span(s) flagged fuzzy/lost after the article changed "
                     "(exported as they are; check with 'margin validate')", f"{r.doc_id}/{r.annotator} {sid}")
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
           options: dict | None = None, command: str = "", jobs: int | Runner | None = None,
           progress=None) -> Result:
    """Export ``corpus`` as ``fmt`` into the directory ``out`` (replaced as a whole).

    ``out`` None is ``default_out`` (``CORPUS/exports/FMT``). ``out`` must be absent, empty
    or an export margin made (``outdir``): anything else is refused before work starts.
    ``annotators``: a name, a list, "all", or None for the default (gold if the corpus has
    gold files, else everyone; documents left out are reported as a warning).
    ``split``: "80/10/10" style, by document, seeded.
    """
    from tui.export import outdir

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
    from tui.export import outdir

    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    outdir.check_place(out, corpus_root)  # again, now that the parents exist


def export_file(corpus, fmt: str, dest, *, annotators=None, docs: str | None = None, labels=None,
                status: str = "any", options: dict | None = None, command: str = "",
                jobs: int | Runner | None = None, progress=None) -> Result:
    """Export ``corpus`` as ``fmt`` into ONE data file (no card, no split).

    ``dest`` is a path (written atomically: temp file beside it, fsync, ``os.replace``,
    fsync of the folder; an existing regular file is replaced, a directory or a symbolic
    link refused), or ``"-"`` for standard output, or a binary file object. Formats that
    write a folder (``Format.layout == "folder"``) are refused. The card's text is in
    ``Result.card`` for a caller that wants it. Warnings as in ``export``.
    """
    from tui.export import outdir

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

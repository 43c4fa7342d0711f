from __future__ import annotations

import shlex
import sys
from pathlib import Path

from tui.batch import add_options, runner_of, started
from tui.commands import UsageError, corpus_of, print_json, progress_bar, say
from tui.formats import export_list

HELP = f"export the annotations as a dataset ({export_list()})"
SHOWN = 3  # warning details printed per kind; the card has them all

#: formats that write one data file when there is no --split: its extension. ``--out
#: NAME<ext>`` writes that file (not a folder); the text ones may go to stdout (``--out -``).
ONE_FILE = {"jsonl": ".jsonl", "csv": ".csv", "claims": ".csv", "conll": ".conll", "parquet": ".parquet",
            "spacy": ".spacy", "labelstudio": ".json", "doccano": ".jsonl", "prodigy": ".jsonl"}
TEXT = ("jsonl", "csv", "claims", "conll", "labelstudio", "doccano", "prodigy")


def add_arguments(p) -> None:
    from tui.export import FORMATS

    p.add_argument("--format", required=True, choices=list(FORMATS), metavar="FMT",
                   help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()))
    p.add_argument("--out", metavar="DIR|FILE|-",
                   help="output folder, replaced as a whole (default: CORPUS/exports/FMT); for a format of one "
                        "file, a FILE with its extension (claims.csv, data.jsonl, train.spacy) or - for stdout "
                        "(jsonl, csv, claims, conll); end a folder's name with / to force a folder")
    p.add_argument("--annotator", metavar="NAME|all",
                   help="whose annotations: a name, names separated by commas, or all "
                        "(default: gold if the corpus has gold files, else all)")
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB")
    p.add_argument("--labels", metavar="A,B", help="only these labels (default: all labels of the schema)")
    p.add_argument("--split", metavar="80/10/10",
                   help="split by document into train/validation/test (or train/test with two numbers)")
    p.add_argument("--seed", type=int, metavar="N", help="seed of the split (default 0)")
    p.add_argument("--status", choices=("any", "done"), default="any",
                   help="done: only annotation files marked done (default: any)")
    p.add_argument("--conll-layer", metavar="LABEL", help="conll: a single tag column for LABEL")
    p.add_argument("--spacy-lang", metavar="CODE", help="spacy: language of spacy.blank (default en)")
    p.add_argument("--doccano-shape", choices=("label", "entities"),
                   help="doccano: label [[s, e, L]] (default) or entities/relations objects")
    p.add_argument("--no-predictions", action="store_true",
                   help="labelstudio: leave margin's suggestions out of the tasks' predictions")
    p.add_argument("--offsets", choices=("utf16", "codepoints"),
                   help="the unit of character offsets (doccano and webanno: utf16, as those tools count; jsonl, "
                        "labelstudio, prodigy, brat: codepoints)")
    add_options(p, "the files")  # --jobs N (default: automatic), --dask ADDRESS
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


def command_line(args, annotators) -> str:
    """The canonical command reproducing this export (no paths: run it in the corpus)."""
    words = ["margin", "export", "--format", args.format, "--annotator",
             annotators if isinstance(annotators, str) else ",".join(annotators) if annotators else "all"]
    for flag, value in (("--docs", args.docs), ("--labels", args.labels), ("--split", args.split),
                        ("--seed", None if args.split is None else args.seed or 0),
                        ("--status", None if args.status == "any" else args.status),
                        ("--conll-layer", args.conll_layer), ("--spacy-lang", args.spacy_lang),
                        ("--doccano-shape", getattr(args, "doccano_shape", None)),
                        ("--offsets", getattr(args, "offsets", None))):
        if value is not None:
            words += [flag, str(value)]
    if getattr(args, "no_predictions", False):
        words.append("--no-predictions")
    return shlex.join(words)


def _annotators(value: str | None):
    from tui.corpus import check_name

    if value is None or value == "all":
        return value
    names = [check_name(n.strip(), "annotator name") for n in value.split(",")]
    return names[0] if len(names) == 1 else names


def destination(fmt: str, out: str | None, split: str | None) -> str:
    """Where the export goes: "folder" (the default), "file" or "stdout"."""
    if out == "-":
        if fmt not in TEXT:
            raise UsageError(f"--out - (stdout) takes a text format of one file ({', '.join(TEXT)}), not {fmt}")
        if split:
            raise UsageError("--out - writes one file, which cannot hold a --split; give a folder")
        if sys.stdout.isatty():  # the data holds article text as it is: control characters too
            raise UsageError("--out - writes the data as it is, and stdout is a terminal: pipe it "
                             "(| less) or give --out a file")
        return "stdout"
    if out is None or fmt not in ONE_FILE or out.endswith(("/", "\\")) or Path(out).is_dir():
        return "folder"
    if Path(out).suffix.lower() != ONE_FILE[fmt]:
        return "folder"
    if split:
        raise UsageError(f"--out {out} is one file, which cannot hold a --split; give a folder")
    return "file"


def run(args) -> int:
    from tui.dataset import default_annotators
    from tui.export.records import map_modules

    _check_options(args)
    where = destination(args.format, args.out, args.split)
    if where == "stdout" and args.json:
        raise UsageError("--json and --out - both write to stdout; give --out a file")
    corpus = corpus_of(args)
    # on Dask, connected before the corpus is listed: the workers import the map's modules meanwhile
    with started(runner_of(args), *map_modules(args.format)) as runner:
        annotators = _annotators(args.annotator)
        if annotators is None:
            annotators = default_annotators(corpus, args.docs) or "all"
        out = Path(args.out) if args.out and where != "stdout" else corpus.root / "exports" / args.format
        result, files = _write(args, corpus, where, out, annotators, runner)
    _report(args, result, files, where, out)
    return 0


def _check_options(args) -> None:
    """Options that go only with others, refused before anything is read."""
    from tui.export import OFFSET_DEFAULTS

    if args.seed is not None and args.split is None:
        raise UsageError("--seed needs --split")
    for given, fmt, option in ((args.conll_layer, "conll", "--conll-layer"), (args.spacy_lang, "spacy", "--spacy-lang"),
                               (args.doccano_shape, "doccano", "--doccano-shape"),
                               (args.no_predictions, "labelstudio", "--no-predictions")):
        if given and args.format != fmt:
            raise UsageError(f"{option} goes with --format {fmt}")
    if args.offsets and args.format not in OFFSET_DEFAULTS:
        raise UsageError(f"--offsets goes with a format of character offsets ({', '.join(OFFSET_DEFAULTS)})")


def _write(args, corpus, where: str, out: Path, annotators, runner):
    """(the export's result, its files by name): a folder, one data file written
    atomically, or stdout (``tui.export.export_file``)."""
    from tui.export import export, export_file

    options = {"conll_layer": args.conll_layer, "spacy_lang": args.spacy_lang, "offsets": args.offsets,
               "doccano_shape": args.doccano_shape, "predictions": not args.no_predictions}
    common = dict(annotators=annotators, docs=args.docs, labels=args.labels, status=args.status, options=options,
                  command=command_line(args, annotators), jobs=runner)
    progress, stop = progress_bar("reading annotations")
    try:
        if where == "folder":
            result = export(corpus, args.format, out, split=args.split, seed=args.seed or 0, progress=progress,
                            **common)
            return result, result.files
        result = export_file(corpus, args.format, "-" if where == "stdout" else out, progress=progress, **common)
    finally:
        stop()
    return result, {("-" if where == "stdout" else out.name): sha for sha in result.files.values()}


def _report(args, result, files: dict, where: str, out: Path) -> None:
    shown = "-" if where == "stdout" else str(out)
    if args.json:
        print_json({"format": args.format, "out": shown, "kind": where, "records": result.records,
                    "documents": result.documents, "parts": {p.name: len(p.records) for p in result.parts},
                    "files": files, "warnings": result.warnings})
    else:
        sizes = ", ".join(f"{p.name} {len(p.records)}" for p in result.parts) if len(result.parts) > 1 else ""
        what = (f"{len(files)} file(s) including {result.card_name}" if where == "folder" else
                "one file (export to a folder for the dataset card)")
        say(f"exported {result.records} record(s) of {result.documents} document(s) as {args.format} "
            f"to {shown}{f' ({sizes})' if sizes else ''}: {what}", err=where == "stdout")
    for kind, details in result.warnings.items():
        listed = f"all listed in {out / result.card_name}" if where == "folder" else "the dataset card of a folder export lists them all"
        say(f"margin: warning: {len(details)} {kind} ({listed})", err=True)
        for d in details[:SHOWN]:
            say(f"  {d}", err=True)
        if len(details) > SHOWN:
            say(f"  ... and {len(details) - SHOWN} more", err=True)

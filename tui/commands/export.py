from __future__ import annotations

import shlex
import sys
from pathlib import Path

from . import corpus_of
from ..errors import MarginError

HELP = "export the annotations as a dataset (jsonl, conll, brat, spacy, csv, parquet, claims)"
SHOWN = 3  # warning details printed per kind; the card has them all


class UsageError(MarginError):
    exit_code = 2


def add_arguments(p) -> None:
    from ..export import FORMATS

    p.add_argument("--format", required=True, choices=list(FORMATS), metavar="FMT",
                   help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()))
    p.add_argument("--out", metavar="DIR",
                   help="output directory, replaced as a whole (default: CORPUS/exports/FMT)")
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
    p.add_argument("--jobs", type=int, metavar="N", help="parsing processes (default: automatic)")


def command_line(args, annotators) -> str:
    """The canonical command reproducing this export (no paths: run it in the corpus)."""
    words = ["margin", "export", "--format", args.format, "--annotator",
             annotators if isinstance(annotators, str) else ",".join(annotators) if annotators else "all"]
    for flag, value in (("--docs", args.docs), ("--labels", args.labels), ("--split", args.split),
                        ("--seed", None if args.split is None else args.seed or 0),
                        ("--status", None if args.status == "any" else args.status),
                        ("--conll-layer", args.conll_layer), ("--spacy-lang", args.spacy_lang)):
        if value is not None:
            words += [flag, str(value)]
    return shlex.join(words)


def _annotators(value: str | None):
    from ..corpus import check_name

    if value is None or value == "all":
        return value
    names = [check_name(n.strip(), "annotator name") for n in value.split(",")]
    return names[0] if len(names) == 1 else names


def _progress():
    """A Rich progress bar on stderr when it is a terminal; (callback, closer)."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("reading annotations", total=None)
    bar.start()
    return (lambda done, total: bar.update(task, completed=done, total=total)), bar.stop


def run(args) -> int:
    from ..dataset import default_annotators
    from ..export import export

    if args.seed is not None and args.split is None:
        raise UsageError("--seed needs --split")
    if args.conll_layer and args.format != "conll":
        raise UsageError("--conll-layer goes with --format conll")
    if args.spacy_lang and args.format != "spacy":
        raise UsageError("--spacy-lang goes with --format spacy")
    corpus = corpus_of(args)
    annotators = _annotators(args.annotator)
    if annotators is None:
        annotators = default_annotators(corpus, args.docs) or "all"
    out = Path(args.out) if args.out else corpus.root / "exports" / args.format
    options = {"conll_layer": args.conll_layer, "spacy_lang": args.spacy_lang}
    progress, stop = _progress()
    try:
        result = export(corpus, args.format, out, annotators=annotators, docs=args.docs,
                        labels=args.labels, split=args.split, seed=args.seed or 0, status=args.status,
                        options=options, command=command_line(args, annotators), jobs=args.jobs,
                        progress=progress)
    finally:
        stop()
    sizes = ", ".join(f"{p.name} {len(p.records)}" for p in result.parts) if len(result.parts) > 1 else ""
    print(f"exported {result.records} record(s) of {result.documents} document(s) as {args.format} "
          f"to {out}{f' ({sizes})' if sizes else ''}: {len(result.files)} file(s) including dataset_card.md")
    for kind, details in result.warnings.items():
        print(f"margin: warning: {len(details)} {kind} (all listed in {out / 'dataset_card.md'})", file=sys.stderr)
        for d in details[:SHOWN]:
            print(f"  {d}", file=sys.stderr)
        if len(details) > SHOWN:
            print(f"  ... and {len(details) - SHOWN} more", file=sys.stderr)
    return 0

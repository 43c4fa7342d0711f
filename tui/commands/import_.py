from __future__ import annotations

from . import corpus_of

HELP = "import annotations from brat, jsonl or CoNLL files as margin YAML"


def add_arguments(p) -> None:
    p.add_argument("--format", required=True, choices=("brat", "jsonl", "conll"), metavar="FMT",
                   help="brat (.ann + .txt), jsonl (margin's export shape) or conll (BIO columns)")
    p.add_argument("path", metavar="PATH", help="a file, or a folder searched for *.ann / *.jsonl / *.conll")
    p.add_argument("--annotator", required=True, metavar="NAME",
                   help="write annotations/<doc>/NAME.yaml")
    p.add_argument("--map", action="append", metavar="OLD=NEW",
                   help="rename a label or relation of the input to one of the schema (repeatable)")
    p.add_argument("--force", action="store_true", help="replace existing annotation files of NAME")


def run(args) -> int:
    from ..importers import import_path, parse_map

    corpus = corpus_of(args)
    written = import_path(corpus, args.format, args.path, args.annotator,
                          label_map=parse_map(args.map), force=args.force)
    spans = sum(len(ann.spans) for _, ann in written)
    rels = sum(len(ann.relations) for _, ann in written)
    print(f"imported {len(written)} document(s) as {args.annotator}: {spans} span(s), {rels} relation(s)")
    return 0

from __future__ import annotations

import sys

from . import corpus_of

HELP = "import annotations from margin, brat, CoNLL, doccano, Label Studio, Prodigy or spaCy files as margin YAML"


def add_arguments(p) -> None:
    from ..importers import FORMATS

    p.add_argument("--format", default="auto", choices=FORMATS, metavar="FMT",
                   help="auto (the default: detected from the file), brat (.ann + .txt), jsonl (margin's "
                        "export), conll (any tokenizer; BIO/IOB1/BIOES), doccano, labelstudio (JSON, JSON-MIN, "
                        "JSONL), prodigy (JSONL) or spacy (DocBin; needs margin[spacy])")
    p.add_argument("path", metavar="PATH", help="a file, or a folder of such files")
    p.add_argument("--annotator", required=True, metavar="NAME",
                   help="write annotations/<doc>/NAME.yaml")
    p.add_argument("--map", action="append", metavar="OLD=NEW",
                   help="rename a label or relation of the input to one of the schema (repeatable)")
    p.add_argument("--force", action="store_true", help="replace existing annotation files of NAME")


def run(args) -> int:
    from ..display import one_line
    from ..importers import import_path, parse_map

    corpus = corpus_of(args)
    notes: list[str] = []
    written = import_path(corpus, args.format, args.path, args.annotator,
                          label_map=parse_map(args.map), force=args.force, notes=notes)
    for note in notes:
        print(one_line(note), file=sys.stderr)
    spans = sum(len(ann.spans) for _, ann in written)
    rels = sum(len(ann.relations) for _, ann in written)
    print(f"imported {len(written)} document(s) as {args.annotator}: {spans} span(s), {rels} relation(s)")
    return 0

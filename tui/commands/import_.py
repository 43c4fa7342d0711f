from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from tui.commands import UsageError, corpus_of, print_json, say
from tui.formats import import_list

HELP = f"import annotations from {import_list()} files as margin YAML"

#: where an input path of "-" (stdin) is not possible: formats read from a folder of pairs
NO_STDIN = ("brat",)


def add_arguments(p) -> None:
    from tui.importers import FORMATS

    p.add_argument("--format", default="auto", choices=FORMATS, metavar="FMT",
                   help="auto (the default: detected from the file), brat (.ann + .txt), jsonl (margin's "
                        "export), conll (any tokenizer; BIO/IOB1/BIOES), doccano, labelstudio (JSON, JSON-MIN, "
                        "JSONL), prodigy (JSONL), spacy (DocBin; needs margin[spacy]) or webanno (INCEpTION/WebAnno TSV 3)")
    p.add_argument("path", metavar="PATH", help="a file, or a folder of such files; - reads one file from stdin")
    p.add_argument("--annotator", required=True, metavar="NAME",
                   help="write annotations/<doc>/NAME.yaml")
    p.add_argument("--map", action="append", metavar="OLD=NEW",
                   help="rename a label or relation of the input to one of the schema (repeatable); OLD= leaves "
                        "OLD out")
    p.add_argument("--offsets", choices=("utf16", "codepoints"),
                   help="the unit of the input's character offsets, for a file that does not show it: utf16 "
                        "(JavaScript and Java tools: doccano, Label Studio's editor, INCEpTION) or codepoints "
                        "(Python). Without it each format's own unit is used, checked against span texts")
    p.add_argument("--column-data", metavar="KEY", help="doccano: the key holding the text (default text)")
    p.add_argument("--column-label", metavar="KEY", help="doccano: the key holding the spans (default label)")
    p.add_argument("--force", action="store_true", help="replace existing annotation files of NAME")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


@contextmanager
def input_path(raw: str, fmt: str):
    """``raw`` as a Path; for "-", stdin saved to a temporary file named after the format,
    with that file's name shown as <stdin> in every error."""
    if raw != "-":
        yield Path(raw)
        return
    import tempfile

    from tui.errors import MarginError, ValidationError

    if fmt in NO_STDIN:
        raise UsageError(f"--format {fmt} reads a folder; it cannot come from stdin (-)")
    with tempfile.TemporaryDirectory(prefix="margin-stdin.") as tmp:
        path = Path(tmp) / f"stdin.{fmt}"
        path.write_bytes(sys.stdin.buffer.read())
        try:
            yield path
        except ValidationError as e:
            raise ValidationError([p.replace(str(path), "<stdin>") for p in e.problems]) from None
        except MarginError as e:
            e.args = tuple(a.replace(str(path), "<stdin>") if isinstance(a, str) else a for a in e.args)
            raise


def _columns(args) -> dict:
    columns = {k: v for k, v in (("data", args.column_data), ("label", args.column_label)) if v}
    if columns and args.format not in ("auto", "doccano"):
        raise UsageError("--column-data and --column-label go with --format doccano")
    return columns


def run(args) -> int:
    from tui.importers import import_path, parse_map

    corpus = corpus_of(args)
    notes: list[str] = []
    added: list[str] = []
    with input_path(args.path, args.format) as path:
        written = import_path(corpus, args.format, path, args.annotator,
                              label_map=parse_map(args.map), force=args.force, notes=notes,
                              offsets=args.offsets, columns=_columns(args), added=added)
        shown_path = str(path)
    for note in notes:
        say(note.replace(shown_path, "<stdin>") if args.path == "-" else note, err=True)
    if added:
        shown = ", ".join(added[:5]) + (f" and {len(added) - 5} more" if len(added) > 5 else "")
        say(f"added {len(added)} document(s) to {corpus.seeds_dir} from the records' texts: {shown}", err=True)
    spans = sum(len(ann.spans) for _, ann in written)
    rels = sum(len(ann.relations) for _, ann in written)
    if args.json:
        print_json({"annotator": args.annotator, "spans": spans, "relations": rels, "added": added,
                    "documents": [{"document": ann.doc_id, "file": str(dest), "spans": len(ann.spans),
                                   "relations": len(ann.relations)} for dest, ann in written]})
    else:
        say(f"imported {len(written)} document(s) as {args.annotator}: {spans} span(s), {rels} relation(s)")
    return 0

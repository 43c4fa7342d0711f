from __future__ import annotations

from pathlib import Path

from tui.commands import corpus_of, print_json, say

HELP = "check annotation files (the whole corpus, or the given files/folders); exit 1 on problems"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="annotation .yaml files or folders (default: the whole corpus)")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    p.add_argument("--json", action="store_true",
                   help="print the result as one JSON object (problems are also printed on stderr)")


def _files(corpus, paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(p.rglob("*.yaml")))
        else:
            out.append(p)
    return out


def run(args) -> int:
    from tui import store
    from tui.corpus import Corpus, read_text
    from tui.errors import DataError, ValidationError
    from tui.model import Document

    corpus = corpus_of(args)
    problems: list[str] = []
    try:
        corpus.schema
    except DataError as e:
        say(e, err=True)
        return 1
    if not args.paths:
        for doc_id in corpus.doc_ids():
            try:
                corpus.document(doc_id)
            except DataError as e:
                problems.append(str(e))
    files = _files(corpus, args.paths) if args.paths else corpus.annotation_files()
    n_spans = moved = 0
    flagged: list[str] = []
    for f in files:
        # the document is the folder name; its corpus is two levels up (…/annotations/<doc>/x.yaml)
        root = f.parent.parent.parent if f.parent.parent.name == "annotations" else corpus.root
        c = corpus if Path(root).resolve() == corpus.root.resolve() else Corpus(root)
        doc = None
        try:
            doc_path = c.doc_path(f.parent.name)
            if doc_path.is_file():
                doc = Document(f.parent.name, read_text(doc_path), str(doc_path))
            else:
                problems.append(f"{f}:1: no document {f.parent.name!r} in {c.seeds_dir}")
            loaded = store.load(c.inside(f) if not args.paths else f, c.schema, doc)
        except ValidationError as e:
            problems.extend(e.problems)
            continue
        except DataError as e:
            problems.append(str(e))
            continue
        n_spans += len(loaded.annotation.spans)
        if loaded.moved or loaded.flagged:
            moved += loaded.moved
            by_id = loaded.annotation.span_by_id()
            for sid in loaded.flagged:
                s = by_id[sid]
                flagged.append(f"{f}: span {sid} ({s.label} {s.text[:40]!r}) flagged {s.flag}: check it")
            if not args.quiet and not args.json:
                say(f"{f}: document changed; re-anchored {loaded.moved} span(s), {len(loaded.flagged)} flagged")
    for p in problems + flagged:
        say(p, err=True)
    ok = not problems and not flagged
    if args.json:
        print_json({"ok": ok, "files": len(files), "spans": n_spans, "moved": moved,
                    "problems": problems, "flagged": flagged})
    elif not args.quiet:
        say(f"{'ok' if ok else 'FAILED'}: {len(files)} file(s), {n_spans} span(s), {len(problems)} problem(s), "
            f"{moved} moved, {len(flagged)} flagged")
    return 0 if ok else 1

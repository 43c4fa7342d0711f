from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.batch import add_options
from tui.commands import corpus_of, print_json, say

HELP = "check annotation files (the whole corpus, or the given files/folders); exit 1 on problems"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="annotation .yaml files or folders (default: the whole corpus)")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    p.add_argument("--json", action="store_true",
                   help="print the result as one JSON object (problems are also printed on stderr)")
    add_options(p, "the files")


def _files(corpus, paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(p.rglob("*.yaml")))
        else:
            out.append(p)
    return out


@dataclass
class Checked:
    """One file's verdict: problems, spans, re-anchoring (what validate prints about it)."""

    problems: list[str] = field(default_factory=list)
    spans: int = 0
    moved: int = 0
    flagged: list[str] = field(default_factory=list)
    note: str = ""  # "document changed; re-anchored ..."


def check_file(task: tuple[str, str, bool]) -> Checked:
    """Validate one annotation file (a task of ``tui.batch.run_map``)."""
    from tui import store
    from tui.corpus import Corpus, read_text
    from tui.errors import DataError, ValidationError
    from tui.model import Document

    root_s, path, given = task
    f, corpus_root = Path(path), Path(root_s)
    # the document is the folder name; its corpus is two levels up (…/annotations/<doc>/x.yaml)
    root = f.parent.parent.parent if f.parent.parent.name == "annotations" else corpus_root
    c = Corpus(root if Path(root).resolve() != corpus_root.resolve() else corpus_root)
    out = Checked()
    doc = None
    try:
        doc_path = c.doc_path(f.parent.name)
        if doc_path.is_file():
            doc = Document(f.parent.name, read_text(doc_path), str(doc_path))
        else:
            out.problems.append(f"{f}:1: no document {f.parent.name!r} in {c.seeds_dir}")
        loaded = store.load(c.inside(f) if not given else f, c.schema, doc)
    except ValidationError as e:
        out.problems.extend(e.problems)
        return out
    except DataError as e:
        out.problems.append(str(e))
        return out
    out.spans = len(loaded.annotation.spans)
    if loaded.moved or loaded.flagged:
        out.moved = loaded.moved
        by_id = loaded.annotation.span_by_id()
        for sid in loaded.flagged:
            sp = by_id[sid]
            out.flagged.append(f"{f}: span {sid} ({sp.label} {sp.text[:40]!r}) flagged {sp.flag}: check it")
        out.note = f"{f}: document changed; re-anchored {loaded.moved} span(s), {len(loaded.flagged)} flagged"
    return out


def run(args) -> int:
    from tui.batch import runner_of, run_map
    from tui.commands import progress_bar
    from tui.errors import DataError

    corpus = corpus_of(args)
    problems: list[str] = []
    try:
        corpus.schema
        from tui.app.keytable import load_keymap

        load_keymap(corpus)  # the keys margin.yaml binds: refused when the app starts, so here too
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
    tasks = [(str(corpus.root), str(f), bool(args.paths)) for f in files]
    progress, stop = progress_bar("validating")
    try:
        for checked in run_map(check_file, tasks, runner_of(args), progress):
            problems.extend(checked.problems)
            n_spans += checked.spans
            moved += checked.moved
            flagged.extend(checked.flagged)
            if checked.note and not args.quiet and not args.json:
                say(checked.note)
    finally:
        stop()
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

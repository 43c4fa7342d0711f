from __future__ import annotations

from tui.commands import corpus_of

HELP = ("distribute documents over annotators (each to K of them, or a fraction to two), "
        "balanced and seeded, into CORPUS/assignments.yaml")


def _fraction(raw: str) -> float:
    import argparse

    try:
        v = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid overlap {raw!r}: use a fraction like 0.2 or 20%") from None
    if not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"invalid overlap {raw!r}: use a fraction from 0 to 1")
    return v


def add_arguments(p) -> None:
    p.add_argument("annotators", nargs="*", metavar="NAME",
                   help="annotators to share the documents (none: print the current assignments)")
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB (default: all)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--per-doc", type=int, default=1, metavar="K",
                     help="give every document to K annotators (default: 1)")
    how.add_argument("--overlap", type=_fraction, metavar="FRACTION",
                     help="give this fraction of the documents (e.g. 0.2 or 20%%) to two annotators, "
                          "the rest to one, so agreement can be measured")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same assignment; default: 0)")
    p.add_argument("--reassign", action="store_true",
                   help="also redistribute documents that are already assigned (default: keep them)")
    p.add_argument("--dry-run", action="store_true", help="print the result without writing the file")
    p.add_argument("--json", action="store_true", help='print {"DOC": ["alice", "bob"], ...} (all assignments)')


def run(args) -> int:
    from tui.team import assign
    from tui.errors import DataError

    corpus = corpus_of(args)
    current = assign.load(corpus)
    result = current
    added = {}
    if args.annotators:
        ids = corpus.doc_ids(args.docs)
        if not ids:
            raise DataError(f"{corpus.seeds_dir}: no documents{' match ' + repr(args.docs) if args.docs else ''}")
        todo = ids if args.reassign else [d for d in ids if d not in current]
        added = assign.distribute(todo, args.annotators, args.per_doc, args.overlap, args.seed)
        result = assign.merge(current, added)
        if not args.dry_run:
            path = assign.save(corpus, result)
            if not args.json:
                kept = len(ids) - len(todo)
                print(f"assigned {len(added)} document(s){f', kept {kept} already assigned' if kept else ''}: "
                      f"{path}")
    if args.json:
        import json

        rows = [f" {json.dumps(d)}: {json.dumps(list(names))}" for d, names in result.items()]
        print("{\n" + ",\n".join(rows) + "\n}" if rows else "{}")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(result)} assigned document(s)")
    for col in ("annotator", "documents", "done", "shared with"):
        table.add_column(col, justify="left" if col in ("annotator", "shared with") else "right")
    shared: dict[str, dict[str, int]] = {}
    for names in result.values():
        for n in names:
            for m in names:
                if m != n:
                    shared.setdefault(n, {}).setdefault(m, 0)
                    shared[n][m] += 1
    from tui.team.status import statuses

    for name, count in sorted(assign.loads(result).items()):
        mine = statuses(corpus, name, assign.for_annotator(result, name)).values()
        done = sum(s.status == assign.DONE for s in mine)
        with_ = ", ".join(f"{m} {k}" for m, k in sorted(shared.get(name, {}).items()))
        table.add_row(Text(name), Text(str(count)), Text(str(done)), Text(with_ or "–"))
    Console().print(table)
    return 0

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tui.batch import add_options
from tui.commands import corpus_of

if TYPE_CHECKING:
    from rich.text import Text

HELP = "inter-annotator agreement: span F1, token kappa and alpha, relation F1, disagreements per document"
TOP_DOCS = 10  # documents listed in the table (--json lists all)


def add_arguments(p) -> None:
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB")
    p.add_argument("--annotators", metavar="A,B,...",
                   help="annotators to compare (default: everyone but gold)")
    p.add_argument("--labels", metavar="LABEL", nargs="+",
                   help="labels to compare, e.g. ACTOR CLAIM or ACTOR,CLAIM (default: all)")
    p.add_argument("--status", choices=("done", "any"), default="any",
                   help="'done' compares finished files only (default: any)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    add_options(p, "the documents")


def _split(values) -> list[str]:
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def run(args) -> int:
    from tui.batch import runner_of
    from tui.commands import progress_bar
    from tui.review.agree import agreement
    from tui.corpus import GOLD, check_name
    from tui.errors import DataError, MarginError, ValidationError

    corpus = corpus_of(args)
    schema = corpus.schema
    labels = list(schema.labels)
    if args.labels:
        labels = list(dict.fromkeys(_split(args.labels)))
        for lab in labels:
            if lab not in schema.labels:
                raise DataError(f"unknown label {lab!r} (expected one of: {', '.join(schema.labels)})")
    if args.annotators is not None:
        names = list(dict.fromkeys(check_name(n, "annotator name") for n in _split([args.annotators])))
        if len(names) < 2:
            raise MarginError("--annotators needs at least two names, e.g. --annotators alice,bob")
    else:
        names = sorted({p.stem for p in corpus.annotation_files(args.docs)} - {GOLD})
    problems: list[str] = []
    progress, stop = progress_bar("reading annotations")
    try:
        result = agreement(_documents(corpus, args.docs, names, args.status, problems, runner_of(args), progress),
                           names, labels)
    finally:
        stop()
    if problems:
        raise ValidationError(problems)
    if not result.documents:
        which = "finished (status done) " if args.status == "done" else ""
        raise MarginError(f"agreement needs 2 or more annotators on a document: no {which}document "
                          f"is annotated by two of {', '.join(names) or 'nobody'}")
    if args.json:
        import json

        json.dump(result.to_json(), sys.stdout, indent=1)
        print()
        return 0
    _print_tables(result)
    return 0


def _documents(corpus, docs, names, status, problems, runner, progress):
    """(document, {annotator: annotation}) one document at a time (``tui.dataset.iter_groups``):
    memory holds a few documents, whatever the size of the corpus; problems are collected."""
    from tui.dataset import iter_groups

    for items, probs in iter_groups(corpus, docs, names, runner, progress):
        problems.extend(probs)
        anns = {it.annotator: it.annotation for it in items if status != "done" or it.annotation.status == "done"}
        if items and not problems:
            yield items[0].doc, anns


def _num(v: float | None) -> Text:
    from rich.text import Text

    return Text("–" if v is None else f"{v:.3f}", justify="right")


def _print_tables(result) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.commands import safe_line

    console = Console()
    spans = Table(title=f"Agreement over {len(result.documents)} document(s) with 2+ annotators",
                  caption="P R F1: exact span match (a is the reference); overlap: F1 of overlap "
                          "match; kappa: Cohen's, on tokens")
    for col in ("a / b", "docs", "label", "P", "R", "F1", "overlap", "kappa"):
        spans.add_column(col, justify="left" if col in ("a / b", "label") else "right",
                         min_width=max(len("relations"), *map(len, result.labels)) if col == "label" else None)
    for pair in result.pairs:
        rows = [(lab, pair.exact[lab], pair.overlap[lab], pair.tokens[lab]) for lab in result.labels]
        rows.append(("micro", *pair.micro()))
        for i, (lab, ex, ov, tok) in enumerate(rows):
            who = Text(safe_line(f"{pair.a} /" if i == 0 else pair.b if i == 1 else ""))
            spans.add_row(who, Text(str(pair.docs) if i == 0 else "", justify="right"),
                          Text(lab, style="bold" if lab == "micro" else ""),
                          _num(ex.precision), _num(ex.recall), _num(ex.f1), _num(ov.f1), _num(tok.kappa))
        rel = pair.relations
        spans.add_row(Text(""), Text(""), Text("relations"), _num(rel.precision), _num(rel.recall),
                      _num(rel.f1), Text(""), Text(""), end_section=True)
    console.print(spans)
    alpha = Table(title="Krippendorff's alpha", caption=f"{len(result.annotators)} annotators, on tokens")
    alpha.add_column("label", min_width=12)
    alpha.add_column("alpha", justify="right", min_width=8)
    for lab, a in result.alpha.items():
        alpha.add_row(Text(lab), _num(a.value))
    console.print(alpha)
    worst = [d for d in result.documents if d.count][:TOP_DOCS]
    more = sum(1 for d in result.documents if d.count) - len(worst)
    docs = Table(title="Documents with the most disagreements",
                 caption=f"…and {more} more (--json lists all)" if more > 0 else None)
    docs.add_column("document")
    docs.add_column("annotators")
    docs.add_column("disagreements", justify="right")
    for d in worst:
        docs.add_row(Text(safe_line(d.document)), Text(safe_line(", ".join(d.annotators))), Text(str(d.count), justify="right"))
    if worst:
        console.print(docs)
    else:
        console.print(Text("No disagreements."))

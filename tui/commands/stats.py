from __future__ import annotations

import sys
from typing import Any

from tui.commands import corpus_of

HELP = "span counts by label and status, per document and annotator"


def add_arguments(p) -> None:
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB")
    p.add_argument("--json", action="store_true", help="print JSON rows instead of a table")


def rows_of(labels, files) -> list[dict[str, Any]]:
    """The JSON rows of ``margin stats`` (and the dashboard's) from (doc, annotator, status)."""
    return [{"document": d, "annotator": a, "status": s.status, **dict.fromkeys(labels, 0), **s.labels,
             "relations": s.relations, "spans": s.spans} for d, a, s in files]


def run(args) -> int:
    from tui.commands import safe_line
    from tui.errors import ValidationError
    from tui.team.status import UNREADABLE, corpus_statuses

    corpus = corpus_of(args)
    labels = list(corpus.schema.labels)
    files = corpus_statuses(corpus, args.docs)  # statuses only: never every annotation at once
    problems = [p for _, _, s in files if s.status == UNREADABLE for p in s.problems]
    if problems:
        raise ValidationError(problems)
    rows = rows_of(labels, files)
    annotated = {r["document"] for r in rows}
    if args.json:
        import json

        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(corpus.doc_ids())} document(s), {len(annotated)} annotated, {len(rows)} file(s)")
    for col in ("document", "annotator", "status", *labels, "relations"):
        table.add_column(col, justify="right" if col in labels or col == "relations" else "left")
    for r in rows:
        table.add_row(*(Text(safe_line(r[k])) for k in ("document", "annotator", "status")),  # data: no markup
                      *(str(r[lab]) for lab in labels), str(r["relations"]))
    if rows:
        table.add_section()
        table.add_row("total", "", f"{sum(r['status'] == 'done' for r in rows)} done",
                      *(str(sum(r[lab] for r in rows)) for lab in labels), str(sum(r["relations"] for r in rows)))
    Console().print(table)
    return 0

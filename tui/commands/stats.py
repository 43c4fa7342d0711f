from __future__ import annotations

import sys
from typing import Any

from tui.commands import corpus_of

HELP = "span counts by label and status, per document and annotator"


def add_arguments(p) -> None:
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB")
    p.add_argument("--json", action="store_true", help="print JSON rows instead of a table")


def run(args) -> int:
    from tui.dataset import load_items
    from tui.commands import safe_line

    corpus = corpus_of(args)
    labels = list(corpus.schema.labels)
    items, _ = load_items(corpus, args.docs)
    rows: list[dict[str, Any]] = []  # JSON rows: names and counts
    for it in items:
        counts = {lab: 0 for lab in labels}
        for s in it.annotation.spans:
            counts[s.label] = counts.get(s.label, 0) + 1
        rows.append({
            "document": it.doc.id, "annotator": it.annotator, "status": it.annotation.status,
            **counts, "relations": len(it.annotation.relations), "spans": len(it.annotation.spans),
        })
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

"""``dataset_card.md``: what is in an export and how to make it again.

Counts per split and label, annotators, the schema, every warning, the files with their
sha256, and the source documents with theirs. No timestamps: the same input and seed
give the same bytes.
"""

from __future__ import annotations

import yaml

from tui.markdown_safe import fence, text as md_text

from tui import __version__
from tui.store.yamlio import SafeDumper


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _cell(v) -> str:
    """A table cell: margin's own names (the name grammar), counts and code spans."""
    return str(v).replace("|", "\\|").replace("\n", " ")


def render(fmt: str, ctx, parts, *, command: str, seed: int | None, annotators: list[str]) -> str:
    labels = list(ctx.labels)
    lines = [f"# Dataset card: margin export, format `{fmt}`", ""]
    lines += [f"Made by margin {__version__} with:", "", *fence(command, "sh"), "",
              "(Run it in the corpus directory, with `--out DIR` for another place.) "
              f"The files and how to load them: `docs/export.md`, section `{fmt}`.", ""]

    lines += ["## Contents", "", *_contents(parts, labels), ""]
    if seed is not None:
        lines += [f"Split by document (a document's records are all in one split), seed {seed}: "
                  "documents ordered by sha256(seed, id) and cut at the given percentages.", ""]

    lines += ["## Annotators", ""]
    per = {a: 0 for a in annotators}
    for p in parts:
        for r in p.records:
            per[r.annotator] += 1
    lines += [f"- `{a}`: {n} record(s)" for a, n in per.items()] + [""]

    lines += ["## Labels and schema", "", "Exported labels: " + ", ".join(f"`{x}`" for x in labels) + "."]
    if tuple(labels) != tuple(ctx.schema.labels):
        lines.append("Spans of other labels, and relations touching them, are not in this export.")
    lines += ["", *fence(yaml.dump(ctx.schema.to_dict(), Dumper=SafeDumper, sort_keys=False,
                                   allow_unicode=True).rstrip(), "yaml"), ""]

    if ctx.notes:
        lines += ["## About this format", ""]
        for note in ctx.notes:
            lines += [note, ""]

    lines += ["## Agreement", "", "Not measured by the export; run `margin agree` on the corpus.", ""]

    lines += ["## Warnings", ""]
    if not ctx.warnings:
        lines += ["None: every span is in the export exactly as annotated.", ""]
    for kind, details in ctx.warnings.items():
        lines += [f"{len(details)} {md_text(kind)}:", ""] + [f"- {md_text(d)}" for d in details] + [""]

    lines += ["## Files", ""]
    lines += _table(["file", "sha256"], [[f"`{f}`", h] for f, h in sorted(ctx.files.items())]) + [""]

    lines += ["## Source documents", "", *_sources(parts)]
    return "\n".join(lines) + "\n"


def _contents(parts, labels: list[str]) -> list[str]:
    """The table of documents, records, spans per label and relations of each split."""
    rows, totals = [], [0] * (3 + len(labels))
    for p in parts:
        counts = [len({r.doc_id for r in p.records}), len(p.records)]
        by_label = {lab: 0 for lab in labels}
        n_rel = 0
        for r in p.records:
            for lab, n in r.label_counts.items():
                by_label[lab] += n
            n_rel += r.n_relations
        row = counts + [by_label[lab] for lab in labels] + [n_rel]
        totals = [a + b for a, b in zip(totals, row)]
        rows.append([p.name, *row])
    if len(parts) > 1:
        rows.append(["total", *totals])
    return _table(["split", "documents", "records", *labels, "relations"], rows)


def _sources(parts) -> list[str]:
    """The table of source documents: split, length, sha256 and annotators of each."""
    docs: dict[str, list] = {}
    for p in parts:
        for r in p.records:
            doc_row = docs.setdefault(r.doc_id, [r.doc_id, p.name, r.chars, r.sha256, []])
            doc_row[4].append(r.annotator)
    return _table(["document", "split", "chars", "sha256", "annotators"],
                  [[f"`{d}`", s, n, h, ", ".join(a)] for d, s, n, h, a in docs.values()])

"""The canonical writer of annotation files: stable, diff-friendly, one span per block.

What it writes is what ``canonical`` reads fast, and it refuses to write what the readers
would refuse (``store_rules``): a file margin wrote always reopens.
"""

from __future__ import annotations

from typing import cast

from tui.store import rules
from tui.errors import DataError
from tui.model import Annotation, format_of
from tui.names import name_problem
from tui.schema import INT_LIMIT
from tui.store.yamlio import TIMESTAMP_RE, number, quote, scalar


def writable_problem(ann: Annotation) -> str | None:
    """What the readers would refuse in ``ann``'s names, ids and numbers, or None."""
    problem = (name_problem(ann.doc_id, "document id") or name_problem(ann.annotator, "annotator name")
               or (rules.updated_problem(ann.updated) if ann.updated else None))
    if problem:
        return problem
    for s in ann.spans:
        problem = name_problem(s.id, "span id")
        if problem is None and s.attrs:
            problem = next((f"span {s.id}: attribute {k!r} does not fit in 64 bits" for k, v in s.attrs.items()
                            if isinstance(v, int) and not isinstance(v, bool) and not -INT_LIMIT <= v < INT_LIMIT), None)
        if problem:
            return problem
    for rel in ann.relations:
        if problem := name_problem(rel.id, "relation id"):
            return problem
    return None


def dumps(ann: Annotation) -> str:
    """The canonical text of an annotation file (stable, one span per block)."""
    problem = writable_problem(ann)
    if problem:
        raise DataError(problem)
    ann = ann.sorted()
    out = [
        f"format: {format_of(ann)}\n",
        f"document: {{id: {scalar(ann.doc_id)}, sha256: {scalar(ann.sha256)}, chars: {ann.chars}}}\n",
        f"annotator: {scalar(ann.annotator)}\n",
        f"status: {scalar(ann.status)}\n",
    ]
    if ann.updated:
        u = ann.updated
        out.append(f"updated: {u if TIMESTAMP_RE.match(u) else quote(u)}\n")
    if not ann.spans:
        out.append("spans: []\n")
    else:
        out.append("spans:\n")
        ap = out.append
        for s in ann.spans:
            try:
                ap(f"- id: {scalar(s.id)}\n  label: {scalar(s.label)}\n  start: {s.start}\n  end: {s.end}\n"
                   f"  text: {quote(s.text)}\n  prefix: {quote(s.prefix)}\n  suffix: {quote(s.suffix)}\n")
                if s.attrs:
                    ap("  attrs: {" + ", ".join(
                        f"{scalar(k)}: {number(v) if isinstance(v, (int, float)) else scalar(v)}"
                        for k, v in s.attrs.items()) + "}\n")
                if s.note is not None:
                    ap(f"  note: {quote(s.note)}\n")
                if s.source is not None:
                    ap(f"  source: {scalar(s.source)}\n")
                if s.origin:
                    ap("  from: [" + ", ".join(scalar(o) for o in s.origin) + "]\n")
                if s.edited:
                    ap("  edited: true\n")
                if s.flag is not None:
                    ap(f"  flag: {s.flag}\n")
            except DataError as e:
                raise DataError(f"span {s.id}: {e}") from None
    if ann.relations:
        out.append("relations:\n")
        for rel in ann.relations:
            out.append(f"- {{id: {scalar(rel.id)}, label: {scalar(rel.label)}, "
                       f"from: {scalar(rel.source)}, to: {scalar(rel.target)}}}\n")
    else:
        out.append("relations: []\n")
    if ann.decisions:
        out.append("decisions:\n")
        for d in ann.decisions:
            where = (f"start: {d.start}, end: {d.end}" if d.is_span
                     else f"from: {scalar(cast(str, d.source))}, to: {scalar(cast(str, d.target))}")
            reason = "" if d.reason is None else f", reason: {quote(d.reason)}"
            out.append(f"- {{decision: {scalar(d.decision)}, label: {scalar(d.label)}, {where}{reason}}}\n")
    return "".join(out)

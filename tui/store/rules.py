"""The rules an annotation file obeys, in one place for every reader and the writer.

Both readers apply these: the YAML node reader (``store_yaml``, which names the line of
each problem) and the fast reader of canonical files (``canonical``, which leaves any
problem to the YAML reader); the writer (``store_write``) and adjudication use them too.
Pure functions of already-parsed Python values: each returns the problem as one line of
text (the caller adds the location, ``path:line: span s3: ...``), or None when the value
is fine. Type rules (a string where a string goes, no YAML 1.1 surprises) belong to each
reader's syntax; what is here is what the values mean.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping

from tui.display import safe_repr
from tui.model import CONTEXT, DECISIONS, FLAG_LOST, FLAGS, FORMAT, FORMATS, STATUSES
from tui.schema import LabelDef, RelationDef, Schema
from tui.store.yamlio import is_timestamp, utc_timestamp

_HEX = frozenset("0123456789abcdef")


# ----------------------------------------------------------------------------- the file


def format_problem(fmt: str) -> str | None:
    if fmt in FORMATS:
        return None
    return f"unsupported format {fmt!r} (this version of margin reads {' and '.join(FORMATS)})"


def decisions_format_problem(fmt: object) -> str | None:
    """Decisions are kept by format margin/2 only."""
    return None if fmt == FORMAT else f"decisions need format {FORMAT} (this file says {fmt!r})"


def document_id_problem(doc_id: str, expected: str | None) -> str | None:
    """``expected``: the id of the document the file is read against (None: any)."""
    if expected is None or doc_id == expected:
        return None
    return f"document id {doc_id!r} does not match the document {expected!r}"


def sha_problem(sha: str) -> str | None:
    if len(sha) == 64 and _HEX.issuperset(sha):
        return None
    return "document sha256 must be 64 lowercase hex digits"


def status_problem(status: str) -> str | None:
    if status in STATUSES:
        return None
    return f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})"


def updated_problem(updated: str) -> str | None:
    """``updated`` is a UTC timestamp (a real date): margin's form, or any other YAML
    timestamp form with a zero offset (``2026-12-06 18:05:08+00:00``, as PyYAML writes)."""
    if is_timestamp(updated):
        return None
    return (f"updated must be a UTC timestamp like 2026-11-25T10:00:00Z or 2026-11-25 10:00:00+00:00, "
            f"got {safe_repr(updated)}")


def updated_value(updated: str) -> str:
    """The timestamp both readers keep: margin's own form (call after ``updated_problem``)."""
    return utc_timestamp(updated) or updated


# ----------------------------------------------------------------------------- spans


def span_problems(schema: Schema, span_labels: dict[str, str | None], rows: Iterable[tuple],
                  article: str | None) -> list[tuple[int, str, str]]:
    """Every problem with the spans ``rows``, as (row index, field at fault, problem), in
    row and field order; empty when they are fine. A row is (id, label, start, end, text,
    prefix, suffix, flag), None for a value its reader could not read (not checked).
    ``span_labels``: id -> label of the spans before them, to which each row's id is added;
    ``article``: the text the offsets and quotes must fit (None for a file of another
    version of the article, re-anchored later). Attributes: :func:`attr_problem`."""
    problems: list[tuple[int, str, str]] = []
    labels = schema.labels
    for i, (id, label, start, end, quote, prefix, suffix, flag) in enumerate(rows):
        if id is not None:
            if id in span_labels:
                problems.append((i, "id", _duplicate_id(id)))
            span_labels[id] = label
        if label is not None and label not in labels:
            problems.append((i, "label", _unknown_label(schema, label)))
        if flag is not None and flag not in FLAGS:
            problems.append((i, "flag", f"unknown flag {flag!r} (expected one of: {', '.join(FLAGS)})"))
        if start is not None and end is not None:
            if start < 0:
                problems.append((i, "start", f"start {start} is negative"))
            elif end <= start:
                problems.append((i, "end", f"end {end} must be greater than start {start}"))
            elif article is not None:
                if end > len(article):
                    problems.append((i, "end", f"end {end} is past the end of the document ({len(article)} characters)"))
                elif quote is not None and flag != FLAG_LOST and (len(quote) != end - start
                                                                  or not article.startswith(quote, start)):
                    problems.append((i, "text", f"text {quote!r} does not match the document, which has "
                                                f"{article[start:end]!r} at {start}-{end}"))
        if prefix is not None and len(prefix) > CONTEXT:
            problems.append((i, "prefix", f"prefix is longer than {CONTEXT} characters"))
        if suffix is not None and len(suffix) > CONTEXT:
            problems.append((i, "suffix", f"suffix is longer than {CONTEXT} characters"))
    return problems


def duplicate_id_problem(id: object, ids: Container[object], shown: object = None) -> str | None:
    """Span and relation ids share one namespace in a file (and an imported file's keys one
    of their own); ``shown``: how the message names the id (default ``id``)."""
    return _duplicate_id(id if shown is None else shown) if id in ids else None


def _duplicate_id(id: object) -> str:
    return f"duplicate id {id!r}"


def label_problem(schema: Schema, label: str) -> str | None:
    return None if label in schema.labels else _unknown_label(schema, label)


def _unknown_label(schema: Schema, label: str) -> str:
    return f"unknown label {label!r} (expected one of: {', '.join(schema.labels)})"


def bounds_problem(start: int, end: int) -> tuple[str, str] | None:
    """(the field at fault, ``start`` or ``end``; the problem) with the offsets of a span
    decision, or None: the rule of a span's offsets (:func:`span_problems`)."""
    found = span_problems(_NO_SCHEMA, {}, [(None, None, start, end, None, None, None, None)], None)
    return found[0][1:] if found else None


_NO_SCHEMA = Schema({}, {})


def attr_problem(ldef: LabelDef, name: str, value: object) -> str | None:
    """A problem with attribute ``name`` = ``value`` on a span labelled ``ldef``, or None."""
    adef = ldef.attrs.get(name)
    if adef is None:
        return f"{ldef.name} has no attribute {name!r}"
    return adef.check(value)


# ----------------------------------------------------------------------------- relations


def relation_label_problem(schema: Schema, label: str) -> str | None:
    if label in schema.relations:
        return None
    return f"unknown relation {label!r} (expected one of: {', '.join(schema.relations) or 'none'})"


def endpoint_problem(key: str, ref: str | None, span_labels: Mapping[str, str | None],
                     label: str, rdef: RelationDef | None, shown: object = None) -> str | None:
    """A problem with end ``key`` (``from`` or ``to``) of a ``label`` relation (or relation
    decision) pointing at span ``ref``: every relation margin reads, imports, reviews or
    draws is checked here. ``span_labels``: span id -> label (None when the span's label
    was unreadable: its own problem); ``rdef``: None when ``label`` is unknown; ``shown``:
    how the message names the end (default ``ref``; an importer names its source's key)."""
    name = repr(ref if shown is None else shown)
    if ref is None or ref not in span_labels:
        return f"{key} {name} is not the id of a span in this file"
    have = span_labels[ref]
    allowed = None if rdef is None else allowed_ends(rdef, key)
    if allowed is None or have is None or have in allowed:
        return None
    return f"{key} {name} is {_a(have)}; {label} goes {key} {' or '.join(allowed)}"


def allowed_ends(rdef: RelationDef, key: str) -> tuple[str, ...]:
    """The labels end ``key`` (``from`` or ``to``) of a relation ``rdef`` may point at."""
    return tuple(rdef.from_labels if key == "from" else rdef.to_labels)


def relation_fits(rdef: RelationDef | None, source_label: str, target_label: str) -> bool:
    """May a relation ``rdef`` go from a span labelled ``source_label`` to one labelled
    ``target_label`` (:func:`endpoint_problem`'s rule, for spans already known)?"""
    return rdef is not None and source_label in allowed_ends(rdef, "from") and target_label in allowed_ends(rdef, "to")


def _a(word: str) -> str:
    return f"{'an' if word[:1].upper() in 'AEIOU' else 'a'} {word}"


# ----------------------------------------------------------------------------- decisions


def decision_problem(decision: str) -> str | None:
    if decision in DECISIONS:
        return None
    return f"unknown decision {decision!r} (expected one of: {', '.join(DECISIONS)})"


def duplicate_decision_problem(key: tuple, seen: Container[tuple]) -> str | None:
    """``key``: ``Decision.key``, what the decision is about."""
    return f"decision on {key} is listed twice" if key in seen else None

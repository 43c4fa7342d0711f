"""A fast reader for annotation files in the exact layout ``store.dumps`` writes.

``parse_canonical`` matches the text against the canonical grammar with a few regular
expressions and applies every check ``store.parse`` applies (the rules of ``store_rules``,
the YAML reader's too). It returns None for anything else (another layout, a YAML form the
writer never produces, an invalid value), and the caller then falls back to the YAML path,
which names the line and the problem. It accepts only text that PyYAML reads as the same
data (``canonical_scalars``). The spans, most of a big file, are read by ``canonical_spans``.
"""

from __future__ import annotations

import re

from tui.store import rules
from tui.store.canonical_scalars import FLOW, INT, quoted, string
from tui.store.canonical_spans import read_spans
from tui.model import FORMAT, FORMAT_V1, Annotation, Decision, Document, Relation
from tui.names import is_name
from tui.schema import DEFAULT_SCHEMA, Schema

_HEAD = re.compile(
    rf"format: ({re.escape(FORMAT_V1)}|{re.escape(FORMAT)})\n"
    rf"document: \{{id: ({FLOW}), sha256: ({FLOW}), chars: ({INT})\}}\n"
    r"annotator: ([^\n]+)\n"
    r"status: ([^\n]+)\n"
    r"(?:updated: ([^\n]+)\n)?"
    r"spans:( \[\])?\n"
)
_NO_RELATIONS, _RELATIONS = "relations: []\n", "relations:\n"
_RELATION = re.compile(rf"- \{{id: ({FLOW}), label: ({FLOW}), from: ({FLOW}), to: ({FLOW})\}}\n")
_DECISIONS = "decisions:\n"
_DECISION = re.compile(rf"- \{{decision: ({FLOW}), label: ({FLOW}), "
                       rf"(?:start: ({INT}), end: ({INT})|from: ({FLOW}), to: ({FLOW}))"
                       rf'(?:, reason: ("[^"\\\n]*(?:\\.[^"\\\n]*)*"))?\}}\n')


def parse_canonical(text: str, path: str = "<string>", schema: Schema = DEFAULT_SCHEMA,
                    doc: Document | None = None) -> Annotation | None:
    """The Annotation ``store.parse`` would return for canonical, valid ``text``; else None.

    ``path`` is unused: problems are not reported here (the caller's YAML path does that).
    """
    m = _HEAD.match(text)
    if m is None:
        return None
    fmt, id_tok, sha_tok, chars_tok, annotator_tok, status_tok, updated_tok, no_spans = m.groups()
    doc_id, sha = string(id_tok), string(sha_tok)
    if doc_id is None or not is_name(doc_id) or rules.document_id_problem(doc_id, doc.id if doc else None):
        return None
    if sha is None or rules.sha_problem(sha):
        return None
    annotator, status = string(annotator_tok), string(status_tok)
    if annotator is None or not is_name(annotator) or status is None or rules.status_problem(status):
        return None
    updated = ""
    if updated_tok is not None:
        value = quoted(updated_tok) if updated_tok[0] == '"' else updated_tok
        if value is None or rules.updated_problem(value):
            return None
        updated = rules.updated_value(value)
    # the offsets of a file of another version of the article are checked after re-anchoring
    article = doc.text if doc is not None and sha == doc.sha256 else None
    found = read_spans(text, m.end(), schema, article) if no_spans is None else ([], {}, m.end())
    if found is None:
        return None
    spans, span_labels, pos = found
    found_rels = _relations(text, pos, schema, span_labels)
    if found_rels is None:
        return None
    relations, pos = found_rels
    decisions: list[Decision] = []
    if pos < len(text):
        if not text.startswith(_DECISIONS, pos) or rules.decisions_format_problem(fmt):
            return None
        found_decisions = _decisions(text, pos + len(_DECISIONS), schema, span_labels)
        if found_decisions is None:
            return None
        decisions = found_decisions
    return Annotation(doc_id, sha, int(chars_tok), annotator, status, updated, spans, relations, decisions)


def _relations(text: str, pos: int, schema: Schema,
               span_labels: dict[str, str | None]) -> tuple[list[Relation], int] | None:
    """(relations, end position) of the relations section at ``pos`` (which runs to the end
    of ``text`` or to a decisions section), or None."""
    if text.startswith(_NO_RELATIONS, pos):
        return [], pos + len(_NO_RELATIONS)
    if not text.startswith(_RELATIONS, pos):
        return None
    pos += len(_RELATIONS)
    ids = set(span_labels)
    relations = []
    match = _RELATION.match
    while pos < len(text) and not text.startswith(_DECISIONS, pos):
        m = match(text, pos)
        if m is None:
            return None
        pos = m.end()
        rid, label, source, target = (string(t) for t in m.groups())
        if rid is None or label is None or source is None or target is None:
            return None
        if not is_name(rid) or rules.duplicate_id_problem(rid, ids) or not _relation_ok(schema, label, source, target,
                                                                                        span_labels):
            return None
        ids.add(rid)
        relations.append(Relation(rid, label, source, target))
    return (relations, pos) if relations else None


def _relation_ok(schema: Schema, label: str, source: str, target: str, span_labels: dict[str, str | None]) -> bool:
    """A relation (or relation decision) ``label`` from span ``source`` to span ``target`` is allowed."""
    rdef = schema.relations.get(label)
    return not (rules.relation_label_problem(schema, label)
                or rules.endpoint_problem("from", source, span_labels, label, rdef)
                or rules.endpoint_problem("to", target, span_labels, label, rdef))


def _decisions(text: str, pos: int, schema: Schema, span_labels: dict[str, str | None]) -> list[Decision] | None:
    """The decisions from ``pos`` to the end of ``text`` (at least one), or None."""
    decisions: list[Decision] = []
    seen: set = set()
    match = _DECISION.match
    while pos < len(text):
        m = match(text, pos)
        if m is None:
            return None
        pos = m.end()
        what_tok, label_tok, start, end, src_tok, tgt_tok, reason_tok = m.groups()
        what, label = string(what_tok), string(label_tok)
        if what is None or rules.decision_problem(what) or label is None:
            return None
        reason = None
        if reason_tok is not None and (reason := quoted(reason_tok)) is None:
            return None
        if start is not None:
            start, end = int(start), int(end)
            if rules.label_problem(schema, label) or rules.bounds_problem(start, end):
                return None
            dec = Decision(label, start, end, reason=reason, decision=what)
        else:
            source, target = string(src_tok), string(tgt_tok)
            if source is None or target is None or not _relation_ok(schema, label, source, target, span_labels):
                return None
            dec = Decision(label, source=source, target=target, reason=reason, decision=what)
        if rules.duplicate_decision_problem(dec.key, seen):
            return None
        seen.add(dec.key)
        decisions.append(dec)
    return decisions or None

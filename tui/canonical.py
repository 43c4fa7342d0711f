"""A fast reader for annotation files in the exact layout ``store.dumps`` writes.

``parse_canonical`` matches the text against the canonical grammar with a few regular
expressions and applies every check ``store.parse`` applies. It returns None for anything
else (another layout, a YAML form the writer never produces, an invalid value), and the
caller then falls back to the YAML path, which names the line and the problem. It accepts
only text that PyYAML reads as the same data: every scalar form it takes is one YAML 1.1
resolves unambiguously (plain words that are no boolean/null, canonical ints and floats,
double-quoted strings using only the escapes JSON and YAML share), and no character YAML
treats as a line break or refuses appears raw anywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from json.decoder import scanstring  # the C decoder of one JSON string

from .model import (CONTEXT, DECISIONS, FLAGS, FORMAT, FORMAT_V1, STATUSES, Annotation, Decision, Document,
                    Relation, Span)
from .names import NAME_RE
from .schema import DEFAULT_SCHEMA, Schema
from .yamlio import _PLAIN_RE, _YAML11_WORDS, is_timestamp

# Raw characters the fast path never reads: controls (tab and CR too), everything YAML
# calls non-printable or a line break (NEL, LS, PS), BOM, non-characters, surrogates.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# A double-quoted string with escapes: only those JSON and YAML read alike, no surrogates.
_ESCAPED = re.compile(r'"[^"\\]*(?:\\(?:["\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})[^"\\]*)*"\Z')
_INT = r"0|-?[1-9][0-9]{0,3999}"  # int() refuses longer digit strings
_INT_RE = re.compile(rf"(?:{_INT})\Z")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:e[-+][0-9]+)?\Z")  # as yamlio.number writes
_TIMESTAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?Z\Z")
_SHA_RE = re.compile(r"[0-9a-f]{64}\Z")
# One scalar inside a flow collection: a quoted string (escape pairs kept whole) or plain text.
_FLOW = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[A-Za-z0-9_./+ -]+'
_PAIR_RE = re.compile(rf"({_FLOW}): ({_FLOW})(, |\Z)")
_ITEM_RE = re.compile(rf"({_FLOW})(, |\Z)")
_MAX_KEY = 512  # libyaml refuses flow mapping keys over 1024 characters

# The string value ending a block line, in two groups: the first holds the common simple form
# (_STR: a plain word that is no YAML 1.1 boolean/null; _QSTR: the content of a quoted string
# without escapes), the second anything else, for _string to read or refuse.
_WORD = r"(?!(?i:yes|no|true|false|on|off|null|y|n)\n)[A-Za-z_][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*"
_STR = rf'(?:({_WORD})|([^\n]+))\n'
_QSTR = r'(?:"([^"\\\n]*)"|([^\n]+))\n'

_HEAD = re.compile(
    rf"format: ({re.escape(FORMAT_V1)}|{re.escape(FORMAT)})\n"
    rf"document: \{{id: ({_FLOW}), sha256: ({_FLOW}), chars: ({_INT})\}}\n"
    r"annotator: ([^\n]+)\n"
    r"status: ([^\n]+)\n"
    r"(?:updated: ([^\n]+)\n)?"
    r"spans:( \[\])?\n"
)
_SPAN = re.compile(
    rf"- id: {_STR}"
    rf"  label: {_STR}"
    rf"  start: ({_INT})\n"
    rf"  end: ({_INT})\n"
    rf"  text: {_QSTR}"
    rf"  prefix: {_QSTR}"
    rf"  suffix: {_QSTR}"
    r"(?:  attrs: \{([^\n]+)\}\n)?"
    rf"(?:  note: {_QSTR})?"
    rf"(?:  source: {_STR})?"
    r"(?:  from: \[([^\n]+)\]\n)?"
    r"(  edited: true\n)?"
    rf"(?:  flag: {_STR})?"
)
_NO_RELATIONS, _RELATIONS = "relations: []\n", "relations:\n"
_RELATION = re.compile(rf"- \{{id: ({_FLOW}), label: ({_FLOW}), from: ({_FLOW}), to: ({_FLOW})\}}\n")
_DECISIONS = "decisions:\n"
_DECISION = re.compile(rf"- \{{decision: ({_FLOW}), label: ({_FLOW}), "
                       rf"(?:start: ({_INT}), end: ({_INT})|from: ({_FLOW}), to: ({_FLOW}))"
                       rf'(?:, reason: ("[^"\\\n]*(?:\\.[^"\\\n]*)*"))?\}}\n')


def _quoted(tok: str) -> str | None:
    """The value of a double-quoted scalar (the whole token), or None."""
    if "\\" not in tok:
        return tok[1:-1] if len(tok) > 1 and tok.find('"', 1) == len(tok) - 1 else None
    return scanstring(tok, 1)[0] if _ESCAPED.match(tok) else None


def _string(tok: str) -> str | None:
    """A scalar YAML reads as a string: quoted, or plain and not a YAML 1.1 word."""
    if tok[0] == '"':
        return _quoted(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=4096)
def _value(tok: str):
    """An attribute value: string, int or float exactly as YAML resolves it, or None."""
    if tok[0] == '"':
        return _quoted(tok)
    if _INT_RE.match(tok):
        return int(tok)
    if _FLOAT_RE.match(tok):
        return float(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=256)
def _key(tok: str) -> str | None:
    return _string(tok) if len(tok) <= _MAX_KEY else None


def _items(body: str, pattern: re.Pattern) -> list[list[str]] | None:
    """The comma-separated items of a flow collection's body, or None."""
    out, pos = [], 0
    while True:
        m = pattern.match(body, pos)
        if m is None:
            return None
        *item, sep = m.groups()
        out.append(item)
        if not sep:
            return out
        pos = m.end()


def parse_canonical(text: str, path: str = "<string>", schema: Schema = DEFAULT_SCHEMA,
                    doc: Document | None = None) -> Annotation | None:
    """The Annotation ``store.parse`` would return for canonical, valid ``text``; else None.

    ``path`` is unused: problems are not reported here (the caller's YAML path does that).
    """
    if _FORBIDDEN.search(text):
        return None
    m = _HEAD.match(text)
    if m is None:
        return None
    fmt, id_tok, sha_tok, chars_tok, annotator_tok, status_tok, updated_tok, no_spans = m.groups()
    doc_id, sha = _string(id_tok), _string(sha_tok)
    if doc_id is None or not NAME_RE.fullmatch(doc_id) or (doc is not None and doc_id != doc.id):
        return None
    if sha is None or not _SHA_RE.match(sha):
        return None
    annotator, status = _string(annotator_tok), _string(status_tok)
    if annotator is None or not NAME_RE.fullmatch(annotator) or status not in STATUSES:
        return None
    updated = ""
    if updated_tok is not None:
        if _TIMESTAMP_RE.match(updated_tok):
            updated = updated_tok
        elif updated_tok[0] != '"' or (updated := _quoted(updated_tok)) is None:
            return None
        if not is_timestamp(updated):
            return None
    spans = _spans(text, m.end(), no_spans is None, schema, doc, sha)
    if spans is None:
        return None
    spans, pos = spans
    found = _relations(text, pos, schema, spans)
    if found is None:
        return None
    relations, pos = found
    decisions: list[Decision] = []
    if pos < len(text):
        if fmt != FORMAT or not text.startswith(_DECISIONS, pos):
            return None
        decisions = _decisions(text, pos + len(_DECISIONS), schema, spans)
        if decisions is None:
            return None
    return Annotation(doc_id, sha, int(chars_tok), annotator, status, updated, spans, relations, decisions)


def _spans(text: str, pos: int, some: bool, schema: Schema, doc: Document | None, sha: str):
    """([Span], end position) of the span blocks at ``pos`` (at least one when ``some``), or None."""
    doc_text = doc.text if doc is not None else None
    check = doc is not None and sha == doc.sha256  # a stale file is re-anchored later
    n = len(doc_text) if check else 0
    labels = schema.labels
    spans: list[Span] = []
    ids: set[str] = set()
    known_attrs: dict[tuple, dict] = {}
    match = _SPAN.match
    while some:
        m = match(text, pos)
        if m is None:
            break
        pos = m.end()
        (sid, sid2, label, label2, start, end, quote, quote2, prefix, prefix2, suffix, suffix2,
         attrs_body, note, note2, source, source2, origin, edited, flag, flag2) = m.groups()
        if sid is None:
            sid = _string(sid2)
        if label is None:
            label = _string(label2)
        if quote is None:
            quote = _string(quote2)
        if prefix is None:
            prefix = _string(prefix2)
        if suffix is None:
            suffix = _string(suffix2)
        if sid is None or not NAME_RE.fullmatch(sid) or sid in ids or quote is None or prefix is None or suffix is None:
            return None
        ids.add(sid)
        ldef = labels.get(label)
        if ldef is None or len(prefix) > CONTEXT or len(suffix) > CONTEXT:
            return None
        start, end = int(start), int(end)
        if flag2 is not None and (flag := _string(flag2)) is None:
            return None
        if flag is not None and flag not in FLAGS:
            return None
        if start < 0 or end <= start or (check and (end > n or (flag != "lost" and doc_text[start:end] != quote))):
            return None
        attrs = {}
        if attrs_body is not None:
            key = (label, attrs_body)
            if key not in known_attrs:
                known_attrs[key] = _attrs(attrs_body, ldef)
            if known_attrs[key] is None:
                return None
            attrs = dict(known_attrs[key])
        if note2 is not None and (note := _string(note2)) is None:
            return None
        if source2 is not None and (source := _string(source2)) is None:
            return None
        if origin is not None:
            items = _items(origin, _ITEM_RE)
            origin = tuple(_string(tok) for (tok,) in items) if items is not None else (None,)
            if None in origin:
                return None
        spans.append(Span(sid, label, start, end, quote, prefix, suffix, attrs, note, source,
                          origin or (), edited is not None, flag))
    if some and not spans:
        return None
    return spans, pos


def _attrs(body: str, ldef) -> dict | None:
    """The attributes in the body of an ``attrs: {...}`` line, valid for the label, or None."""
    pairs = _items(body, _PAIR_RE)
    if pairs is None:
        return None
    attrs = {}
    for ktok, vtok in pairs:
        key = _key(ktok)
        adef = ldef.attrs.get(key)
        if adef is None or key in attrs:
            return None
        value = _value(vtok)
        if value is None or adef.check(value):
            return None
        attrs[key] = value
    return attrs


def _relations(text: str, pos: int, schema: Schema, spans: list[Span]) -> tuple[list[Relation], int] | None:
    """(relations, end position) of the relations section at ``pos`` (which runs to the end
    of ``text`` or to a decisions section), or None."""
    if text.startswith(_NO_RELATIONS, pos):
        return [], pos + len(_NO_RELATIONS)
    if not text.startswith(_RELATIONS, pos):
        return None
    pos += len(_RELATIONS)
    labels = {s.id: s.label for s in spans}
    ids = set(labels)
    relations = []
    match = _RELATION.match
    while pos < len(text) and not text.startswith(_DECISIONS, pos):
        m = match(text, pos)
        if m is None:
            return None
        pos = m.end()
        rid, label, source, target = (_string(t) for t in m.groups())
        rdef = schema.relations.get(label)
        if rid is None or not NAME_RE.fullmatch(rid) or rid in ids or rdef is None:
            return None
        ids.add(rid)
        if labels.get(source) not in rdef.from_labels or labels.get(target) not in rdef.to_labels:
            return None
        relations.append(Relation(rid, label, source, target))
    return (relations, pos) if relations else None


def _decisions(text: str, pos: int, schema: Schema, spans: list[Span]) -> list[Decision] | None:
    """The decisions from ``pos`` to the end of ``text`` (at least one), or None."""
    labels = {s.id: s.label for s in spans}
    decisions: list[Decision] = []
    seen: set = set()
    match = _DECISION.match
    while pos < len(text):
        m = match(text, pos)
        if m is None:
            return None
        pos = m.end()
        what_tok, label_tok, start, end, src_tok, tgt_tok, reason_tok = m.groups()
        what, label = _string(what_tok), _string(label_tok)
        if what not in DECISIONS or label is None:
            return None
        reason = None
        if reason_tok is not None and (reason := _quoted(reason_tok)) is None:
            return None
        if start is not None:
            start, end = int(start), int(end)
            if label not in schema.labels or start < 0 or end <= start:
                return None
            dec = Decision(label, start, end, reason=reason, decision=what)
        else:
            source, target = _string(src_tok), _string(tgt_tok)
            rdef = schema.relations.get(label)
            if rdef is None or labels.get(source) not in rdef.from_labels or labels.get(target) not in rdef.to_labels:
                return None
            dec = Decision(label, source=source, target=target, reason=reason, decision=what)
        if dec.key in seen:
            return None
        seen.add(dec.key)
        decisions.append(dec)
    return decisions or None

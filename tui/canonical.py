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

from . import store_rules as rules
from .model import FORMAT, FORMAT_V1, Annotation, Decision, Document, Relation, Span, span_of
from .names import is_name
from .schema import DEFAULT_SCHEMA, Schema
from .yamlio import _PLAIN_RE, _YAML11_WORDS, scalar

# Raw characters the fast path never reads: controls (tab and CR too), everything YAML
# calls non-printable or a line break (NEL, LS, PS), BOM, non-characters, surrogates. The
# patterns below leave every character of a value either to a strict class (plain words,
# numbers) or to _readable (the bodies of quoted strings, _unescape), which refuses them.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# A double-quoted string's body with escapes: only those JSON and YAML read alike, no surrogates.
_ESCAPES = re.compile(r'[^"\\]*(?:\\(?:["\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})[^"\\]*)*\Z')
_INT = r"0|-?[1-9][0-9]{0,3999}"  # int() refuses longer digit strings
_INT_RE = re.compile(rf"(?:{_INT})\Z")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:e[-+][0-9]+)?\Z")  # as yamlio.number writes
_TIMESTAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?Z\Z")
# One scalar inside a flow collection: a quoted string (escape pairs kept whole) or plain text.
_FLOW = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[A-Za-z0-9_./+ -]+'
_PAIR_RE = re.compile(rf"({_FLOW}): ({_FLOW})(, |\Z)")
_ITEM_RE = re.compile(rf"({_FLOW})(, |\Z)")
_MAX_KEY = 512  # libyaml refuses flow mapping keys over 1024 characters

# The string value ending a block line, in two groups: the first holds the common form
# (_STR: a plain word that is no YAML 1.1 boolean/null; _QSTR: the body of a quoted
# string without escapes, for _readable to check), the second anything else, for _string
# to read or refuse. (A class of one excluded character, [^\n], scans fastest.)
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
# One span block, as cheap to match as it can be (the cost of opening a big file): the id
# in the first group when it is one margin allocates (s<N>, model.IdAllocator: a name and a
# plain YAML string by construction), else in the second for _string and is_name; the
# label for _label; the bodies of the quoted text, prefix and suffix for _body; the lines
# dumps writes for some spans only (note, source, from, edited, flag) together, for _SPAN_TAIL.
_SPAN = re.compile(
    r"- id: (?:(s[1-9][0-9]{0,126})|([^\n]+))\n"
    r"  label: ([^\n]+)\n"
    rf"  start: ({_INT})\n"
    rf"  end: ({_INT})\n"
    r'  text: "([^\n]*)"\n'
    r'  prefix: "([^\n]*)"\n'
    r'  suffix: "([^\n]*)"\n'
    r"(?:  attrs: \{([^\n]+)\}\n)?"
    r"((?:  [^\n]*\n)*)"
)
_SPAN_TAIL = re.compile(
    rf"(?:  note: {_QSTR})?"
    rf"(?:  source: {_STR})?"
    r"(?:  from: \[([^\n]+)\]\n)?"
    r"(  edited: true\n)?"
    rf"(?:  flag: {_STR})?\Z"
)
_NO_RELATIONS, _RELATIONS = "relations: []\n", "relations:\n"
_RELATION = re.compile(rf"- \{{id: ({_FLOW}), label: ({_FLOW}), from: ({_FLOW}), to: ({_FLOW})\}}\n")
_DECISIONS = "decisions:\n"
_DECISION = re.compile(rf"- \{{decision: ({_FLOW}), label: ({_FLOW}), "
                       rf"(?:start: ({_INT}), end: ({_INT})|from: ({_FLOW}), to: ({_FLOW}))"
                       rf'(?:, reason: ("[^"\\\n]*(?:\\.[^"\\\n]*)*"))?\}}\n')


def _quoted(tok: str) -> str | None:
    """The value of a double-quoted scalar (the whole token), or None."""
    return _unescape(tok[1:-1]) if len(tok) > 1 and tok[-1] == '"' else None


def _unescape(body: str) -> str | None:
    """The value of a double-quoted scalar whose body (between the quotes) is ``body``, or None."""
    if not (body.isprintable() or _readable(body)):
        return None
    if "\\" not in body:
        return body if '"' not in body else None
    # JSON also reads \/ and surrogate pairs, YAML 1.1 does not: where they may be, the exact check
    if ("\\/" in body or "\\u" in body) and not _ESCAPES.match(body):
        return None
    try:
        value, end = scanstring(body + '"', 0)
    except ValueError:  # an escape JSON does not know (YAML may: \x41, \e): not read here
        return None
    return value if end == len(body) + 1 else None  # else a raw quote inside


def _readable(body: str) -> bool:
    """No raw character the fast path never reads in ``body`` (after ``str.isprintable``,
    C-fast, said no: it also refuses a few characters YAML reads, like NBSP or ZWJ)."""
    return _FORBIDDEN.search(body) is None


def _string(tok: str) -> str | None:
    """A scalar YAML reads as a string: quoted, or plain and not a YAML 1.1 word."""
    if tok[0] == '"':
        return _quoted(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=4096)
def _value(tok: str):
    """An attribute value: string, int or float exactly as YAML resolves it, or None."""
    if not tok:
        return None
    if tok[0] == '"':
        return _quoted(tok)
    if _INT_RE.match(tok):
        return int(tok)
    if _FLOAT_RE.match(tok):
        return float(tok)
    return tok if _PLAIN_RE.match(tok) and tok.lower() not in _YAML11_WORDS else None


@lru_cache(maxsize=256)
def _key(tok: str) -> str | None:
    return _string(tok) if 0 < len(tok) <= _MAX_KEY else None


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
    m = _HEAD.match(text)
    if m is None:
        return None
    fmt, id_tok, sha_tok, chars_tok, annotator_tok, status_tok, updated_tok, no_spans = m.groups()
    doc_id, sha = _string(id_tok), _string(sha_tok)
    if doc_id is None or not is_name(doc_id) or rules.document_id_problem(doc_id, doc.id if doc else None):
        return None
    if sha is None or rules.sha_problem(sha):
        return None
    annotator, status = _string(annotator_tok), _string(status_tok)
    if annotator is None or not is_name(annotator) or status is None or rules.status_problem(status):
        return None
    updated = ""
    if updated_tok is not None:
        value = (updated_tok if _TIMESTAMP_RE.match(updated_tok)
                 else _quoted(updated_tok) if updated_tok[0] == '"' else None)
        if value is None or rules.updated_problem(value):
            return None
        updated = value
    # the offsets of a file of another version of the article are checked after re-anchoring
    article = doc.text if doc is not None and sha == doc.sha256 else None
    found = _spans(text, m.end(), no_spans is None, schema, article)
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


def _spans(text: str, pos: int, some: bool, schema: Schema,
           article: str | None) -> tuple[list[Span], dict[str, str], int] | None:
    """(spans, span id -> label, end position) of the span blocks at ``pos`` (at least one
    when ``some``), or None. ``article``: the text offsets and quotes must fit (None: unchecked)."""
    spans: list[Span] = []
    span_labels: dict[str, str] = {}  # also the ids taken
    plain_labels = {name: name for name in schema.labels if scalar(name) == name}  # as dumps writes them
    known_attrs: dict[str, dict[str, dict | None]] = {name: {} for name in schema.labels}  # label -> body -> attrs
    known_pairs: dict[str, dict] = {name: {} for name in schema.labels}  # label -> attribute -> (key, value)
    match, span_problems, append = _SPAN.match, rules.span_problems, spans.append
    while some:
        m = match(text, pos)
        if m is None:
            break
        pos = m.end()
        sid, sid2, label, start_tok, end_tok, quote, prefix, suffix, attrs_body, tail = m.groups()
        if sid is None and ((sid := _string(sid2)) is None or not is_name(sid)):
            return None
        if (label := plain_labels.get(label) or _string(label)) is None:
            return None
        # the bodies of quoted strings: with no raw character YAML reads otherwise, else _unescape
        if not quote.isprintable() or '"' in quote or "\\" in quote:
            quote = _unescape(quote)
        if not prefix.isprintable() or '"' in prefix or "\\" in prefix:
            prefix = _unescape(prefix)
        if not suffix.isprintable() or '"' in suffix or "\\" in suffix:
            suffix = _unescape(suffix)
        if quote is None or prefix is None or suffix is None:
            return None
        note = source = flag = None
        origin: tuple = ()
        edited = False
        if tail:
            found = _tail(tail)
            if found is None:
                return None
            note, source, origin, edited, flag = found
        start, end = int(start_tok), int(end_tok)
        if span_problems(schema, span_labels, sid, label, start, end, quote, prefix, suffix, flag, article):
            return None
        span_labels[sid] = label
        attrs = {}
        if attrs_body is not None:
            by_body = known_attrs[label]
            known = by_body.get(attrs_body, _UNSEEN)
            if known is _UNSEEN:
                known = by_body[attrs_body] = _attrs(attrs_body, schema.labels[label], known_pairs[label])
            if known is None:
                return None
            attrs = known.copy()
        append(span_of(sid, label, start, end, quote, prefix, suffix, attrs, note, source, origin, edited, flag))
    if some and not spans:
        return None
    return spans, span_labels, pos


def _tail(lines: str) -> tuple | None:
    """(note, source, origin, edited, flag) of the lines ending a span block, or None."""
    m = _SPAN_TAIL.match(lines)
    if m is None:
        return None
    note, note2, source, source2, origin_body, edited, flag, flag2 = m.groups()
    if note is not None:
        if not (note.isprintable() or _readable(note)):
            return None
    elif note2 is not None and (note := _string(note2)) is None:
        return None
    if source2 is not None and (source := _string(source2)) is None:
        return None
    if flag2 is not None and (flag := _string(flag2)) is None:
        return None
    origin: tuple = ()
    if origin_body is not None:
        items = _items(origin_body, _ITEM_RE)
        origin = tuple(_string(tok) for (tok,) in items) if items is not None else (None,)
        if None in origin:
            return None
    return note, source, origin, edited is not None, flag


_UNSEEN: dict = {}  # a marker: an attrs body not read yet


def _attrs(body: str, ldef, known: dict) -> dict | None:
    """The attributes in the body of an ``attrs: {...}`` line, valid for the label, or None.
    ``known``: what :func:`_attr` found for each attribute of this label read so far."""
    pairs: list
    if '"' in body:  # quoted tokens may hold ", " and ": "
        items = _items(body, _PAIR_RE)
        if items is None:
            return None
        pairs = [tuple(item) for item in items]
    else:  # plain tokens hold neither: splitting finds what _PAIR_RE would
        pairs = body.split(", ")
    attrs = {}
    for pair in pairs:
        item = known.get(pair, _UNSEEN)
        if item is _UNSEEN:
            item = known[pair] = _attr(pair, ldef)
        if item is None or item[0] in attrs:
            return None
        attrs[item[0]] = item[1]
    return attrs


def _attr(pair: str | tuple, ldef) -> tuple | None:
    """(key, value) of one attribute valid for the label, or None. ``pair``: its plain text
    ``key: value``, or its (key, value) tokens."""
    tokens = pair.split(": ") if isinstance(pair, str) else pair
    if len(tokens) != 2:
        return None
    key, value = _key(tokens[0]), _value(tokens[1])
    if key is None or value is None or rules.attr_problem(ldef, key, value):
        return None
    return key, value


def _relations(text: str, pos: int, schema: Schema,
               span_labels: dict[str, str]) -> tuple[list[Relation], int] | None:
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
        rid, label, source, target = (_string(t) for t in m.groups())
        if rid is None or label is None or source is None or target is None:
            return None
        if not is_name(rid) or rules.duplicate_id_problem(rid, ids) or not _relation_ok(schema, label, source, target,
                                                                                        span_labels):
            return None
        ids.add(rid)
        relations.append(Relation(rid, label, source, target))
    return (relations, pos) if relations else None


def _relation_ok(schema: Schema, label: str, source: str, target: str, span_labels: dict[str, str]) -> bool:
    """A relation (or relation decision) ``label`` from span ``source`` to span ``target`` is allowed."""
    rdef = schema.relations.get(label)
    return not (rules.relation_label_problem(schema, label)
                or rules.endpoint_problem("from", source, span_labels, label, rdef)
                or rules.endpoint_problem("to", target, span_labels, label, rdef))


def _decisions(text: str, pos: int, schema: Schema, span_labels: dict[str, str]) -> list[Decision] | None:
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
        what, label = _string(what_tok), _string(label_tok)
        if what is None or rules.decision_problem(what) or label is None:
            return None
        reason = None
        if reason_tok is not None and (reason := _quoted(reason_tok)) is None:
            return None
        if start is not None:
            start, end = int(start), int(end)
            if rules.label_problem(schema, label) or rules.bounds_problem(start, end):
                return None
            dec = Decision(label, start, end, reason=reason, decision=what)
        else:
            source, target = _string(src_tok), _string(tgt_tok)
            if source is None or target is None or not _relation_ok(schema, label, source, target, span_labels):
                return None
            dec = Decision(label, source=source, target=target, reason=reason, decision=what)
        if rules.duplicate_decision_problem(dec.key, seen):
            return None
        seen.add(dec.key)
        decisions.append(dec)
    return decisions or None

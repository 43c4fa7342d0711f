"""The spans section of a canonical annotation file, read fast: a column at a time.

Opening a big file is mostly reading its span blocks, so this is written for speed
without giving up a check: the section is split into blocks and every block matched by
one pattern in C (``str.split``, ``map``), the values are read a column at a time (a
label token, an attribute line seen before, are read once), the rules are those of
``store_rules.span_problems`` (the YAML reader's too), and the spans are built at the end.
Any block that is not exactly what ``store.dumps`` writes makes the whole file go to the
YAML reader, which names the problem.
"""

from __future__ import annotations

import re
from typing import cast

from tui.store import rules
from tui.store.canonical_scalars import INT, ITEM_RE, PAIR_RE, QSTR, STR, items, key, readable, string, unescape, value
from tui.model import Span, span_of
from tui.names import is_name
from tui.schema import LabelDef, Schema
from tui.store.yamlio import scalar

_BLOCK_SEP = "\n- id: "
_SECTION_END = "\nrelations:"
# One span block after its "- id: " and without its last line break: the id in the first
# group when it is one margin allocates (s<N>, model.IdAllocator: a name and a plain YAML
# string by construction), else in the second; the label; the offsets; the bodies of the
# quoted text, prefix and suffix; the attributes' line; and together the lines dumps
# writes for some spans only (note, source, from, edited, flag), for _TAIL.
_BLOCK = re.compile(
    r"(?:(s[1-9][0-9]{0,126})|([^\n]+))\n"
    r"  label: ([^\n]+)\n"
    rf"  start: ({INT})\n"
    rf"  end: ({INT})\n"
    r'  text: "([^\n]*)"\n'
    r'  prefix: "([^\n]*)"\n'
    r'  suffix: "([^\n]*)"'
    r"(?:\n  attrs: \{([^\n]+)\})?"
    r"((?:\n  [^\n]*)*)"
)
_TAIL = re.compile(
    rf"(?:  note: {QSTR})?"
    rf"(?:  source: {STR})?"
    r"(?:  from: \[([^\n]+)\]\n)?"
    r"(  edited: true\n)?"
    rf"(?:  flag: {STR})?\Z"
)
_groups = re.Match.groups


def read_spans(text: str, pos: int, schema: Schema,
               article: str | None) -> tuple[list[Span], dict[str, str | None], int] | None:
    """(spans, span id -> label, end position) of the span blocks from ``pos`` (just after
    ``spans:`` and its line break) to the relations, or None. ``article``: the text the
    offsets and quotes must fit (None: not checked, a file of another version of it)."""
    end = text.find(_SECTION_END, pos - 1)
    blocks = text[pos - 1:end].split(_BLOCK_SEP) if end >= pos else []
    if len(blocks) < 2 or blocks[0]:
        return None
    matches = list(map(_BLOCK.fullmatch, blocks[1:]))
    if None in matches:
        return None
    (sids, sids2, label_toks, start_toks, end_toks, quote_bodies, prefix_bodies, suffix_bodies, bodies,
     tails) = zip(*map(_groups, cast("list[re.Match[str]]", matches)))
    ids = sids if None not in sids else [sid or _name(tok) for sid, tok in zip(sids, sids2)]
    labels = _labels(label_toks, schema)
    quotes, prefixes, suffixes = _texts(quote_bodies), _texts(prefix_bodies), _texts(suffix_bodies)
    if None in ids or labels is None or quotes is None or prefixes is None or suffixes is None:
        return None
    starts, ends = list(map(int, start_toks)), list(map(int, end_toks))
    n = len(matches)
    notes, sources, origins, edited, flags = [None] * n, [None] * n, [()] * n, [False] * n, [None] * n
    if any(tails):
        for i, tail in enumerate(tails):
            if tail:
                found = _tail(tail[1:] + "\n")
                if found is None:
                    return None
                notes[i], sources[i], origins[i], edited[i], flags[i] = found
    span_labels: dict[str, str | None] = {}
    if rules.span_problems(schema, span_labels, zip(ids, labels, starts, ends, quotes, prefixes, suffixes, flags),
                           article):
        return None
    attrs = _attrs(labels, bodies, schema)
    if attrs is None:
        return None
    spans = list(map(span_of, ids, labels, starts, ends, quotes, prefixes, suffixes, attrs, notes, sources,
                     origins, edited, flags))
    return spans, span_labels, end + 1


def _name(tok: str) -> str | None:
    """A span id written in another form than s<N>."""
    sid = string(tok)
    return sid if is_name(sid) else None


def _labels(tokens: tuple[str, ...], schema: Schema) -> list[str] | None:
    """The labels of the tokens (each distinct one read once), or None."""
    plain = {name: name for name in schema.labels if scalar(name) == name}  # as dumps writes them
    read = {tok: plain.get(tok) or string(tok) for tok in set(tokens)}
    return None if None in read.values() else list(map(read.__getitem__, tokens))  # type: ignore[arg-type]


def _texts(bodies: tuple[str, ...]) -> tuple | list | None:
    """The values of double-quoted strings from their bodies, or None if one is unreadable.
    Most are their own value: printable, without escapes or quotes."""
    out: list | None = None
    for i, body in enumerate(bodies):
        if not body.isprintable() or '"' in body or "\\" in body:
            text = unescape(body)
            if text is None:
                return None
            if out is None:
                out = list(bodies)
            out[i] = text
    return bodies if out is None else out


def _tail(lines: str) -> tuple | None:
    """(note, source, origin, edited, flag) of the lines ending a span block, or None."""
    m = _TAIL.match(lines)
    if m is None:
        return None
    note, note2, source, source2, origin_body, edited, flag, flag2 = m.groups()
    if note is not None:
        if not (note.isprintable() or readable(note)):
            return None
    elif note2 is not None and (note := string(note2)) is None:
        return None
    if source2 is not None and (source := string(source2)) is None:
        return None
    if flag2 is not None and (flag := string(flag2)) is None:
        return None
    origin: tuple = ()
    if origin_body is not None:
        found = items(origin_body, ITEM_RE)
        origin = tuple(string(tok) for (tok,) in found) if found is not None else (None,)
        if None in origin:
            return None
    return note, source, origin, edited is not None, flag


def _attrs(labels: list[str], bodies: tuple, schema: Schema) -> list[dict] | None:
    """Each span's attributes (a dict of its own) from its label and its ``attrs`` line
    (None: no line), each distinct line of a label read once; None if one is invalid."""
    pairs: dict[str, dict] = {name: {} for name in schema.labels}  # label -> attribute text -> (key, value)
    read = {(label, body): {} if body is None else _attr_line(body, schema.labels[label], pairs[label])
            for label, body in set(zip(labels, bodies))}
    if None in read.values():
        return None
    return list(map(dict, map(read.__getitem__, zip(labels, bodies))))  # type: ignore[arg-type]


def _attr_line(body: str, ldef: LabelDef, known: dict) -> dict | None:
    """The attributes in the body of an ``attrs: {...}`` line, valid for the label, or None.
    ``known``: what :func:`_attr` found for each attribute of this label read so far."""
    found: list | None
    if '"' in body:  # quoted tokens may hold ", " and ": "
        found = items(body, PAIR_RE)
        if found is None:
            return None
        pairs: list = [tuple(item) for item in found]
    else:  # plain tokens hold neither: splitting finds what PAIR_RE would
        pairs = body.split(", ")
    attrs: dict = {}
    for pair in pairs:
        item = known[pair] if pair in known else known.setdefault(pair, _attr(pair, ldef))
        if item is None or item[0] in attrs:
            return None
        attrs[item[0]] = item[1]
    return attrs


def _attr(pair: str | tuple, ldef: LabelDef) -> tuple | None:
    """(key, value) of one attribute valid for the label, or None. ``pair``: its plain text
    ``key: value``, or its (key, value) tokens."""
    tokens = pair.split(": ") if isinstance(pair, str) else pair
    if len(tokens) != 2:
        return None
    k, v = key(tokens[0]), value(tokens[1])
    if k is None or v is None or rules.attr_problem(ldef, k, v):
        return None
    return k, v

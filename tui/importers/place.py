"""Placing incoming spans on a corpus document: offsets checked, token input aligned by
characters, foreign ids replaced by margin's, relations resolved, the file rendered and
validated (and its size checked) exactly as a save would. Linear in the number of spans."""

from __future__ import annotations

from tui import store
from tui.store import rules
from tui.store.files import file_limit
from tui.errors import DataError, ValidationError
from tui.model import Annotation, IdAllocator, Relation, make_span, now_utc
from tui.importers.base import Incoming, Reading, SpanIn
from tui.importers.units import convert

# Characters brat cuts fragments at (str.splitlines() line boundaries).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: The fewest bytes one span takes in a margin file: more spans than MAX_FILE_BYTES /
#: MIN_SPAN_BYTES are refused before any work.
MIN_SPAN_BYTES = 80


def strip_ws(s: str) -> str:
    return "".join(s.split())


def align_tokens(tokens: list[str], text: str) -> list[tuple[int, int]] | None:
    """Character offsets of each token in ``text``, whitespace ignored on both sides;
    None unless the tokens spell out exactly the non-whitespace characters of ``text``."""
    out = []
    pos, n = 0, len(text)
    for tok in tokens:
        tok = strip_ws(tok)
        if not tok:
            return None
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith(tok, pos):
            out.append((pos, pos + len(tok)))
            pos += len(tok)
            continue
        start = pos
        for ch in tok:  # the token runs across whitespace in the text
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n or text[pos] != ch:
                return None
            pos += 1
        out.append((start, pos))
    return out if not text[pos:].strip() else None


def _place(s: SpanIn, text: str, reading: Reading, offsets) -> tuple[int, int] | None:
    """Code-point offsets of ``s`` in ``text``, checked; None with a problem."""
    if offsets is not None:
        (a, b), = s.frags
        if not 0 <= a < b <= len(offsets):
            reading.problem(s.where, f"tokens {a}-{b} are outside the document ({len(offsets)} tokens)")
            return None
        return offsets[a][0], offsets[b - 1][1]
    frags = s.frags
    start, end = frags[0][0], frags[-1][1]
    if not all(0 <= a <= b <= len(text) for a, b in frags) or start >= end:
        reading.problem(s.where, f"offsets {start}-{end} are outside the document ({len(text)} characters) or empty")
        return None
    for (_, b), (c, _) in zip(frags, frags[1:]):
        if not text[b:c] or any(ch not in LINE_BREAKS for ch in text[b:c]):
            reading.problem(s.where, f"discontinuous span: its fragments are separated by {text[b:c][:40]!r}, "
                                     "and margin spans are contiguous")
            return None
    if s.quote is not None:
        have = " ".join(text[a:b] for a, b in frags)
        if have != s.quote:
            reading.problem(s.where, f"span text {s.quote[:60]!r} does not match the document, "
                                     f"which has {have[:60]!r} at {start}-{end}")
            return None
    return start, end


def too_many(inc: Incoming, doc_id: str, reading: Reading, limit: int = 0) -> bool:
    """Refuse (before placing anything) a document whose spans cannot fit one margin file."""
    limit = limit or store.MAX_FILE_BYTES
    most = limit // MIN_SPAN_BYTES
    if len(inc.spans) > most:
        reading.problem(inc.where, f"{len(inc.spans)} spans for document {doc_id!r}: a margin file holds at "
                                   f"most about {most} (files are limited to {limit} bytes); "
                                   "split the spans over several annotators")
        return True
    return False


def _hashable(ref) -> bool:
    try:
        hash(ref)
    except TypeError:
        return False
    return True


def _drop_mapped(inc: Incoming, reading: Reading) -> set:
    """Leave out the spans and relations ``--map OLD=`` drops (label ""), and the relations
    to a dropped span (counted); the dropped spans' keys and ids."""
    gone = {ref for sp in inc.spans if sp.label == "" for ref in (sp.key, sp.id) if ref is not None}
    inc.spans = [sp for sp in inc.spans if sp.label != ""]
    if gone or any(r.label == "" for r in inc.relations):
        kept = [r for r in inc.relations if r.label != "" and not any(
            _hashable(ref) and ref in gone for ref in (r.source, r.target))]
        lost = sum(1 for r in inc.relations if r.label != "") - len(kept)
        if lost:
            key = "relations to a dropped span"
            reading.dropped[key] = reading.dropped.get(key, 0) + lost
        inc.relations = kept
    return gone


def _spans(inc: Incoming, text: str, reading: Reading, offsets, ids: IdAllocator):
    """(spans, source key -> span id, id -> id of the identical span kept in its place)."""
    spans, seen = [], set[str]()
    keys: dict[object, str] = {}  # the source's span key -> margin span id
    same: dict[object, str] = {}  # what a span is -> the id it got: identical duplicates collapse
    alias: dict[str, str] = {}
    for s in inc.spans:
        if s.id is not None and (problem := rules.duplicate_id_problem(s.id, seen)):
            reading.problem(s.where, problem)
            continue
        placed = _place(s, text, reading, offsets)
        if placed is None:
            continue
        what = (s.label, placed, repr(sorted(s.attrs.items())), s.note) if s.id is None else s.id
        sid = same.get(what) or s.id or ids.span()
        if what in same:
            reading.duplicates += 1
            if s.id is not None:
                alias[s.id] = sid
        seen.add(s.id or sid)
        if s.key is not None:
            if problem := rules.duplicate_id_problem(s.key, keys, shown=str(s.key)[:40]):
                reading.problem(s.where, problem)
                continue
            keys[s.key] = sid
        if what not in same:
            same[what] = sid
            spans.append(make_span(text, sid, s.label, *placed, attrs=s.attrs, note=s.note, **s.extra))
    return spans, keys, alias


def _end(inc: Incoming, ref, keys: dict, alias: dict) -> str | None:
    if not inc.keyed:  # margin span ids (the readers give strings)
        return alias.get(ref, ref) if isinstance(ref, str) else None
    return keys.get(ref) if _hashable(ref) else None  # not a list or object where an id belongs


def _relations(inc: Incoming, spans, keys: dict, alias: dict, reading: Reading, ids: IdAllocator) -> list:
    labels: dict[str, str | None] = {s.id: s.label for s in spans}
    relations, seen = [], set()
    used = set(labels)  # span and relation ids share one namespace
    for r in inc.relations:
        rdef = reading.schema.relations[r.label]
        ok, ends = True, list[str]()
        for end, ref in (("from", r.source), ("to", r.target)):
            end_id = _end(inc, ref, keys, alias)
            if problem := rules.endpoint_problem(end, end_id, labels, r.label, rdef, shown=str(ref)[:40]):
                reading.problem(r.where, f"{r.label}: {problem}")
                ok = False
            elif end_id is not None:
                ends.append(end_id)
        if r.id is not None and (problem := rules.duplicate_id_problem(r.id, used)):
            reading.problem(r.where, f"{r.label}: {problem}")
            ok = False
        if ok and r.id is None and (r.label, *ends) in seen:
            reading.duplicates += 1
        elif ok:  # both ends found
            seen.add((r.label, *ends))
            relations.append(Relation(rid := r.id or ids.relation(), r.label, ends[0], ends[1]))
            used.add(rid)
    return relations


def build(inc: Incoming, doc, annotator: str, reading: Reading, offsets=None) -> tuple[Annotation, bytes] | None:
    """``inc`` placed on ``doc``: the annotation and the bytes of its file, or None
    (problems in ``reading``). ``offsets``: token offsets for token input. Spans and
    relations without an id of their own identical to one before them (label, extent,
    attributes, note) are left out and counted in ``reading.duplicates``."""
    limit = file_limit(len(doc.text))
    if too_many(inc, doc.id, reading, limit):
        return None
    n0 = len(reading.problems)
    text = doc.text
    _drop_mapped(inc, reading)
    if offsets is None and not convert(inc, text, reading):
        return None
    ids = IdAllocator({s.id for s in inc.spans if s.id} | {r.id for r in inc.relations if r.id}, fill_gaps=True)
    spans, keys, alias = _spans(inc, text, reading, offsets, ids)
    relations = _relations(inc, spans, keys, alias, reading, ids)
    if len(reading.problems) > n0:
        return None
    ann = Annotation(doc.id, doc.sha256, len(text), annotator, inc.status, inc.updated or now_utc(),
                     spans, relations)
    try:  # the same checks a saved file will get, on the very bytes that will be written
        data = store.dumps(ann).encode("utf-8")
        if len(data) > limit:
            reading.problem(inc.where, f"document {doc.id!r} would make a {len(data)}-byte file, over the "
                                       f"{limit}-byte limit of margin files for this article ({len(spans)} spans); "
                                       "split the spans over several annotators")
            return None
        store.parse(data.decode("utf-8"), inc.where, reading.schema, doc)
    except ValidationError as e:
        reading.problems.extend(f"{inc.where}: would not make a valid margin file: {p}" for p in e.problems)
        return None
    except DataError as e:
        reading.problem(inc.where, f"would not make a valid margin file: {e}")
        return None
    return ann, data

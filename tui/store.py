"""YAML <-> model for annotation files: validation with ``path:line`` errors, a canonical
diff-friendly writer, atomic saves and on-disk conflict detection.

Reading composes the YAML node tree with the (C) safe loader and builds the model from the
nodes, so every problem is reported with its line, duplicate keys and aliases are caught,
and YAML 1.1 surprises (unquoted ``no`` read as a boolean, ``2026-01-01`` as a date) are
named instead of accepted.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from . import anchor, canonical
from .errors import ConflictError, DataError, ValidationError
from .display import safe_repr
from .model import (CONTEXT, DECISIONS, FLAGS, FORMAT, FORMATS, STATUSES, Annotation, Decision, Document,
                    Relation, Span, format_of)
from .names import name_problem
from .schema import DEFAULT_SCHEMA, INT_LIMIT, Schema
from .yamlio import TIMESTAMP_RE, SafeLoader, is_timestamp, number, quote, reader_error, scalar, strict_scalar_problem

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_NUMBERS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_BOOLS = frozenset({"tag:yaml.org,2002:bool"})
_KNOWN_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP}
_constructor = SafeConstructor()

SPAN_KEYS = ("id", "label", "start", "end", "text", "prefix", "suffix", "attrs", "note",
             "source", "from", "edited", "flag")
TOP_KEYS = ("format", "document", "annotator", "status", "updated", "spans", "relations", "decisions")
REL_KEYS = ("id", "label", "from", "to")
DECISION_KEYS = ("decision", "label", "start", "end", "from", "to", "reason")


# --------------------------------------------------------------------------- reading


class _Reader:
    """Builds an Annotation from a node tree, collecting ``path:line: problem`` lines."""

    def __init__(self, path: str, last_line: int = 1 << 62):
        self.path = path
        self.last_line = last_line  # YAML also breaks lines at CR, NEL, LS, PS: stay on a real line
        self.problems: list[str] = []
        self.seen: set[int] = set()

    def error(self, node, msg: str) -> None:
        line = min(node.start_mark.line + 1, self.last_line) if node is not None else 1
        self.problems.append(f"{self.path}:{line}: {msg}")

    def tag_ok(self, node, what: str) -> bool:
        if node is not None and node.tag not in _KNOWN_TAGS:
            self.error(node, f"{what}: tag {node.tag!r} is not allowed")
            return False
        return True

    def mapping(self, node, what: str, allowed: tuple[str, ...]) -> dict | None:
        """{key: value node} of a mapping node; reports dups, unknown keys, aliases."""
        if not self.tag_ok(node, what):
            return None
        if not isinstance(node, yaml.MappingNode) or node.tag != MAP:
            self.error(node, f"{what} must be a mapping")
            return None
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return None
        self.seen.add(id(node))
        out = {}
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, str) or knode.tag != STR:
                self.error(knode, f"{what}: keys must be plain strings")
                continue
            if key in out:
                self.error(knode, f"{what}: duplicate key {key!r}")
                continue
            if key not in allowed:
                self.error(knode, f"{what}: unknown key {key!r} (expected: {', '.join(allowed)})")
                continue
            out[key] = vnode
        return out

    def sequence(self, node, what: str) -> list:
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            return []
        if not self.tag_ok(node, what):
            return []
        if not isinstance(node, yaml.SequenceNode) or node.tag != SEQ:
            self.error(node, f"{what} must be a list")
            return []
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return []
        self.seen.add(id(node))
        return node.value

    def value(self, node, what: str, strict: frozenset = frozenset()):
        """The Python value of a scalar node (str, int, float, bool, None, timestamp str).
        ``strict``: tags whose plain forms that only YAML 1.1 reads as a number or boolean
        (``012``, ``0x1A``, ``1_000``, ``1:30``, ``yes``) are refused rather than accepted."""
        if not isinstance(node, yaml.ScalarNode) and not self.tag_ok(node, what):
            return _BAD
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be a single value, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return _BAD
        if id(node) in self.seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return _BAD
        self.seen.add(id(node))
        tag = node.tag
        if tag == STR:
            return node.value
        problem = strict_scalar_problem(tag, node.value) if tag in strict and not node.style else None
        if problem:
            self.error(node, f"{what}: {problem}")
            return _BAD
        if tag == INT:
            try:
                return _constructor.construct_yaml_int(node)
            except ValueError:  # e.g. more digits than Python converts
                self.error(node, f"{what}: {node.value[:20]}… is not a usable integer")
                return _BAD
        if tag == FLOAT:
            return _constructor.construct_yaml_float(node)
        if tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == NULL:
            return None
        if tag == TIMESTAMP:
            return _Timestamp(node.value)
        self.error(node, f"{what}: tag {tag!r} is not allowed")
        return _BAD

    def string(self, node, what: str, optional: bool = False):
        v = self.value(node, what)
        if v is _BAD:
            return _BAD
        if v is None and optional:
            return None
        if not isinstance(v, str) or isinstance(v, _Timestamp):
            self.error(node, f"{what} must be a string, {_got(node, v)}")
            return _BAD
        return v

    def integer(self, node, what: str):
        v = self.value(node, what)
        if v is _BAD:
            return _BAD
        if isinstance(v, bool) or not isinstance(v, int):
            self.error(node, f"{what} must be an integer, {_got(node, v)}")
            return _BAD
        if not node.style and len(node.value) > 1 and node.value.lstrip("+-").startswith("0"):
            self.error(node, f"{what}: {node.value} has a leading zero (YAML 1.1 reads it as octal); write it without")
            return _BAD
        return v


def _a(word: str) -> str:
    return f"{'an' if word[:1].upper() in 'AEIOU' else 'a'} {word}"


class _Timestamp(str):
    """A plain scalar YAML resolved as a timestamp; kept as its text."""


class _Bad:
    pass


_BAD = _Bad()


def _got(node, v) -> str:
    if isinstance(v, bool):
        return f"got unquoted {node.value!r}, which YAML 1.1 reads as boolean {v}; quote it"
    if isinstance(v, _Timestamp):
        return f"got unquoted {node.value!r}, which YAML reads as a date; quote it"
    if v is None:
        return "got nothing (null)"
    if isinstance(v, (int, float)) and not node.style:
        return f"got unquoted {node.value!r}, which YAML reads as a number; quote it"
    return f"got {type(v).__name__}"


def parse(text: str, path: str = "<string>", schema: Schema = DEFAULT_SCHEMA,
          doc: Document | None = None) -> Annotation:
    """Parse and validate annotation YAML; raise ValidationError with every problem.

    Files in the canonical layout (what ``dumps`` writes) take a fast path proven equal to
    the YAML one (tests/test_canonical.py); anything else, and every invalid file, is read
    through libyaml's safe composer, which names the line of each problem."""
    fast = canonical.parse_canonical(text, path, schema, doc)
    if fast is not None:
        return fast
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1
        raise ValidationError([f"{path}:{line}: YAML syntax error: {e.problem or e.context}"]) from None
    except yaml.reader.ReaderError as e:
        raise ValidationError([f"{path}:{reader_error(text, e)}"]) from None
    except yaml.YAMLError as e:
        raise ValidationError([f"{path}:1: YAML error: {str(e).splitlines()[0]}"]) from None
    r = _Reader(path, text.count("\n") + 1)
    if root is None:
        raise ValidationError([f"{path}:1: empty file (expected a margin/1 annotation mapping)"])
    top = r.mapping(root, "file", TOP_KEYS)
    if top is None:
        raise ValidationError(r.problems)
    for key in ("format", "document", "annotator", "spans"):
        if key not in top:
            r.error(root, f"missing key {key!r}")
    fmt = None
    if "format" in top:
        fmt = r.string(top["format"], "format")
        if isinstance(fmt, str) and fmt not in FORMATS:
            r.error(top["format"], f"unsupported format {fmt!r} (this version of margin reads {' and '.join(FORMATS)})")
            raise ValidationError(r.problems)
    doc_id, sha, chars = "", "", 0
    if "document" in top:
        d = r.mapping(top["document"], "document", ("id", "sha256", "chars"))
        if d is not None:
            for k in ("id", "sha256", "chars"):
                if k not in d:
                    r.error(top["document"], f"document: missing key {k!r}")
            if "id" in d:
                doc_id = r.string(d["id"], "document id")
                if isinstance(doc_id, str) and name_problem(doc_id, "document id"):
                    r.error(d["id"], name_problem(doc_id, "document id"))
                elif isinstance(doc_id, str) and doc is not None and doc_id != doc.id:
                    r.error(d["id"], f"document id {doc_id!r} does not match the document {doc.id!r}")
            if "sha256" in d:
                sha = r.string(d["sha256"], "document sha256")
                if isinstance(sha, str) and (len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha)):
                    r.error(d["sha256"], "document sha256 must be 64 lowercase hex digits")
            if "chars" in d:
                chars = r.integer(d["chars"], "document chars")
    annotator = r.string(top["annotator"], "annotator") if "annotator" in top else ""
    if "annotator" in top and isinstance(annotator, str) and name_problem(annotator, "annotator name"):
        r.error(top["annotator"], name_problem(annotator, "annotator name"))
    status = "in_progress"
    if "status" in top:
        status = r.string(top["status"], "status")
        if isinstance(status, str) and status not in STATUSES:
            r.error(top["status"], f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})")
    updated = ""
    if "updated" in top:
        v = r.value(top["updated"], "updated")
        if isinstance(v, str) and is_timestamp(v):
            updated = str(v)
        elif v is not _BAD and v is not None:
            r.error(top["updated"], f"updated must be a UTC timestamp like 2026-11-25T10:00:00Z, got {safe_repr(str(v))}")

    text = doc.text if doc is not None else None
    stale = doc is not None and isinstance(sha, str) and sha != doc.sha256
    spans: list[Span] = []
    ids: dict[str, object] = {}
    span_labels: dict[str, str | None] = {}
    for node in r.sequence(top.get("spans"), "spans") if "spans" in top else ():
        span = _read_span(r, node, schema, text, stale, ids, span_labels)
        if span is not None:
            spans.append(span)
    relations: list[Relation] = []
    for node in r.sequence(top["relations"], "relations") if "relations" in top else ():
        rel = _read_relation(r, node, schema, span_labels, ids)
        if rel is not None:
            relations.append(rel)
    decisions: list[Decision] = []
    if "decisions" in top:
        if fmt != FORMAT:
            r.error(top["decisions"], f"decisions need format {FORMAT} (this file says {fmt!r})")
        seen: set = set()
        for node in r.sequence(top["decisions"], "decisions"):
            dec = _read_decision(r, node, schema, span_labels)
            if dec is not None:
                if dec.key in seen:
                    r.error(node, f"decision on {dec.key} is listed twice")
                seen.add(dec.key)
                decisions.append(dec)
    if r.problems:
        raise ValidationError(r.problems)
    return Annotation(doc_id, sha, chars, annotator, status, updated, spans, relations, decisions)


def _read_decision(r: _Reader, node, schema: Schema, span_labels: dict) -> Decision | None:
    """``{decision: rejected, label, start, end, reason}`` or ``{decision, label, from, to, reason}``."""
    m = r.mapping(node, "decision", DECISION_KEYS)
    if m is None:
        return None
    n0 = len(r.problems)
    for k in ("decision", "label"):
        if k not in m:
            r.error(node, f"decision: missing key {k!r}")
    span_keys, rel_keys = {"start", "end"} & set(m), {"from", "to"} & set(m)
    if (len(span_keys) != 2 or rel_keys) and (len(rel_keys) != 2 or span_keys):
        r.error(node, "decision: give either start and end (a span) or from and to (a relation)")
    if len(r.problems) > n0:
        return None
    what = r.string(m["decision"], "decision")
    if isinstance(what, str) and what not in DECISIONS:
        r.error(m["decision"], f"unknown decision {what!r} (expected one of: {', '.join(DECISIONS)})")
    label = r.string(m["label"], "decision: label")
    reason = r.string(m["reason"], "decision: reason", optional=True) if "reason" in m else None
    if span_keys:
        if isinstance(label, str) and label not in schema.labels:
            r.error(m["label"], f"decision: unknown label {label!r} (expected one of: {', '.join(schema.labels)})")
        start = r.integer(m["start"], "decision: start")
        end = r.integer(m["end"], "decision: end")
        if isinstance(start, int) and isinstance(end, int):
            if start < 0:
                r.error(m["start"], f"decision: start {start} is negative")
            elif end <= start:
                r.error(m["end"], f"decision: end {end} must be greater than start {start}")
        if len(r.problems) > n0:
            return None
        return Decision(label, start, end, reason=reason, decision=what)
    rdef = schema.relations.get(label) if isinstance(label, str) else None
    if isinstance(label, str) and rdef is None:
        r.error(m["label"], f"decision: unknown relation {label!r} (expected one of: {', '.join(schema.relations) or 'none'})")
    ends = []
    for key, allowed in (("from", rdef.from_labels if rdef else None), ("to", rdef.to_labels if rdef else None)):
        ref = r.string(m[key], f"decision: {key}")
        ends.append(ref)
        if not isinstance(ref, str):
            continue
        if ref not in span_labels:
            r.error(m[key], f"decision: {key} {ref!r} is not the id of a span in this file")
        elif allowed is not None and span_labels[ref] is not None and span_labels[ref] not in allowed:
            r.error(m[key], f"decision: {key} {ref!r} is {_a(span_labels[ref])}; {label} goes {key} {' or '.join(allowed)}")
    if len(r.problems) > n0:
        return None
    return Decision(label, source=ends[0], target=ends[1], reason=reason, decision=what)


def _read_span(r: _Reader, node, schema: Schema, text, stale: bool, ids: dict, span_labels: dict) -> Span | None:
    m = r.mapping(node, "span", SPAN_KEYS)
    if m is None:
        return None
    n0 = len(r.problems)
    for k in ("id", "label", "start", "end", "text"):
        if k not in m:
            r.error(node, f"span: missing key {k!r}")
    if len(r.problems) > n0:
        return None
    sid = r.string(m["id"], "span id")
    if isinstance(sid, str) and name_problem(sid, "span id"):
        r.error(m["id"], name_problem(sid, "span id"))
        sid = _BAD
    what = f"span {sid}" if isinstance(sid, str) else "span"
    if isinstance(sid, str):
        if sid in ids:
            r.error(m["id"], f"duplicate id {sid!r}")
        ids[sid] = node
    label = r.string(m["label"], f"{what}: label")
    if isinstance(sid, str):
        span_labels[sid] = label if isinstance(label, str) else None
    ldef = schema.labels.get(label) if isinstance(label, str) else None
    if isinstance(label, str) and ldef is None:
        r.error(m["label"], f"{what}: unknown label {label!r} (expected one of: {', '.join(schema.labels)})")
    start = r.integer(m["start"], f"{what}: start")
    end = r.integer(m["end"], f"{what}: end")
    quote_ = r.string(m["text"], f"{what}: text")
    flag = r.string(m["flag"], f"{what}: flag", optional=True) if "flag" in m else None
    if isinstance(flag, str) and flag not in FLAGS:
        r.error(m["flag"], f"{what}: unknown flag {flag!r} (expected one of: {', '.join(FLAGS)})")
    if isinstance(start, int) and isinstance(end, int):
        if start < 0:
            r.error(m["start"], f"{what}: start {start} is negative")
        elif end <= start:
            r.error(m["end"], f"{what}: end {end} must be greater than start {start}")
        elif text is not None and not stale and end > len(text):
            r.error(m["end"], f"{what}: end {end} is past the end of the document ({len(text)} characters)")
        elif text is not None and not stale and isinstance(quote_, str) and flag != "lost" \
                and text[start:end] != quote_:
            r.error(m["text"], f"{what}: text {quote_!r} does not match the document, which has {text[start:end]!r} at {start}-{end}")
    ctx = {}
    for k in ("prefix", "suffix"):
        if k in m:
            v = r.string(m[k], f"{what}: {k}")
            if isinstance(v, str) and len(v) > CONTEXT:
                r.error(m[k], f"{what}: {k} is longer than {CONTEXT} characters")
            ctx[k] = v
    attrs = {}
    if "attrs" in m:
        if isinstance(m["attrs"], yaml.ScalarNode) and m["attrs"].tag == NULL:
            amap = {}
        else:
            allowed = tuple(ldef.attrs) if ldef else ()
            amap = r.mapping(m["attrs"], f"{what}: attrs", allowed) or {}
        for aname, anode in amap.items():
            v = r.value(anode, f"{what}: attribute {aname!r}", strict=_NUMBERS)
            if v is _BAD or v is None:
                continue
            problem = ldef.attrs[aname].check(v)
            if problem:
                if isinstance(v, (bool, _Timestamp)):
                    problem = f"attribute {aname!r}: {_got(anode, v)}"
                r.error(anode, f"{what}: {problem}")
            else:
                attrs[aname] = v
    note = r.string(m["note"], f"{what}: note", optional=True) if "note" in m else None
    source = r.string(m["source"], f"{what}: source", optional=True) if "source" in m else None
    origin: tuple = ()
    if "from" in m:
        vals = [r.string(n, f"{what}: from") for n in r.sequence(m["from"], f"{what}: from")]
        origin = tuple(v for v in vals if isinstance(v, str))
    edited = False
    if "edited" in m:
        v = r.value(m["edited"], f"{what}: edited", strict=_BOOLS)
        if v is _BAD:
            pass
        elif not isinstance(v, bool):
            r.error(m["edited"], f"{what}: edited must be true or false")
        else:
            edited = v
    if len(r.problems) > n0:
        return None
    return Span(sid, label, start, end, quote_, ctx.get("prefix") or "", ctx.get("suffix") or "",
                attrs, note, source, origin, edited, flag)


def _read_relation(r: _Reader, node, schema: Schema, span_labels: dict, ids: dict) -> Relation | None:
    m = r.mapping(node, "relation", REL_KEYS)
    if m is None:
        return None
    n0 = len(r.problems)
    for k in REL_KEYS:
        if k not in m:
            r.error(node, f"relation: missing key {k!r}")
    if len(r.problems) > n0:
        return None
    rid = r.string(m["id"], "relation id")
    if isinstance(rid, str) and name_problem(rid, "relation id"):
        r.error(m["id"], name_problem(rid, "relation id"))
        rid = _BAD
    what = f"relation {rid}" if isinstance(rid, str) else "relation"
    if isinstance(rid, str):
        if rid in ids:
            r.error(m["id"], f"duplicate id {rid!r}")
        ids[rid] = node
    label = r.string(m["label"], f"{what}: label")
    rdef = schema.relations.get(label) if isinstance(label, str) else None
    if isinstance(label, str) and rdef is None:
        r.error(m["label"], f"{what}: unknown relation {label!r} (expected one of: {', '.join(schema.relations) or 'none'})")
    ends = []
    for key, allowed in (("from", rdef.from_labels if rdef else None), ("to", rdef.to_labels if rdef else None)):
        ref = r.string(m[key], f"{what}: {key}")
        ends.append(ref)
        if not isinstance(ref, str):
            continue
        if ref not in span_labels:
            r.error(m[key], f"{what}: {key} {ref!r} is not the id of a span in this file")
        elif allowed is not None and span_labels[ref] is not None and span_labels[ref] not in allowed:
            r.error(m[key], f"{what}: {key} {ref!r} is {_a(span_labels[ref])}; {label} goes {key} {' or '.join(allowed)}")
    if len(r.problems) > n0:
        return None
    return Relation(rid, label, ends[0], ends[1])


# --------------------------------------------------------------------------- writing


def _writable(ann: Annotation) -> None:
    """Refuse to write what the readers would refuse: a file margin writes always reopens."""
    problem = (name_problem(ann.doc_id, "document id") or name_problem(ann.annotator, "annotator name")
               or (None if not ann.updated or is_timestamp(ann.updated) else
                   f"updated must be a UTC timestamp like 2026-11-25T10:00:00Z, got {safe_repr(ann.updated)}"))
    if problem:
        raise DataError(problem)
    for s in ann.spans:
        problem = name_problem(s.id, "span id")
        if problem is None and s.attrs:
            problem = next((f"span {s.id}: attribute {k!r} does not fit in 64 bits" for k, v in s.attrs.items()
                            if isinstance(v, int) and not isinstance(v, bool) and not -INT_LIMIT <= v < INT_LIMIT), None)
        if problem:
            raise DataError(problem)
    for rel in ann.relations:
        if name_problem(rel.id, "relation id"):
            raise DataError(name_problem(rel.id, "relation id"))


def dumps(ann: Annotation) -> str:
    """The canonical text of an annotation file (stable, one span per block)."""
    _writable(ann)
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
                     else f"from: {scalar(d.source)}, to: {scalar(d.target)}")
            reason = "" if d.reason is None else f", reason: {quote(d.reason)}"
            out.append(f"- {{decision: {scalar(d.decision)}, label: {scalar(d.label)}, {where}{reason}}}\n")
    return "".join(out)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we read it: a save refuses to clobber a changed file."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> "Fingerprint":
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        with open(path, "rb") as f:
            data = f.read()
            st = os.fstat(f.fileno())
    except FileNotFoundError:
        return None
    return Fingerprint.of_bytes(data, st)


@dataclass
class Loaded:
    annotation: Annotation
    fingerprint: Fingerprint | None
    moved: int = 0
    flagged: list[str] = field(default_factory=list)  # ids of spans needing a look


MAX_FILE_BYTES = 4 * 2**20  # ~17,000 spans; bigger files are refused before reading


def read_file(path: Path) -> tuple[str, Fingerprint]:
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
        with open(fd, "rb") as f:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ValidationError([f"{path}:1: not a regular file"])
            if st.st_size > MAX_FILE_BYTES:
                raise ValidationError([f"{path}:1: file is too large ({st.st_size} bytes; "
                                       f"margin reads annotation files up to {MAX_FILE_BYTES} bytes)"])
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise DataError(f"{path}:1: cannot read: {e.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError([f"{path}:1: file is too large (margin reads annotation files up to {MAX_FILE_BYTES} bytes)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ValidationError([f"{path}:{line}: not UTF-8 (bad byte at offset {e.start})"]) from None
    return text, Fingerprint.of_bytes(data, st)


def load(path: Path, schema: Schema = DEFAULT_SCHEMA, doc: Document | None = None) -> Loaded:
    """Read, validate and (if the document changed) re-anchor one annotation file."""
    text, fp = read_file(path)
    ann = parse(text, str(path), schema, doc)
    p = Path(path)
    problems = []
    if ann.annotator and p.stem != ann.annotator:
        problems.append(f"{path}:1: annotator {ann.annotator!r} does not match the file name {p.name!r}")
    if ann.doc_id and p.parent.name != ann.doc_id and p.parent.name != "":
        if p.parent.parent.name == "annotations":
            problems.append(f"{path}:1: document id {ann.doc_id!r} does not match the folder {p.parent.name!r}")
    if problems:
        raise ValidationError(problems)
    moved, flagged = 0, []
    if doc is not None and ann.sha256 != doc.sha256:
        ann, moved, flagged = anchor.reanchor_annotation(ann, doc)
    return Loaded(ann, fp, moved, flagged)


def load_or_new(path: Path, schema: Schema, doc: Document, annotator: str) -> Loaded:
    if not Path(path).exists():
        return Loaded(Annotation.new(doc, annotator), None)
    return load(path, schema, doc)


def save(path: Path, ann: Annotation, expected: Fingerprint | None, *, force: bool = False) -> Fingerprint:
    """Atomically write ``ann`` to ``path`` unless the file changed since ``expected``.

    Returns the new fingerprint. An unchanged annotation writes nothing. Raises
    ConflictError when the file on disk is not the one we loaded (``force`` overrides).
    """
    path = Path(path)
    current = fingerprint(path)
    if not force and current != expected and (
        current is None or expected is None or current.sha256 != expected.sha256
    ):
        if current is None:
            raise ConflictError(f"{path}: was deleted on disk since it was loaded")
        raise ConflictError(f"{path}: changed on disk since it was loaded (another margin, an editor or git?)")
    data = dumps(ann).encode("utf-8")
    if current is not None and current.size == len(data) and current.sha256 == hashlib.sha256(data).hexdigest():
        return current
    return atomic_write(path, data)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _remove_dead_temps(path: Path) -> None:
    """Delete temp files that writers killed mid-save left next to ``path``.

    Best effort and never fatal: a name that only looks like ours (a huge or odd pid, a
    folder, a link, a file we may not delete) is left alone; a save never fails here."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if not (pid.isascii() and pid.isdigit() and len(pid) <= 10):
            continue
        try:
            os.kill(int(pid), 0)
            continue  # its writer is alive: in flight
        except ProcessLookupError:
            pass
        except (OSError, OverflowError, ValueError):
            continue
        try:
            if stat.S_ISREG(os.lstat(path.parent / name).st_mode):
                os.unlink(path.parent / name)
        except OSError:
            pass


def atomic_write(path: Path, data: bytes) -> Fingerprint:
    """Write via a temp file in the same directory, fsync, os.replace, fsync the directory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass  # some filesystems cannot fsync a directory
    st = os.stat(path)
    return Fingerprint(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


class AnnotationFile:
    """Where an annotation is saved: the path and the fingerprint of what we last read or wrote.

    ``save`` is safe to call from a worker thread: one save at a time, and a file changed
    on disk since our last read/write raises ConflictError instead of being clobbered.
    The caller passes a snapshot (``EditSession.snapshot``) taken on its own thread: the
    annotation must not change while it is written.
    """

    def __init__(self, path, fingerprint):
        self.path = path
        self.fingerprint = fingerprint
        self._lock = threading.Lock()
        self._written = -1  # the newest version written (saves of older ones are skipped)

    def save(self, annotation: Annotation, *, force: bool = False, version: int | None = None):
        with self._lock:
            if version is not None and version < self._written and not force:
                return self.fingerprint  # a newer snapshot is on disk already
            self.fingerprint = save(self.path, annotation, self.fingerprint, force=force)
            if version is not None:
                self._written = max(self._written, version)
            return self.fingerprint

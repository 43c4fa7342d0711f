"""The YAML reader of annotation files: any layout, every problem named with its line.

Composes the node tree with libyaml's safe composer and builds the model through a
:class:`~tui.store.nodes.NodeReader`, applying the rules of ``store_rules`` (the same ones
the canonical fast path applies). Collects every problem, then raises ValidationError.
"""

from __future__ import annotations


from tui.store import rules
from tui.errors import ValidationError
from tui.model import FORMAT_V1, Annotation, Decision, Document, Relation, Span
from tui.names import name_problem
from tui.schema import Schema
from tui.store.nodes import BAD, NUMBERS, NodeReader, Timestamp, got
from tui.store.yamlio import compose_text

SPAN_KEYS = ("id", "label", "start", "end", "text", "prefix", "suffix", "attrs", "note",
             "source", "from", "edited", "flag")
TOP_KEYS = ("format", "document", "annotator", "status", "updated", "spans", "relations", "decisions")
REL_KEYS = ("id", "label", "from", "to")
DECISION_KEYS = ("decision", "label", "start", "end", "from", "to", "reason")


def compose(text: str, path: str):
    """The node tree of ``text`` (None when empty); ValidationError on a syntax error. The
    NodeReader names each alias where it meets one (with the span and field)."""
    return compose_text(text, path)


def parse_yaml(text: str, path: str, schema: Schema, doc: Document | None) -> Annotation:
    """Parse and validate annotation YAML; raise ValidationError with every problem."""
    root = compose(text, path)
    r = NodeReader(path, text.count("\n") + 1)
    if root is None:
        raise ValidationError([f"{path}:1: empty file (expected a {FORMAT_V1} annotation mapping)"])
    top = r.mapping(root, "file", TOP_KEYS)
    if top is None:
        raise ValidationError(r.problems)
    for key in ("format", "document", "annotator", "spans"):
        if key not in top:
            r.error(root, f"missing key {key!r}")
    fmt = None
    if "format" in top:
        fmt = r.string(top["format"], "format")
        problem = rules.format_problem(fmt) if fmt is not BAD else None
        if problem:
            r.error(top["format"], problem)
            raise ValidationError(r.problems)
    doc_id, sha, chars = _document(r, top, doc)
    annotator, status, updated = _header(r, top)
    # the offsets of a file of another version of the article are checked after re-anchoring
    text_ = doc.text if doc is not None and (sha is BAD or sha == doc.sha256) else None
    spans, relations, decisions = _items(r, top, schema, text_, fmt)
    if r.problems:
        raise ValidationError(r.problems)
    return Annotation(doc_id, sha, chars, annotator, status, updated, spans, relations, decisions)


def _header(r: NodeReader, top: dict) -> tuple:
    """(annotator, status, updated) of the file (BAD for an unreadable value)."""
    annotator = ""
    if "annotator" in top:
        annotator = r.string(top["annotator"], "annotator")
        if annotator is not BAD and (problem := name_problem(annotator, "annotator name")):
            r.error(top["annotator"], problem)
    status = "in_progress"
    if "status" in top:
        status = r.string(top["status"], "status")
        if status is not BAD and (problem := rules.status_problem(status)):
            r.error(top["status"], problem)
    updated = ""
    if "updated" in top:
        v = r.value(top["updated"], "updated")
        if v is not BAD and v is not None:
            problem = rules.updated_problem(str(v))  # no number or boolean reads as one
            if problem:
                r.error(top["updated"], problem)
            else:
                updated = rules.updated_value(str(v))
    return annotator, status, updated


def _items(r: NodeReader, top: dict, schema: Schema, text: str | None, fmt) -> tuple:
    """(spans, relations, decisions): each one read, problems noted on ``r``."""
    spans: list[Span] = []
    span_labels: dict[str, str | None] = {}  # id -> label (None: unreadable) of every span read
    for node in r.sequence(top.get("spans"), "spans") if "spans" in top else ():
        span = _read_span(r, node, schema, text, span_labels)
        if span is not None:
            spans.append(span)
    relations: list[Relation] = []
    ids = set(span_labels)  # span and relation ids share one namespace
    for node in r.sequence(top["relations"], "relations") if "relations" in top else ():
        rel = _read_relation(r, node, schema, span_labels, ids)
        if rel is not None:
            relations.append(rel)
    decisions: list[Decision] = []
    if "decisions" in top:
        if problem := rules.decisions_format_problem(fmt):
            r.error(top["decisions"], problem)
        seen: set = set()
        for node in r.sequence(top["decisions"], "decisions"):
            dec = _read_decision(r, node, schema, span_labels)
            if dec is not None:
                if problem := rules.duplicate_decision_problem(dec.key, seen):
                    r.error(node, problem)
                seen.add(dec.key)
                decisions.append(dec)
    return spans, relations, decisions


def _document(r: NodeReader, top: dict, doc: Document | None) -> tuple:
    """(id, sha256, chars) of the ``document`` mapping (BAD for an unreadable value)."""
    doc_id, sha, chars = "", "", 0
    if "document" not in top:
        return doc_id, sha, chars
    d = r.mapping(top["document"], "document", ("id", "sha256", "chars"))
    if d is None:
        return doc_id, sha, chars
    for k in ("id", "sha256", "chars"):
        if k not in d:
            r.error(top["document"], f"document: missing key {k!r}")
    if "id" in d:
        doc_id = r.string(d["id"], "document id")
        if doc_id is not BAD:
            problem = name_problem(doc_id, "document id") or rules.document_id_problem(
                doc_id, doc.id if doc is not None else None)
            if problem:
                r.error(d["id"], problem)
    if "sha256" in d:
        sha = r.string(d["sha256"], "document sha256")
        if sha is not BAD and (problem := rules.sha_problem(sha)):
            r.error(d["sha256"], problem)
    if "chars" in d:
        chars = r.integer(d["chars"], "document chars")
    return doc_id, sha, chars


def _read_span(r: NodeReader, node, schema: Schema, text: str | None,
               span_labels: dict[str, str | None]) -> Span | None:
    """``text``: the article when the offsets must fit it (see ``rules.bounds_problem``)."""
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
    if sid is not BAD and (problem := name_problem(sid, "span id")):
        r.error(m["id"], problem)
        sid = BAD
    what = "span" if sid is BAD else f"span {sid}"
    label = r.string(m["label"], f"{what}: label")
    start = r.integer(m["start"], f"{what}: start")
    end = r.integer(m["end"], f"{what}: end")
    quote = r.string(m["text"], f"{what}: text")
    flag = r.string(m["flag"], f"{what}: flag", optional=True) if "flag" in m else None
    ctx = {k: r.string(m[k], f"{what}: {k}") for k in ("prefix", "suffix") if k in m}
    row = (sid, label, start, end, quote, ctx.get("prefix"), ctx.get("suffix"), flag)
    for _, key, problem in rules.span_problems(schema, span_labels, [tuple(map(_read, row))], text):
        r.error(m[key], problem if key == "id" else f"{what}: {problem}")
    ldef = None if label is BAD else schema.labels.get(label)
    attrs = _read_attrs(r, m["attrs"], what, ldef) if "attrs" in m else {}
    note = r.string(m["note"], f"{what}: note", optional=True) if "note" in m else None
    source = r.string(m["source"], f"{what}: source", optional=True) if "source" in m else None
    origin: tuple = ()
    if "from" in m:
        vals = [r.string(n, f"{what}: from") for n in r.sequence(m["from"], f"{what}: from")]
        origin = tuple(v for v in vals if v is not BAD)
    edited = False
    if "edited" in m:
        edited = r.boolean(m["edited"], f"{what}: edited")
    if len(r.problems) > n0:
        return None
    return Span(sid, label, start, end, quote, ctx.get("prefix") or "", ctx.get("suffix") or "",
                attrs, note, source, origin, edited, flag)


def _read(value):
    """``value``, or None when it could not be read (its problem is reported already)."""
    return None if value is BAD else value


def _read_attrs(r: NodeReader, node, what: str, ldef) -> dict:
    """The attributes a span labelled ``ldef`` (None: unknown label) may have."""
    if r.is_null(node):
        return {}
    attrs = {}
    amap = r.mapping(node, f"{what}: attrs", tuple(ldef.attrs) if ldef else ()) or {}
    for aname, anode in amap.items():
        v = r.value(anode, f"{what}: attribute {aname!r}", strict=NUMBERS)
        if v is BAD or v is None:
            continue
        problem = rules.attr_problem(ldef, aname, v)
        if problem:
            if isinstance(v, (bool, Timestamp)):
                problem = f"attribute {aname!r}: {got(anode, v)}"
            r.error(anode, f"{what}: {problem}")
        else:
            attrs[aname] = v
    return attrs


def _read_ends(r: NodeReader, m: dict, what: str, label, rdef, span_labels: dict) -> list:
    """The ``from`` and ``to`` span ids of a relation (or relation decision), BAD if unreadable."""
    ends = []
    for key in ("from", "to"):
        ref = r.string(m[key], f"{what}: {key}")
        ends.append(ref)
        if ref is not BAD and (problem := rules.endpoint_problem(key, ref, span_labels, label, rdef)):
            r.error(m[key], f"{what}: {problem}")
    return ends


def _read_relation(r: NodeReader, node, schema: Schema, span_labels: dict, ids: set[str]) -> Relation | None:
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
    if rid is not BAD and (problem := name_problem(rid, "relation id")):
        r.error(m["id"], problem)
        rid = BAD
    what = "relation" if rid is BAD else f"relation {rid}"
    if rid is not BAD:
        if problem := rules.duplicate_id_problem(rid, ids):
            r.error(m["id"], problem)
        ids.add(rid)
    label = r.string(m["label"], f"{what}: label")
    rdef = None if label is BAD else schema.relations.get(label)
    if label is not BAD and (problem := rules.relation_label_problem(schema, label)):
        r.error(m["label"], f"{what}: {problem}")
    ends = _read_ends(r, m, what, label, rdef, span_labels)
    if len(r.problems) > n0:
        return None
    return Relation(rid, label, ends[0], ends[1])


def _read_decision(r: NodeReader, node, schema: Schema, span_labels: dict) -> Decision | None:
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
    if what is not BAD and (problem := rules.decision_problem(what)):
        r.error(m["decision"], problem)
    label = r.string(m["label"], "decision: label")
    reason = r.string(m["reason"], "decision: reason", optional=True) if "reason" in m else None
    if span_keys:
        if label is not BAD and (problem := rules.label_problem(schema, label)):
            r.error(m["label"], f"decision: {problem}")
        start = r.integer(m["start"], "decision: start")
        end = r.integer(m["end"], "decision: end")
        if start is not BAD and end is not BAD and (bad := rules.bounds_problem(start, end)):
            r.error(m[bad[0]], f"decision: {bad[1]}")
        if len(r.problems) > n0:
            return None
        return Decision(label, start, end, reason=reason, decision=what)
    rdef = None if label is BAD else schema.relations.get(label)
    if label is not BAD and (problem := rules.relation_label_problem(schema, label)):
        r.error(m["label"], f"decision: {problem}")
    ends = _read_ends(r, m, "decision", label, rdef, span_labels)
    if len(r.problems) > n0:
        return None
    return Decision(label, source=ends[0], target=ends[1], reason=reason, decision=what)

"""Import annotations made in other tools (brat, jsonl, CoNLL) as margin YAML.

A reader (``brat.py``, ``jsonl.py``, ``conll.py``) turns its files into :class:`Incoming`
documents, checking labels and attributes against the schema as it goes and reporting
``file:line: problem``. :func:`import_path` then matches each to a corpus document (by id
and text hash; CoNLL, which carries no id or text, by its tokens), places the spans,
checks relations, and writes ``annotations/<doc>/<annotator>.yaml`` through ``tui.store``
only if nothing at all went wrong, never replacing a file without ``force``.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import store
from ..errors import DataError, ValidationError
from ..model import Annotation, Relation, Span, make_span, now_utc, sha256_text
from ..schema import Schema

FORMATS = ("brat", "jsonl", "conll")
# Characters brat cuts fragments at (str.splitlines() line boundaries).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass
class SpanIn:
    where: str  # file:line, for messages
    id: str | None
    label: str
    frags: list[tuple[int, int]]  # code-point offsets, or token indexes for token input
    quote: str | None = None  # the text the source says the span has
    attrs: dict = field(default_factory=dict)
    note: str | None = None
    extra: dict = field(default_factory=dict)  # source, origin, edited, flag


@dataclass
class RelIn:
    where: str
    id: str | None
    label: str
    source: str
    target: str


@dataclass
class Incoming:
    """One document's annotation as another tool had it, not yet matched to the corpus."""

    where: str  # file (and line) it came from
    doc_id: str | None  # None: match by tokens
    text: str | None = None  # the text the source had, if it carries one
    text_path: str = ""  # the file that text came from
    sha256: str | None = None  # the text's hash, when the source has only that
    tokens: list[str] | None = None  # CoNLL: spans are token indexes into these
    spans: list[SpanIn] = field(default_factory=list)
    relations: list[RelIn] = field(default_factory=list)
    status: str = "in_progress"
    updated: str = ""


@dataclass
class Reading:
    """What readers share: the schema, the label map, and the problem list."""

    schema: Schema
    label_map: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def label(self, where: str, name: str) -> str | None:
        """The schema label for ``name`` (after --map), or None with a problem."""
        mapped = self.label_map.get(name, name)
        if mapped in self.schema.labels:
            return mapped
        self.problem(where, f"unknown label {name!r} (the schema has {', '.join(self.schema.labels)}; "
                            f"map it with --map {name}=LABEL)")
        return None

    def relation(self, where: str, name: str) -> str | None:
        mapped = self.label_map.get(name, name)
        if mapped in self.schema.relations:
            return mapped
        self.problem(where, f"unknown relation {name!r} (the schema has {', '.join(self.schema.relations) or 'none'}; "
                            f"map it with --map {name}=RELATION)")
        return None

    def attrs(self, where: str, label: str, attrs: dict) -> dict:
        """The attributes the schema allows for ``label``; a problem for each other one."""
        ldef = self.schema.labels[label]
        out = {}
        for name, value in attrs.items():
            adef = ldef.attrs.get(name)
            if adef is None:
                self.problem(where, f"{label} has no attribute {name!r} (it has: {', '.join(ldef.attrs) or 'none'})")
                continue
            problem = adef.check(value)
            if problem:
                self.problem(where, f"{label}: {problem}")
                continue
            out[name] = value
        return out


def parse_map(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for p in pairs or ():
        old, sep, new = p.partition("=")
        if not sep or not old or not new:
            raise DataError(f"--map {p!r}: expected OLD=NEW")
        out[old] = new
    return out


def read(fmt: str, path: Path, reading: Reading) -> list[Incoming]:
    if fmt not in FORMATS:
        raise DataError(f"unknown import format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file or directory")
    return importlib.import_module(f"{__name__}.{fmt}").read(path, reading)


def _token_table(corpus) -> dict[tuple, list[str]]:
    from ..tokens import tokenize

    table: dict[tuple, list[str]] = {}
    for d in corpus.doc_ids():
        text = corpus.document(d).text
        table.setdefault(tuple(text[a:b] for a, b in tokenize(text)), []).append(d)
    return table


def _place(inc: Incoming, s: SpanIn, text: str, reading: Reading) -> tuple[int, int] | None:
    """Code-point offsets of ``s`` in ``text``, checked; None with a problem."""
    if inc.tokens is not None:
        from ..tokens import token_index

        toks = token_index(text).tokens
        (a, b), = s.frags
        return toks[a][0], toks[b - 1][1]
    start, end = s.frags[0][0], s.frags[-1][1]
    if not all(0 <= a <= b <= len(text) for a, b in s.frags) or start >= end:
        reading.problem(s.where, f"offsets {start}-{end} are outside the document ({len(text)} characters) or empty")
        return None
    for (_, b), (c, _) in zip(s.frags, s.frags[1:]):
        if not text[b:c] or any(ch not in LINE_BREAKS for ch in text[b:c]):
            reading.problem(s.where, f"discontinuous span: its fragments are separated by {text[b:c][:40]!r}, "
                                     "and margin spans are contiguous")
            return None
    if s.quote is not None:
        have = " ".join(text[a:b] for a, b in s.frags)
        if have != s.quote:
            reading.problem(s.where, f"span text {s.quote[:60]!r} does not match the document, "
                                     f"which has {have[:60]!r} at {start}-{end}")
            return None
    return start, end


def to_annotation(inc: Incoming, doc, annotator: str, reading: Reading) -> Annotation | None:
    """``inc`` placed on ``doc`` as a valid annotation, or None (problems in ``reading``)."""
    n0 = len(reading.problems)
    spans: list[Span] = []
    used = {s.id for s in inc.spans if s.id} | {r.id for r in inc.relations if r.id}
    seen: set[str] = set()
    for s in inc.spans:
        if s.id in seen:
            reading.problem(s.where, f"duplicate span id {s.id!r}")
            continue
        placed = _place(inc, s, doc.text, reading)
        if placed is None:
            continue
        sid = s.id or _fresh("s", used)
        seen.add(sid)
        spans.append(make_span(doc.text, sid, s.label, *placed, attrs=s.attrs, note=s.note, **s.extra))
    labels = {s.id: s.label for s in spans}
    relations = []
    for r in inc.relations:
        rdef = reading.schema.relations[r.label]
        ok = True
        for end, ref, allowed in (("from", r.source, rdef.from_labels), ("to", r.target, rdef.to_labels)):
            if ref not in labels:
                reading.problem(r.where, f"{r.label}: {end} {ref!r} is not a span of this document")
                ok = False
            elif labels[ref] not in allowed:
                reading.problem(r.where, f"{r.label}: {end} {ref!r} is labelled {labels[ref]}; "
                                         f"it must be {' or '.join(allowed)}")
                ok = False
        if ok:
            relations.append(Relation(r.id or _fresh("r", used), r.label, r.source, r.target))
    if len(reading.problems) > n0:
        return None
    ann = Annotation(doc.id, doc.sha256, len(doc.text), annotator, inc.status, inc.updated or now_utc(),
                     spans, relations)
    try:  # the same checks a saved file will get
        store.parse(store.dumps(ann), inc.where, reading.schema, doc)
    except ValidationError as e:
        reading.problems.extend(f"{inc.where}: would not make a valid margin file: {p}" for p in e.problems)
        return None
    return ann


def _file_line(problem: str) -> tuple:
    m = re.match(r"(.*?):(\d+): ", problem)
    return (m.group(1), int(m.group(2))) if m else (problem.partition(": ")[0], 0)


def _fresh(prefix: str, used: set) -> str:
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    used.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def import_path(corpus, fmt: str, path: Path, annotator: str, *, label_map: dict | None = None,
                force: bool = False) -> list[tuple[Path, Annotation]]:
    """Read ``path`` and write one margin file per document; all or nothing.

    Raises ValidationError listing every problem (nothing written). Returns what was written.
    """
    from ..corpus import check_name

    check_name(annotator, "annotator name")
    reading = Reading(corpus.schema, dict(label_map or {}))
    for old, new in reading.label_map.items():
        if new not in corpus.schema.labels and new not in corpus.schema.relations:
            raise DataError(f"--map {old}={new}: {new!r} is not a label or relation of the schema")
    incoming = read(fmt, Path(path), reading)
    ids = set(corpus.doc_ids())
    tokens = _token_table(corpus) if any(i.doc_id is None for i in incoming) else {}
    out: dict[str, tuple[Incoming, Annotation]] = {}
    for inc in incoming:
        if inc.doc_id is None:
            found = tokens.get(tuple(inc.tokens), [])
            if len(found) != 1:
                first = " ".join(inc.tokens[:8])
                reading.problem(inc.where, f"its tokens ({first!r}...) match "
                                + (f"several documents: {', '.join(found)}" if found else
                                   f"no document of {corpus.seeds_dir} (tokenised the margin way)"))
                continue
            doc_id = found[0]
        else:
            doc_id = inc.doc_id
            if doc_id not in ids:
                reading.problem(inc.where, f"no document {doc_id!r} in {corpus.seeds_dir}; add the article first "
                                           f"('margin add {inc.text_path or doc_id + '.txt'}')")
                continue
        if doc_id in out:
            reading.problem(inc.where, f"document {doc_id!r} again (first in {out[doc_id][0].where}); "
                                       "import one annotator's work at a time")
            continue
        doc = corpus.document(doc_id)
        theirs = sha256_text(inc.text) if inc.text is not None else inc.sha256
        if theirs is not None and theirs != doc.sha256:
            reading.problem(inc.where, f"the text of {doc_id!r} in {inc.text_path or inc.where} differs from "
                                       f"{doc.path} (sha256 {theirs[:12]}... vs {doc.sha256[:12]}...)")
            continue
        ann = to_annotation(inc, doc, annotator, reading)
        if ann is not None:
            out[doc_id] = (inc, ann)
            dest = corpus.annotation_path(doc_id, annotator)
            if dest.exists() and not force:
                reading.problem(str(dest), "exists; use --force to replace it")
    if not incoming and not reading.problems:
        reading.problems.append(f"{path}: nothing to import (no {fmt} documents found)")
    if reading.problems:
        raise ValidationError(sorted(reading.problems, key=_file_line))
    written = []
    for doc_id in sorted(out):
        dest = corpus.annotation_path(doc_id, annotator)
        store.save(dest, out[doc_id][1], store.fingerprint(dest), force=force)
        written.append((dest, out[doc_id][1]))
    return written

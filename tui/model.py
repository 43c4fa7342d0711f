"""The annotation model: plain dataclasses, no I/O, no Textual."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

FORMAT = "margin/2"  # the current version: margin/1 plus an optional ``decisions`` section
FORMAT_V1 = "margin/1"  # still written for files without decisions (docs/format.md)
FORMATS = (FORMAT_V1, FORMAT)
REJECTED = "rejected"
DECISIONS = (REJECTED,)
STATUSES = ("in_progress", "done")
CONTEXT = 32  # characters of prefix/suffix kept for re-anchoring

#: Anchor flags a span can carry after the document text changed.
FLAG_MOVED = "moved"  # found again at another place (exact quote)
FLAG_FUZZY = "fuzzy"  # found again only approximately: check it
FLAG_LOST = "lost"  # could not be placed: offsets are the old ones, check it
FLAGS = (FLAG_MOVED, FLAG_FUZZY, FLAG_LOST)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Span:
    id: str
    label: str
    start: int
    end: int
    text: str
    prefix: str = ""
    suffix: str = ""
    attrs: dict = field(default_factory=dict, compare=True, hash=False)
    note: str | None = None
    source: str | None = None  # e.g. "suggest" for an accepted suggestion
    origin: tuple[str, ...] = ()  # gold only: annotators this span came from
    edited: bool = False  # gold only: changed by the adjudicator
    flag: str | None = None  # anchor flag (moved | fuzzy | lost)

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def with_(self, **changes) -> "Span":
        return replace(self, **changes)


_new = object.__new__


def span_of(id: str, label: str, start: int, end: int, text: str, prefix: str, suffix: str, attrs: dict,
            note: str | None, source: str | None, origin: tuple[str, ...], edited: bool, flag: str | None) -> Span:
    """``Span(...)`` with every field given, for readers that build thousands of spans: a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; this
    fills the instance dict directly, about four times faster and as compact. Equal to
    ``Span(...)`` in every way (tests/test_canonical.py checks it field by field)."""
    span = _new(Span)
    d = span.__dict__
    d["id"] = id
    d["label"] = label
    d["start"] = start
    d["end"] = end
    d["text"] = text
    d["prefix"] = prefix
    d["suffix"] = suffix
    d["attrs"] = attrs
    d["note"] = note
    d["source"] = source
    d["origin"] = origin
    d["edited"] = edited
    d["flag"] = flag
    return span


@dataclass(frozen=True)
class Relation:
    id: str
    label: str
    source: str  # "from" in the file
    target: str  # "to" in the file


@dataclass(frozen=True)
class Decision:
    """A review decision kept in a gold file (format margin/2): a span place (``start``,
    ``end``, ``label``) or a relation (``label``, ``source``, ``target`` span ids) the
    adjudicator rejected, with an optional reason."""

    label: str
    start: int | None = None
    end: int | None = None
    source: str | None = None  # "from" in the file (relations)
    target: str | None = None  # "to" in the file
    reason: str | None = None
    decision: str = REJECTED

    @property
    def is_span(self) -> bool:
        return self.start is not None

    @property
    def key(self) -> tuple:
        """What the decision is about: (start, end, label) or (label, from id, to id)."""
        return (self.start, self.end, self.label) if self.is_span else (self.label, self.source, self.target)


def decision_order(d: Decision) -> tuple:
    if d.is_span:
        return (0, d.start, d.end, d.label, (), ())
    return (1, 0, 0, d.label, _id_order(d.source or ""), _id_order(d.target or ""))


def format_of(ann: "Annotation") -> str:
    """The version a file needs: margin/1 unless it keeps decisions (so files without them
    stay byte-identical and readable by margin/1 readers)."""
    return FORMAT if ann.decisions else FORMAT_V1


def make_span(doc_text: str, id: str, label: str, start: int, end: int, **kw) -> Span:
    """A span over ``doc_text[start:end]`` with its quote and context filled in."""
    return Span(
        id=id,
        label=label,
        start=start,
        end=end,
        text=doc_text[start:end],
        prefix=doc_text[max(0, start - CONTEXT) : start],
        suffix=doc_text[end : end + CONTEXT],
        **kw,
    )


@dataclass
class Annotation:
    """One annotator's work on one document."""

    doc_id: str
    sha256: str
    chars: int
    annotator: str
    status: str = "in_progress"
    updated: str = ""
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # gold files, margin/2

    @classmethod
    def new(cls, doc: "Document", annotator: str) -> "Annotation":
        return cls(doc.id, doc.sha256, len(doc.text), annotator)

    def sorted(self) -> "Annotation":
        """A copy with spans and relations in the canonical order."""
        return replace(
            self,
            spans=in_span_order(self.spans),
            relations=sorted(self.relations, key=lambda r: (_id_order(r.id), r.source, r.target)),
            decisions=sorted(self.decisions, key=decision_order),
        )

    def span_by_id(self) -> dict[str, Span]:
        return {s.id: s for s in self.spans}



def span_order(s: Span) -> tuple:
    return (s.start, s.end, s.label, _id_order(s.id))


def in_span_order(spans: list[Span]) -> list[Span]:
    """``spans`` sorted by ``span_order``. A file margin wrote is in that order already:
    one pass over (start, end, label) finds it so, where the sort would build an id key
    for each of 5,000 spans."""
    prev: tuple | None = None
    for s in spans:
        key = (s.start, s.end, s.label)
        if prev is not None and key <= prev:  # out of order, or a tie only ids can break
            return sorted(spans, key=span_order)
        prev = key
    return list(spans)


def _id_order(id: str) -> tuple:
    head = id.rstrip("0123456789")
    tail = id[len(head) :]
    return (head, int(tail) if tail else -1, id)


class IdAllocator:
    """The one source of new ids ``<prefix><N>``: spans ``s<N>``, relations ``r<N>``, and
    any other family (suggestions ``g<N>``, brat's ``T<N>``). It never hands out an id
    taken when it was made, nor one it handed out before, even after that span or
    relation was deleted.

    N is one more than the highest N taken with that prefix (ids keep the order of their
    making), or with ``fill_gaps`` the lowest N free (imports numbering what has no id).
    """

    def __init__(self, taken: Iterable[str] = (), *, fill_gaps: bool = False):
        self._taken = set(taken)
        self._fill_gaps = fill_gaps
        self._last: dict[str, int] = {}

    @classmethod
    def of(cls, annotation: "Annotation") -> "IdAllocator":
        """Ids new to ``annotation`` (its spans and relations share one namespace)."""
        return cls([*(s.id for s in annotation.spans), *(r.id for r in annotation.relations)])

    def new(self, prefix: str) -> str:
        n = self._last.get(prefix)
        if n is None:
            n = 0 if self._fill_gaps else self._highest(prefix)
        while True:
            n += 1
            id = f"{prefix}{n}"
            if id not in self._taken:
                break
        self._last[prefix] = n
        self._taken.add(id)
        return id

    def _highest(self, prefix: str) -> int:
        """The highest N of a taken id ``<prefix><N>`` (0: none)."""
        tails = (i[len(prefix):] for i in self._taken if i.startswith(prefix))
        return max((int(t) for t in tails if t.isascii() and t.isdigit()), default=0)

    def span(self) -> str:
        return self.new("s")

    def relation(self) -> str:
        return self.new("r")


@dataclass
class Document:
    id: str
    text: str
    path: str = ""
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _sha: str | None = field(default=None, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        if self._sha is None:
            self._sha = sha256_text(self.text)
        return self._sha

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line starts (after \\n)."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def line_of(self, offset: int) -> int:
        """0-based line number holding ``offset``; O(log n)."""
        return bisect_right(self.line_starts, offset) - 1

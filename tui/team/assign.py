"""Who annotates what: a balanced, seeded assignment of documents to annotators.

Pure core (no Textual). :func:`distribute` spreads documents over annotators so that every
document goes to ``per_doc`` annotators (or a fraction ``overlap`` of them to two, the rest
to one), nobody gets a document twice, loads differ by at most one and pairs share
documents as evenly as the greedy allows; the same inputs and seed give the same result.
The assignments live in ``CORPUS/assignments.yaml``, one document a line, sorted, so a
change is a small diff (docs/team.md)::

    # margin assignments: document -> annotators (margin assign writes this file)
    format: margin-assignments/1
    documents:
      doc001: [alice, bob]
      doc002: [carol]

:func:`next_assigned` and :func:`picker_entries` tell the annotate command and the document
picker what an annotator should work on next.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import yaml

from tui.corpus import GOLD, NAME_RE, Corpus, check_name
from tui.errors import DataError, ValidationError
from tui.display import safe_repr
from tui.team import status
from tui.store.yamlio import compose_checked, scalar

FILE = "assignments.yaml"
FORMAT = "margin-assignments/1"
HEADER = "# margin assignments: document -> annotators (margin assign writes this file)\n"

Assignments = dict[str, tuple[str, ...]]  # doc id -> annotators


def copies(n_docs: int, n_annotators: int, per_doc: int = 1, overlap: float | None = None,
           rng: random.Random | None = None) -> list[int]:
    """How many annotators each of ``n_docs`` documents gets (in document order).

    ``overlap`` (0-1) gives that fraction of the documents (rounded) two annotators and the
    rest one, chosen at random with ``rng``; otherwise every document gets ``per_doc``."""
    if overlap is not None:
        if not 0 <= overlap <= 1:
            raise DataError(f"overlap must be a fraction from 0 to 1, got {overlap}")
        if overlap > 0 and n_annotators < 2:
            raise DataError("an overlap needs at least two annotators")
        shared = round(overlap * n_docs)
        chosen = set((rng or random.Random(0)).sample(range(n_docs), shared))
        return [2 if i in chosen else 1 for i in range(n_docs)]
    if not 1 <= per_doc <= n_annotators:
        raise DataError(f"cannot give each document to {per_doc} of {n_annotators} annotator(s): "
                        f"use 1 to {n_annotators}")
    return [per_doc] * n_docs


def distribute(doc_ids: Sequence[str], annotators: Sequence[str], per_doc: int = 1,
               overlap: float | None = None, seed: int = 0) -> Assignments:
    """Assign ``doc_ids`` to ``annotators`` (see the module doc). Raises DataError."""
    names = [check_name(a, "annotator name") for a in annotators]
    if not names:
        raise DataError("name at least one annotator, e.g. margin assign alice bob")
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise DataError(f"annotator {dup!r} is named twice")
    if GOLD in names:
        raise DataError("gold is what margin review writes; it cannot be assigned documents")
    rng = random.Random(seed)
    docs = list(dict.fromkeys(doc_ids))
    counts = copies(len(docs), len(names), per_doc, overlap, rng)
    order = list(range(len(docs)))
    rng.shuffle(order)
    order.sort(key=lambda i: -counts[i])  # shared documents first: they shape the pairs
    load = dict.fromkeys(names, 0)
    pairs = {frozenset(p): 0 for p in combinations(names, 2)}
    tie = {n: rng.random() for n in names}
    rank = {n: k for k, n in enumerate(names)}
    out: dict[str, tuple[str, ...]] = {}
    for i in order:
        chosen: list[str] = []
        for _ in range(counts[i]):
            best = min((n for n in names if n not in chosen),
                       key=lambda n: (load[n], sum(pairs[frozenset((n, c))] for c in chosen), tie[n]))
            chosen.append(best)
        for n in chosen:
            load[n] += 1
            tie[n] = rng.random()
        for p in combinations(chosen, 2):
            pairs[frozenset(p)] += 1
        out[docs[i]] = tuple(sorted(chosen, key=rank.__getitem__))
    return {d: out[d] for d in docs}


def merge(existing: Mapping[str, tuple[str, ...]], new: Mapping[str, tuple[str, ...]]) -> Assignments:
    """``existing`` with ``new`` added (new entries win), sorted by document id."""
    both = {**existing, **new}
    return {d: tuple(both[d]) for d in sorted(both)}


def loads(assignments: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Documents per annotator."""
    out: dict[str, int] = {}
    for names in assignments.values():
        for n in names:
            out[n] = out.get(n, 0) + 1
    return out


def for_annotator(assignments: Mapping[str, Iterable[str]], annotator: str) -> list[str]:
    """The documents assigned to ``annotator``, in document order."""
    return [d for d, names in sorted(assignments.items()) if annotator in names]


# --------------------------------------------------------------------------- the file


def dumps(assignments: Mapping[str, Iterable[str]]) -> str:
    lines = [HEADER, f"format: {FORMAT}\n"]
    if not assignments:
        lines.append("documents: {}\n")
    else:
        lines.append("documents:\n")
        for d in sorted(assignments):
            lines.append(f"  {scalar(d)}: [{', '.join(scalar(n) for n in assignments[d])}]\n")
    return "".join(lines)


def parse(text: str, path: str = FILE) -> Assignments:
    """Read an assignments file; raise ValidationError with ``path:line: problem`` lines."""
    root = compose_checked(text, path)  # aliases refused before anything walks the tree
    problems: list[str] = []

    def err(node, msg: str) -> None:
        problems.append(f"{path}:{node.start_mark.line + 1 if node is not None else 1}: {msg}")

    def plain(node) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            return node.value
        return None

    if not isinstance(root, yaml.MappingNode):
        raise ValidationError([f"{path}:1: expected a mapping with 'format' and 'documents'"])
    top: dict[str, yaml.Node] = {}
    for k, v in root.value:
        key = plain(k)
        if key not in ("format", "documents") or key in top:
            err(k, f"unexpected key {safe_repr(k.value if isinstance(k, yaml.ScalarNode) else '…')} (expected: format, documents)" if key not in ("format", "documents")
                else f"duplicate key {key!r}")
            continue
        top[key] = v
    if plain(top.get("format")) != FORMAT:
        err(top.get("format", root), f"format must be {FORMAT}")
    out: dict[str, tuple[str, ...]] = {}
    docs = top.get("documents")
    if docs is None or not isinstance(docs, yaml.MappingNode):
        err(docs if docs is not None else root, "documents must be a mapping of document id -> [annotators]")
        raise ValidationError(problems)
    for k, v in docs.value:
        doc = plain(k)
        if doc is None or not NAME_RE.fullmatch(doc):
            err(k, f"invalid document id {k.value if isinstance(k, yaml.ScalarNode) else '…'!r}")
            continue
        if doc in out:
            err(k, f"document {doc!r} is listed twice")
            continue
        if not isinstance(v, yaml.SequenceNode):
            err(v, f"{doc}: expected a list of annotators, e.g. [alice, bob]")
            continue
        names: list[str] = []
        for n in v.value:
            name = plain(n)
            if name is None or not NAME_RE.fullmatch(name) or name == GOLD:
                err(n, f"{doc}: invalid annotator name {getattr(n, 'value', '…')!r}")
            elif name in names:
                err(n, f"{doc}: annotator {name!r} is listed twice")
            else:
                names.append(name)
        out[doc] = tuple(names)
    if problems:
        raise ValidationError(problems)
    return out


def load(corpus: Corpus) -> Assignments:
    """The corpus's assignments ({} when it has no assignments file)."""
    path = corpus.root / FILE
    if not path.is_file():
        return {}
    from tui.store import read_file

    text, _ = read_file(path)
    return parse(text, str(path))


def save(corpus: Corpus, assignments: Mapping[str, Iterable[str]]) -> Path:
    from tui.store import atomic_write

    path = corpus.root / FILE
    atomic_write(path, dumps(assignments).encode("utf-8"))
    return path


# --------------------------------------------------------------------------- what next

NEW, IN_PROGRESS, DONE = status.NEW, status.IN_PROGRESS, status.DONE


@dataclass(frozen=True)
class PickerEntry:
    """One row of the document picker: ``assigned`` rows come first."""

    doc_id: str
    assigned: bool
    status: str  # new | in_progress | done | unreadable (tui.team.status)
    spans: int = 0


def picker_entries(corpus: Corpus, annotator: str, doc_ids: Sequence[str],
                   assignments: Mapping[str, Iterable[str]] | None = None) -> list[PickerEntry]:
    """The picker's rows: the annotator's assigned documents first (unfinished ones before
    finished ones, each in document order), then the others in document order."""
    if assignments is None:
        assignments = load(corpus)
    states = status.statuses(corpus, annotator, doc_ids)
    rows = [PickerEntry(d, annotator in assignments.get(d, ()), states[d].status, states[d].spans)
            for d in doc_ids]
    return sorted(rows, key=lambda r: (not r.assigned, r.assigned and r.status == DONE))


def progress(entries: Iterable[PickerEntry]) -> tuple[int, int]:
    """(assigned documents done, assigned documents) for the picker's title."""
    mine = [e for e in entries if e.assigned]
    return sum(e.status == DONE for e in mine), len(mine)


def next_assigned(corpus: Corpus, annotator: str,
                  assignments: Mapping[str, Iterable[str]] | None = None) -> str | None:
    """The annotator's next assigned unfinished document (one in progress first), or None."""
    if assignments is None:
        assignments = load(corpus)
    known = set(corpus.doc_ids())
    mine = [d for d in for_annotator(assignments, annotator) if d in known]
    states = status.statuses(corpus, annotator, mine)
    for want in ((IN_PROGRESS, status.UNREADABLE), (NEW,)):
        for d in mine:
            if states[d].status in want:
                return d
    return None

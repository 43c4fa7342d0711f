"""``margin suggest`` over many documents: one function per document for ``tui.batch``.

Pure core (no Textual). The driver decides what is the same for every document (the
labels, the corpus's extra actors, the conventions: a :class:`Plan`); a worker runs
:func:`suggest_document` on ``(plan, doc_id)`` and returns the lines to print or the bytes
to write, never writing itself: ``margin suggest --write`` writes every file or none, after
the map, in one transaction. The model is loaded once per process from the corpus (the
driver's own copy is reused in this process and in forked ones).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.store.files import Fingerprint
from tui.suggest.conventions import Conventions

_MODELS: dict[str, object] = {}  # corpus root -> its model (None: none), per process


@dataclass(frozen=True)
class Plan:
    root: str
    annotator: str
    labels: tuple[str, ...]
    extra: dict = field(hash=False)
    conventions: Conventions = field(hash=False)
    rules_only: bool = False
    write: bool = False
    updated: str = ""  # the time every written file records (``tui.batch.batch_time``)
    habits: object = field(default=None, hash=False)  # tui.suggest.habits.Habits: the team's attribute values
    selection: object = field(default=None, hash=False)  # tui.suggest.selection.Selection: which actors it tags
    entities: object = field(default=None, hash=False)  # tui.suggest.entities.Entities: a spaCy pipeline's, or None


@dataclass
class Outcome:
    """One document's result: ``lines`` to print (or the report line of a write) and, for
    ``--write``, the new file's bytes (None: nothing to add) with the fingerprint read."""

    doc_id: str
    lines: list[str]
    path: str = ""
    data: bytes | None = None
    fingerprint: Fingerprint | None = None


def remember_model(root: str, model) -> None:
    """The driver's model, for this process (and forked workers) to use as it is."""
    _MODELS[root] = model


def _model(plan: Plan):
    if plan.rules_only:
        return None
    if plan.root not in _MODELS:
        from tui.corpus import Corpus
        from tui.suggest.learn import load_model

        _MODELS[plan.root] = load_model(Corpus(Path(plan.root)))[0]
    return _MODELS[plan.root]


def suggest_document(task: tuple[Plan, str]) -> Outcome:
    """Suggestions for one document: printed lines, or the merged file's bytes for --write."""
    from tui import store
    from tui.corpus import Corpus
    from tui.suggest import merge, suggest

    plan, doc_id = task
    corpus = Corpus(Path(plan.root))
    doc = corpus.document(doc_id)
    sugg = suggest(doc.text, corpus.schema, list(plan.labels), plan.extra, plan.conventions, _model(plan),
                   plan.habits, plan.selection, plan.entities)
    if not plan.write:
        return Outcome(doc_id, _listing(doc_id, sugg, plan.labels))
    path = corpus.annotation_path(doc_id, plan.annotator)
    loaded = store.load_or_new(path, corpus.schema, doc, plan.annotator)
    merged, n_spans, n_rels = merge(loaded.annotation, sugg, plan.updated or None)
    data = store.dumps(merged).encode("utf-8") if n_spans or n_rels else None
    line = (f"{doc_id}: added {n_spans} span(s) and {n_rels} relation(s) to {path} "
            f"({len(sugg.spans) - n_spans} already there)")
    return Outcome(doc_id, [line], str(path), data, loaded.fingerprint)


def _listing(doc_id: str, sugg, labels) -> list[str]:
    counts = ", ".join(f"{sum(s.label == lab for s in sugg.spans)} {lab}" for lab in labels)
    lines = [f"{doc_id}: {len(sugg.spans)} suggestion(s) ({counts}), {len(sugg.relations)} relation(s)"]
    lines += [describe(s, sugg.sources.get(s.id, "rules"), sugg.confidence.get(s.id)) for s in sugg.spans]
    lines += [f"  {r.id:<5} {r.label} {r.source} -> {r.target}" for r in sugg.relations]
    return lines


def describe(span, source: str = "rules", confidence: float | None = None) -> str:
    """One suggestion as a line of ``margin suggest``'s listing."""
    from tui.display import one_line

    text = span.text if len(span.text) <= 70 else span.text[:67] + "..."
    attrs = " ".join(f"{k}={v}" for k, v in span.attrs.items())
    conf = f" {confidence:.2f}" if confidence is not None else "     "
    return one_line(f"  {span.id:<5} {span.label:<7} {span.start:>6}-{span.end:<6} {source:<5}{conf} {text!r}"
                    + (f"  {attrs}" if attrs else ""))

"""Learning from the corpus: its boundary conventions and a CRF model for every label of
the schema in force. Pure core (no Textual); every function here may run in a worker.

For the annotate screen::

    sg = Suggester.for_corpus(corpus)          # reads margin.yaml, the model, the guidelines
    sg.warnings                                # one-line problems (stale model, ...) to show
    s = sg.suggest(text)                       # Suggestions; s.sources / s.confidence by span id
    sg.least_sure_sentence(text, after, spans) # (start, end) of the sentence to visit next
    model = retrain(corpus, isolated=True)     # after saves: trains in a child process

and ``margin learn`` / ``margin suggest --explain`` on the command line. See docs/suggest.md.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus import GOLD, Corpus, load_settings
from tui.errors import DataError
from tui.store.files import file_limit, read_limited
from tui.model import now_utc
from tui.schema import Schema
from tui.suggest import SOURCE, Suggestions, corpus_actors, suggest
from tui.suggest.conventions import NAMES, Conventions, Guidelines, decide_conventions, infer, parse_pins, word
from tui.suggest import selection
from tui.suggest.entities import Entities, corpus_entities
from tui.suggest.habits import Habits, learn
from tui.suggest.selection import Selection
from tui.suggest.model.crf import Example, Model, MissingCRF, crfsuite, fill_found, rule_spans, train
from tui.suggest.model.modelfile import ModelError, ModelRefused, load, model_dir, save, schema_hash
from tui.suggest.model.policy import decide

MACHINE = ("suggest",)  # annotators whose files are machine output, never learned from
#: without a model, a screen infers the conventions from at most this many annotated
#: documents (spread over the corpus): opening a document costs the same in a corpus of
#: 30 documents or of 10,000 (``margin learn`` reads them all)
SAMPLE_DOCS = 30


@dataclass
class Training:
    """What the corpus teaches: its annotated examples and where they came from."""

    examples: list[Example]
    files: list[dict]  # {"path": corpus-relative, "sha256": file's}
    source: str  # "gold", "every annotator", "gold, else every annotator" or the names asked for
    problems: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)  # in_progress files (corpus-relative) left out
    notes: list[str] = field(default_factory=list)  # what was learned from and why, one line each
    annotations: list = field(default_factory=list)  # the Annotation of each example


def training(corpus: Corpus, annotators: list[str] | None = None, unfinished: bool = False) -> Training:
    """Annotated documents to learn from: for each document its adjudicated ``gold`` file
    if it has one, else every annotator's (the machine ``suggest`` file excepted); or only
    ``annotators``'. Only finished files (``status: done``) teach, unless ``unfinished``
    or no file is finished yet: then unfinished ones teach up to their last span, and
    ``notes`` names them and says why. Unreadable files are skipped and listed in
    ``problems``."""
    from tui.dataset import load_items

    files = corpus.annotation_files()
    gold_docs = {p.parent.name for p in files if p.stem == GOLD}
    if annotators:
        wanted, source = set(annotators), ", ".join(annotators)
    else:
        wanted = {p.stem for p in files} - set(MACHINE)
        others = {p.parent.name for p in files if p.stem not in MACHINE} - gold_docs
        source = ("gold, else every annotator" if gold_docs and others else "gold" if gold_docs
                  else "every annotator")
    items, problems = load_items(corpus, annotators=sorted(wanted), strict=False, jobs=1) if wanted else ([], [])
    if not annotators:
        items = [it for it in items if it.annotator == GOLD or it.doc.id not in gold_docs]
    items = [it for it in items if any(s.flag != "lost" for s in it.annotation.spans)]
    done = [it for it in items if it.annotation.status == "done"]
    rest = [it for it in items if it.annotation.status != "done"]
    rel = lambda it: it.path.relative_to(corpus.root).as_posix()  # noqa: E731
    notes = []
    if rest and (unfinished or not done):
        why = "asked for (--unfinished)" if unfinished else "no file is finished yet"
        notes.append(f"learned from {len(rest)} unfinished file(s) up to their last span ({why}): "
                     + ", ".join(rel(it) for it in rest))
        used, left_out = done + rest, []
    else:
        used, left_out = done, [rel(it) for it in rest]
        if left_out:
            notes.append(f"left out {len(left_out)} unfinished file(s) (mark them done, or "
                         "`margin learn --unfinished`): " + ", ".join(left_out))
    return Training([_example(it) for it in used], [_file_entry(it, rel(it)) for it in used], source,
                    problems, left_out, notes, [it.annotation for it in used])


def _example(it) -> Example:
    spans = [(s.start, s.end, s.label) for s in it.annotation.spans if s.flag != "lost"]
    done = it.annotation.status == "done"
    return Example(it.doc.text, spans, None if done else max(e for _, e, _ in spans))


def _file_entry(it, path: str) -> dict:
    import hashlib

    return {"path": path, "sha256": hashlib.sha256(read_limited(it.path, file_limit(None))).hexdigest()}


def guidelines(corpus: Corpus, data: Training | None = None, model: Model | None = None,
               runner=None) -> Guidelines:
    """The conventions in force: margin.yaml's pins over what the annotations show over the
    rules' defaults. With a ``model``, what the annotations showed when it was trained
    (saved with it: no need to run the rules over every annotated document again); without,
    the rules run over every annotated document through ``runner`` (``tui.batch.Runner``,
    None: here). DataError (one line) for a bad ``suggest.conventions`` section."""
    pins = parse_pins(load_settings(corpus.root), str(corpus.root / "margin.yaml"))
    saved = model.meta.get("guidelines") if model is not None else None
    if model is not None and isinstance(saved, dict):
        try:
            return _saved_guidelines(saved, pins, model.meta.get("created", "?"))
        except (KeyError, TypeError, ValueError):
            pass  # an older or hand-edited model.json: infer afresh
    data = data if data is not None else training(corpus)
    extra = corpus_actors(corpus)
    fill_found(data.examples, extra, runner)
    triples = [(ex.text, [_Span(s, e, lab) for s, e, lab in ex.spans], ex.found(extra)) for ex in data.examples]
    return infer(triples, pins, data.source, extra)


def _saved_guidelines(saved: dict, pins: dict, created: str) -> Guidelines:
    """The guidelines saved with a model: its votes decided again (``conventions.decide_conventions``)
    under today's pins."""
    counts = {n: [0, 0] for n in NAMES}
    for name, (_value, _source, vin, vout) in saved["findings"].items():
        if name in NAMES:
            counts[name] = [int(vin), int(vout)]
    findings = decide_conventions(counts, pins)
    conv = Conventions(**{n: f.value for n, f in findings.items()})
    return Guidelines(conv, findings, int(saved["documents"]),
                      f"{saved['source']}, as when the model was trained {created}")


def _save_guidelines(g: Guidelines) -> dict:
    return {"documents": g.documents, "source": g.source,
            "findings": {n: [word(f.value), f.source, f.votes_in, f.votes_out] for n, f in g.findings.items()}}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str


def _rules_f1(data: Training, g: Guidelines, labels: list[str], extra) -> dict[str, float]:
    """Exact span F1 of the rules (cut to ``g``) against the training annotations."""
    tp = {lab: 0 for lab in labels}
    n = {lab: 0 for lab in labels}
    for ex in data.examples:
        upto = ex.upto if ex.upto is not None else len(ex.text)
        got = {(s, e, lab) for lab, spans in rule_spans(ex.found(extra), g.conventions).items()
               for s, e in spans if s < upto}
        want = set(ex.spans)
        for lab in labels:
            w = {k for k in want if k[2] == lab}
            p = {k for k in got if k[2] == lab}
            tp[lab] += 2 * len(w & p)
            n[lab] += len(w) + len(p)
    return {lab: round(tp[lab] / n[lab], 3) if n[lab] else 0.0 for lab in labels}


def retrain(corpus: Corpus, annotators: list[str] | None = None, isolated: bool = False,
            progress=None, runner=None, unfinished: bool = False, data: Training | None = None,
            inferred: Guidelines | None = None) -> Model | None:
    """Train the conventions and a model for every label of the schema that has annotated
    spans, write it into the corpus (atomically) and return it (None: nothing to learn
    from). ``isolated`` trains in a child process (crfsuite holds the GIL while it trains:
    use it from an app's worker thread) and loads the result here. ``runner``
    (``tui.batch.Runner``): where the rules' mentions and the features are found.
    ``data``: ``training(corpus, annotators, unfinished)`` when the caller has it (and
    maybe its mentions found) already, ``inferred``: ``guidelines(corpus, data)`` likewise.
    Raises DataError with a one-line message (e.g.
    python-crfsuite missing)."""
    if isolated:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            written = pool.submit(_retrain_child, str(corpus.root), annotators, unfinished).result()
        return load(corpus.root, corpus.schema) if written else None
    try:
        crfsuite()
    except MissingCRF as e:
        raise DataError(str(e)) from None
    t0 = time.perf_counter()
    data = data if data is not None else training(corpus, annotators, unfinished)
    if not data.examples:
        return None
    schema = corpus.schema
    extra = corpus_actors(corpus)
    g = inferred if inferred is not None else guidelines(corpus, data, runner=runner)
    labels = list(schema.labels)
    blobs = train(data.examples, labels, g.conventions, extra, progress=progress, runner=runner)
    rule_labels: list[str] = [lab for lab in ("ACTOR", "FIGURE", "CLAIM") if lab in blobs]
    rules_f1 = _rules_f1(data, g, rule_labels, extra) if rule_labels else {}
    decided = decide(data.examples, rule_labels, g.conventions, extra) if rule_labels else {}
    counts = {lab: sum(lb == lab for ex in data.examples for _, _, lb in ex.spans) for lab in blobs}
    h = habits_of(data, g.conventions, extra, schema)
    sel = selection.of_examples(data.examples, g.conventions, extra)
    ents, _why = corpus_entities(corpus, data)
    meta = {
        "created": now_utc(),
        "schema_sha256": schema_hash(schema),
        "source": data.source,
        "trained_on": data.files,
        "left_out": data.unfinished,
        "conventions": {n: word(f.value) for n, f in g.findings.items()},
        "guidelines": _save_guidelines(g),
        "habits": h.to_json(),
        "selection": sel.to_json(),
        **({"entities": ents.to_json()} if ents is not None else {}),
        "labels": {lab: {"spans": counts[lab],
                         **({"rules_f1": rules_f1[lab]} if lab in rules_f1 else {}),
                         **decided.get(lab, {"policy": "model"})}
                   for lab in blobs},
        "seconds": round(time.perf_counter() - t0, 2),
    }
    save(corpus.root, blobs, meta)
    return load(corpus.root, schema)


def habits_of(data: Training, conventions: Conventions, extra, schema: Schema) -> Habits:
    """The team's attribute habits: each annotated span next to what the rules (cut to
    ``conventions``) or, for a FIGURE, the figure reader say over the same words."""
    from tui.suggest.figure_reader import read_figure

    pairs = []
    for ex, ann in zip(data.examples, data.annotations):
        upto = ex.upto if ex.upto is not None else len(ex.text)
        found = ex.found(extra)
        rules: dict[str, list] = {}
        for lab, items in found.items():
            for m in items:
                s, e = m.span(conventions)
                rules.setdefault(lab, []).append((s, e, _rule_attrs(lab, m)))
        for sp in ann.spans:
            if sp.start >= upto or sp.flag == "lost" or sp.label not in schema.labels:
                continue
            if sp.label == "FIGURE":
                pairs.append((read_figure(ex.text, sp.start, sp.end) or None, sp))
                continue
            near = [r for r in rules.get(sp.label, ()) if r[0] < sp.end and sp.start < r[1]]
            best = max(near, key=lambda r: (r[:2] == (sp.start, sp.end), min(r[1], sp.end) - max(r[0], sp.start)),
                       default=None)
            pairs.append((best[2] if best else None, sp))
    return learn(pairs, schema)


def _rule_attrs(label: str, m) -> dict:
    if label == "ACTOR":
        return {"type": m.type}
    if label == "CLAIM":
        return {"status": m.status}
    return {"value": m.value, "unit": m.unit, "qualifier": m.qualifier}


def corpus_habits(corpus: Corpus, g: Guidelines, data: Training | None = None,
                  model: Model | None = None) -> Habits:
    """The habits saved with ``model`` (when it has them), else learned from the
    annotations afresh."""
    saved = model.meta.get("habits") if model is not None else None
    if isinstance(saved, dict):
        try:
            return Habits.from_json(saved)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # an older or hand-edited model.json: learn afresh
    data = data if data is not None else training(corpus.sample(SAMPLE_DOCS))
    return habits_of(data, g.conventions, corpus_actors(corpus), corpus.schema)


def corpus_selection(corpus: Corpus, g: Guidelines, data: Training | None = None,
                     model: Model | None = None) -> Selection:
    """Which actor candidates the team tags: saved with ``model`` (when it has it), else
    learned from the annotations afresh (``tui.suggest.selection``)."""
    saved = selection.from_saved(model.meta.get("selection")) if model is not None else None
    if saved is not None:
        return saved
    data = data if data is not None else training(corpus.sample(SAMPLE_DOCS))
    return selection.of_examples(data.examples, g.conventions, corpus_actors(corpus))


def _retrain_child(root: str, annotators, unfinished: bool = False) -> bool:
    return retrain(Corpus(Path(root)), annotators, unfinished=unfinished) is not None


def load_model(corpus: Corpus) -> tuple[Model | None, str | None]:
    """(the corpus's model or None, a one-line reason it was ignored or None). Never raises
    for a bad model file."""
    try:
        return load(corpus.root, corpus.schema), None
    except ModelError as e:
        return None, str(e)


def least_sure_sentence(text: str, model: Model | None, after_offset: int = 0,
                        annotated: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """The sentence (start, end) the model is least sure about among those holding no
    ``annotated`` span, searching after ``after_offset`` first, then from the top. None when
    there is no model or every sentence holds a span."""
    if model is None or not model.taggers:
        return None
    spans = sorted(annotated)
    best_after = best_any = None
    k = 0
    for s, e, d in model.doubt(text):
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] < e:
            continue
        if best_any is None or d > best_any[2]:
            best_any = (s, e, d)
        if s >= after_offset and (best_after is None or d > best_after[2]):
            best_after = (s, e, d)
    best = best_after or best_any
    return (best[0], best[1]) if best else None


def model_status(corpus: Corpus, model: Model | None, warning: str | None = None) -> list[str]:
    """Lines saying what the model is: trained when, on what, per label, and whether the
    annotations changed since (then `margin learn` again)."""
    import hashlib

    if model is None:
        return [warning] if warning else [f"model: none in {model_dir(corpus.root)} (run `margin learn`)"]
    meta = model.meta
    files = meta.get("trained_on") or []
    lines = [f"model: trained {meta.get('created', '?')} on {len(files)} file(s) ({meta.get('source', '?')})"
             + (f" in {meta['seconds']} s" if "seconds" in meta else "")]
    for lab, info in meta.get("labels", {}).items():
        rf = f", rules F1 {info['rules_f1']:.2f} on them" if "rules_f1" in info else ""
        if info.get("cv_rules_f1") is not None:
            rf += f"; held out: rules first {info['cv_rules_f1']:.2f}"
            if info.get("cv_vetted_f1") is not None:
                rf += f", vetted {info['cv_vetted_f1']:.2f}"
            rf += f", model first {info['cv_model_f1']:.2f}"
        who = {"rules": "rules first", "vetted": "rules vetted by the model"}.get(info.get("policy", ""), "model first")
        lines.append(f"  {lab:<10} {info.get('spans', 0)} span(s){rf}: {who}")
    changed = 0
    for f in files:
        p = corpus.root / (f.get("path", "") if isinstance(f, dict) else "")
        try:
            if not isinstance(f, dict) or hashlib.sha256(read_limited(p, file_limit(None))).hexdigest() != f.get("sha256"):
                changed += 1
        except (DataError, OSError):
            changed += 1
    known = {f.get("path") for f in files} | set(meta.get("left_out") or [])
    new = sum(p.relative_to(corpus.root).as_posix() not in known and p.stem not in MACHINE
              for p in corpus.annotation_files())
    if changed or new:
        lines.append(f"  annotations changed since: {changed} file(s) edited or gone, {new} new "
                     "(run `margin learn` to retrain)")
    return lines


@dataclass
class Suggester:
    """Everything suggestions need for one corpus, loaded once (in a worker). With a model,
    the conventions are those it was trained with (pins applied); without one they are
    inferred from the annotations (the rules run over every annotated document)."""

    schema: Schema
    guidelines: Guidelines
    model: Model | None = None
    extra_actors: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    habits: Habits | None = None  # the attribute values the team writes (tui.suggest.habits)
    selection: Selection | None = None  # which actor candidates the team tags (tui.suggest.selection)
    entities: Entities | None = None  # the named spaCy pipeline's entities the team tags (tui.suggest.entities)
    refused: bool = False  # the corpus's model.json was not sealed here: retrain it

    @classmethod
    def for_corpus(cls, corpus: Corpus) -> "Suggester":
        """Never raises for a bad model (it lands in ``warnings``); a bad margin.yaml
        section raises DataError as every command does."""
        refused = False
        try:
            model, warnings = load(corpus.root, corpus.schema), []
        except ModelError as e:
            model, warnings, refused = None, [str(e)], isinstance(e, ModelRefused)
        data = None if model is not None else training(corpus.sample(SAMPLE_DOCS))
        g = guidelines(corpus, data, model=model)
        ents, why = corpus_entities(corpus, data, model)
        return cls(corpus.schema, g, model, corpus_actors(corpus), warnings + ([why] if why else []),
                   corpus_habits(corpus, g, data, model), corpus_selection(corpus, g, data, model), ents, refused)

    def suggest(self, text: str, families=None) -> Suggestions:
        return suggest(text, self.schema, families, self.extra_actors, self.guidelines.conventions, self.model,
                       self.habits, self.selection, self.entities)

    def least_sure_sentence(self, text: str, after_offset: int = 0, annotated=()) -> tuple[int, int] | None:
        return least_sure_sentence(text, self.model, after_offset, annotated)


__all__ = ["Entities", "Example", "Model", "ModelError", "SOURCE", "Suggester", "Training", "guidelines",
           "least_sure_sentence", "load_model", "model_dir", "model_status", "retrain", "training"]

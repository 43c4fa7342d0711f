"""The learned model: one linear-chain CRF (python-crfsuite) per label, BIO over the tokens
of each sentence, so labels may overlap (a CLAIM holding an ACTOR and a FIGURE).

``train`` turns annotated texts into crfsuite model bytes per label; ``Model`` tags a text,
scores the rules' spans, combines both, and measures its own doubt per sentence.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from tui import bio
from tui.suggest.conventions import DEFAULTS, Conventions, keeps
from tui.tokens import token_index
from tui.suggest.model.features import RULE_LABELS, sentence_slices, token_features

#: crfsuite training parameters (L-BFGS with elastic net). On the benchmark corpus F1 stops
#: moving well before 30 iterations; each costs ~35 ms per label on 50 documents.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True}
#: of the sentences with no span of a label and no rule hint of it, one in NEGATIVES is kept
#: to train that label (they teach little past the first few; training time is linear in them)
NEGATIVES = 3
#: under the "vetted" policy a rule span stays only when the model gives it at least this
#: confidence (the mean marginal of its first and last tag)
VETO = 0.5


class MissingCRF(ImportError):
    pass


def crfsuite():
    """The pycrfsuite module, or MissingCRF with the one-line fix."""
    try:
        import pycrfsuite
    except ImportError:
        raise MissingCRF("the learned model needs python-crfsuite: pip install python-crfsuite") from None
    return pycrfsuite


@lru_cache(maxsize=1)
def _quiet_trainer():
    """pycrfsuite's Trainer parses every line of its own training log in Python, even when
    not verbose (~30% of training time here): this one ignores the log."""

    class QuietTrainer(crfsuite().Trainer):
        def message(self, message):
            pass

    return QuietTrainer


@dataclass
class Example:
    """One annotated text: its spans as (start, end, label), and ``upto``: the offset after
    which nothing was annotated yet (an unfinished file), or None for all of it; ``since``:
    the offset before which it teaches nothing (to hold part of a text out)."""

    text: str
    spans: list[tuple[int, int, str]]
    upto: int | None = None
    since: int = 0
    _found: dict | None = field(default=None, repr=False, compare=False)

    def found(self, extra_actors=None) -> dict[str, list]:
        """The rules' mentions of the text (computed once)."""
        if self._found is None:
            self._found = _found(self.text, extra_actors)
        return self._found


def rule_spans(found: dict[str, list], conventions: Conventions) -> dict[str, list[tuple[int, int]]]:
    """{label: spans} of the rules' mentions (``tui.suggest.conventions.mentions``) cut to
    ``conventions``."""
    return {lab: [m.span(conventions) for m in found.get(lab, ()) if keeps(conventions, m)] for lab in RULE_LABELS}


def _found(text: str, extra_actors=None) -> dict[str, list]:
    from tui.suggest.conventions import mentions

    return mentions(text, None, extra_actors)


def found_task(task: tuple[str, dict | None]) -> dict[str, list]:
    """The rules' mentions of one text (``(text, extra actors)``): a map over documents."""
    text, extra_actors = task
    return _found(text, extra_actors)


def fill_found(examples: list[Example], extra_actors=None, runner=None) -> None:
    """Find the rules' mentions of every example not searched yet, through ``runner``
    (``tui.batch.Runner``: local processes, Dask; None: here): the costly part of inferring
    the conventions and of the features (running the rules over every annotated document),
    done once and in parallel before either reads them."""
    from tui.batch import run_map

    texts: dict[str, list[Example]] = {}  # each text once: a document's annotators share it
    for ex in examples:
        if ex._found is None:
            texts.setdefault(ex.text, []).append(ex)
    for same, found in zip(texts.values(), run_map(found_task, [(t, extra_actors) for t in texts], runner)):
        for ex in same:
            ex._found = found


def _sequences(ex: Example, conventions: Conventions, extra_actors=None):
    """(features per sentence, token range per sentence) of an example's annotated part."""
    feats = token_features(ex.text, rule_spans(ex.found(extra_actors), conventions))
    index = token_index(ex.text)
    out = []
    for i, j in sentence_slices(ex.text):
        if ex.upto is not None and index.starts[i] >= ex.upto:
            break
        if index.starts[i] >= ex.since:
            out.append((i, j))
    return feats, out


def prepare(task: tuple[Example, list[str], Conventions, dict | None]) -> tuple:
    """One example's features, sentences, BIO tags per label and rule mentions: the
    feature extraction, a map over documents (``tui.batch``)."""
    ex, labels, conventions, extra_actors = task
    feats, slices = _sequences(ex, conventions, extra_actors)
    index = token_index(ex.text)
    tags = {lab: [t[0] for t in bio.encode(index, [bio.Piece(s, e, lb) for s, e, lb in ex.spans if lb == lab]).tags]
            for lab in labels}  # "B", "I" or "O": one tagger per label
    return feats, slices, tags, ex.found(extra_actors)


def train(examples: list[Example], labels: list[str], conventions: Conventions = DEFAULTS,
          extra_actors=None, params: dict | None = None, progress=None, runner=None) -> dict[str, bytes]:
    """crfsuite model bytes for each of ``labels`` that has at least one span. ``runner``
    (``tui.batch.Runner``): where the features are extracted (local processes, Dask)."""
    from tui.batch import run_map

    crfsuite()  # MissingCRF early, before the features are built
    prepared = []
    tasks = [(ex, labels, conventions, extra_actors) for ex in examples]
    for ex, (feats, slices, tags, found) in zip(examples, run_map(prepare, tasks, runner)):
        ex._found = found  # the rules' mentions, found once wherever the features were made
        prepared.append((feats, slices, tags))
    out: dict[str, bytes] = {}
    for n, lab in enumerate(labels, 1):
        if not any(lb == lab for ex in examples for _, _, lb in ex.spans):
            continue
        settings = {**PARAMS, **(params or {})}
        trainer = _quiet_trainer()(algorithm=settings.pop("algorithm", "lbfgs"), verbose=False)
        trainer.set_params(settings)
        hint = f"r{lab}=B"
        skipped = 0
        for feats, slices, tags in prepared:
            for i, j in slices:
                y = tags[lab][i:j]
                if all(t == "O" for t in y) and not any(hint in feats[k] for k in range(i, j)):
                    skipped += 1
                    if skipped % NEGATIVES:
                        continue
                trainer.append(feats[i:j], y)
        fd, path = tempfile.mkstemp(prefix="margin-crf-", suffix=".crfsuite")
        os.close(fd)
        try:
            trainer.train(path)
            with open(path, "rb") as f:
                out[lab] = f.read()
        finally:
            os.unlink(path)
        if progress:
            progress(n, len(labels))
    return out


@dataclass(eq=False)
class Analysis:
    """One text as the model sees it: its tokens' features and sentences' token ranges,
    with the crfsuite item sequences built when first needed."""

    text: str
    feats: list
    slices: list[tuple[int, int]]
    starts: array[int]  # token offsets (tokens.TokenIndex)
    ends: array[int]
    _whole: object = None
    _sentences: list | None = None

    def whole(self):
        """The text as one sequence (tagging it once per label is many times faster than
        sentence by sentence; features never look past a neighbour)."""
        if self._whole is None:
            self._whole = crfsuite().ItemSequence(self.feats)
        return self._whole

    def sentences(self) -> list:
        if self._sentences is None:
            seq = crfsuite().ItemSequence
            self._sentences = [seq(self.feats[i:j]) for i, j in self.slices]
        return self._sentences


@dataclass(eq=False)
class Model:
    """Taggers per label with the conventions their rule features were cut to.
    ``policy[label]``: "rules" (the rules' spans win where both propose), "vetted" (the
    rules' spans the model is at least ``VETO`` sure of, and its own where none of those
    is) or "model" (its own spans only, the rules being its features)."""

    taggers: dict
    conventions: Conventions = DEFAULTS
    policy: dict[str, str] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    blobs: dict = field(default_factory=dict, repr=False)  # crfsuite reads these in place: keep them

    def __post_init__(self):
        # the tags each tagger knows (a label whose spans are all one token has no "I")
        self.tags = {lab: frozenset(t.labels()) for lab, t in self.taggers.items()}

    @property
    def labels(self) -> list[str]:
        return list(self.taggers)

    def _marginal(self, lab: str, tagger, tag: str, t: int) -> float:
        return tagger.marginal(tag, t) if tag in self.tags[lab] else 0.0

    def _confidence(self, lab: str, tagger, i: int, j: int) -> float:
        """How sure the tagger (set on the text) is of a span over tokens [i, j)."""
        first = self._marginal(lab, tagger, "B", i)
        if j - i == 1:
            return round(first, 3)
        return round((first + self._marginal(lab, tagger, "I", j - 1)) / 2, 3)

    @classmethod
    def from_bytes(cls, blobs: dict[str, bytes], **kw) -> "Model":
        pycrfsuite = crfsuite()
        taggers = {}
        for lab, data in blobs.items():
            t = pycrfsuite.Tagger()
            t.open_inmemory(data)
            taggers[lab] = t
        return cls(taggers, blobs=dict(blobs), **kw)

    # -- reading a text
    def analyse(self, text: str, found: dict | None = None, extra_actors=None) -> Analysis:
        """The text's features (the last two texts are kept: the screen asks for
        suggestions, then for the least sure sentence, of the same text)."""
        cache = self.__dict__.setdefault("_cache", {})
        a = cache.get(text)
        if a is None:
            a = self._build(text, found if found is not None else _found(text, extra_actors))
            if len(cache) >= 2:
                cache.pop(next(iter(cache)))
            cache[text] = a
        return a

    def forget(self) -> None:
        """Drop the kept analyses (benchmarks; a text edited in place)."""
        self.__dict__.pop("_cache", None)

    def _build(self, text: str, found: dict) -> Analysis:
        feats = token_features(text, rule_spans(found, self.conventions))
        index = token_index(text)
        return Analysis(text, feats, sentence_slices(text), index.starts, index.ends)

    def predict(self, text: str, labels=None, found: dict | None = None,
                score: dict[str, list[tuple[int, int]]] | None = None):
        """([(start, end, label, confidence)] the model proposes, {(start, end, label):
        confidence} of the ``score`` spans). Confidence: the mean of the marginal
        probabilities of the span's first tag (B) and last tag (B or I)."""
        from bisect import bisect_left, bisect_right

        a = self.analyse(text, found)
        spans: list[tuple[int, int, str, float]] = []
        scores: dict[tuple[int, int, str], float] = {}
        want = [lab for lab in (labels or self.taggers) if lab in self.taggers]
        if not want or not a.feats:
            return spans, scores
        xseq = a.whole()
        for lab in want:
            tagger = self.taggers[lab]
            tagger.set(xseq)
            tags = tagger.tag()
            t, n = 0, len(tags)
            while t < n:
                if tags[t] == "O":
                    t += 1
                    continue
                u = t + 1
                while u < n and tags[u] == "I":
                    u += 1
                spans.append((a.starts[t], a.ends[u - 1], lab, self._confidence(lab, tagger, t, u)))
                t = u
            for s, e in (score or {}).get(lab, ()):
                i, j = bisect_right(a.ends, s), bisect_left(a.starts, e)
                if i < j:
                    scores[(s, e, lab)] = self._confidence(lab, tagger, i, j)
        return spans, scores

    def combine(self, text: str, labels: list[str], found: dict, raw: list):
        """The rules' ``raw`` suggestions (start, end, label, attrs, source) with the model's:
        for a label whose policy is "rules" a model span is added only where no rule span of
        that label overlaps it; for "model" the model decides alone (the rules' spans are
        its features; one it keeps exactly keeps the rules' attributes and source). A model
        span overlapping exactly one rule span of its label takes that span's attributes
        (a FIGURE's value, unit, qualifier). Returns (suggestions, {(start, end, label):
        confidence})."""
        by_label: dict[str, list] = {}
        raw_by_label: dict[str, list] = {}
        for r in raw:
            by_label.setdefault(r[2], []).append((r[0], r[1]))
            raw_by_label.setdefault(r[2], []).append(r)
        predicted, scores = self.predict(text, labels, found, by_label)
        out = list(raw)
        for lab in labels:
            mine = [p for p in predicted if p[2] == lab]
            if not mine:
                continue
            policy = self.policy.get(lab, "model")
            if policy == "vetted":  # the rules' spans the model believes, its own elsewhere
                doubted = {(r[0], r[1]) for r in raw_by_label.get(lab, []) if scores.get((r[0], r[1], lab), 0.0) < VETO}
                out = [r for r in out if r[2] != lab or (r[0], r[1]) not in doubted]
                rules = _Intervals([k for k in by_label.get(lab, []) if k not in doubted])
                keep = [p for p in mine if not rules.overlaps(p[0], p[1])]
            elif policy == "rules":
                rules = _Intervals(by_label.get(lab, []))
                keep = [p for p in mine if not rules.overlaps(p[0], p[1])]
            else:
                same = {(p[0], p[1]) for p in mine}
                out = [r for r in out if r[2] != lab or (r[0], r[1]) in same]
                have = {(r[0], r[1]) for r in out if r[2] == lab}
                keep = [p for p in mine if (p[0], p[1]) not in have]
            for s, e, lb, conf in keep:
                out.append((s, e, lb, _attrs_of_overlap(raw_by_label.get(lab, []), s, e), "model"))
                scores[(s, e, lb)] = conf
        return out, scores

    def doubt(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, doubt) per sentence: the largest, over the model's labels, of
        1 - the probability of the sentence's most likely tagging (least confidence:
        0 sure, near 1 unsure)."""
        a = self.analyse(text)
        worst = [0.0] * len(a.slices)
        seqs = a.sentences()
        for tagger in self.taggers.values():
            for n, xseq in enumerate(seqs):
                tagger.set(xseq)
                d = 1.0 - tagger.probability(tagger.tag())
                if d > worst[n]:
                    worst[n] = d
        return [(a.starts[i], a.ends[j - 1], round(w, 3)) for (i, j), w in zip(a.slices, worst)]


def _attrs_of_overlap(rules: list, s: int, e: int) -> dict:
    """The attributes of the one rule suggestion overlapping [s, e), or {}."""
    hits = [r for r in rules if r[0] < e and s < r[1]]
    return dict(hits[0][3]) if len(hits) == 1 else {}


class _Intervals:
    """Sorted spans answering "does anything overlap [s, e)?" in O(log n)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # the largest end among the spans up to each index
        self.reach = []
        r = -1
        for _, e in self.spans:
            r = max(r, e)
            self.reach.append(r)

    def overlaps(self, s: int, e: int) -> bool:
        from bisect import bisect_left

        i = bisect_left(self.starts, e)  # spans starting before e
        return i > 0 and self.reach[i - 1] > s



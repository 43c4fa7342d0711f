"""Which of the rules or the model should win, per label, where both propose a span:
"rules" first, the rules' spans the model believes ("vetted"), or the "model" alone.

Decided when training, by two-fold cross-validation on the corpus's own annotations: the
two halves of up to ``MAX_DOCS`` documents (or of the one document's sentences), a model
trained on each half, both orders tried on the other half, exact span F1 compared. The
rules win ties: they are what the team saw before it had a model.
"""

from __future__ import annotations

from dataclasses import replace

from tui.suggest.conventions import Conventions
from tui.suggest.edges import tidy
from tui.suggest.selection import of_examples, selected
from tui.tokens import sentences
from tui.suggest.model.crf import Example, Model, rule_spans, train

MAX_DOCS = 10  # documents used to decide (the decision costs about one training on them)
MARGIN = 0.01  # a policy must beat the one before it by this much exact F1 to be chosen
POLICIES = ("rules", "vetted", "model")  # tui.suggest.model.crf.Model.combine


def _folds(examples: list[Example]) -> list[tuple[list[Example], list[tuple[Example, int, int]]]]:
    """[(train on, test on [(example, from, to)])] for two folds."""
    exs = examples[:MAX_DOCS]
    if len(exs) >= 2:
        a, b = exs[0::2], exs[1::2]
        whole = lambda xs: [(x, x.since, x.upto if x.upto is not None else len(x.text)) for x in xs]  # noqa: E731
        return [(a, whole(b)), (b, whole(a))]
    ex = exs[0]
    end = ex.upto if ex.upto is not None else len(ex.text)
    cuts = [s for s, _ in sentences(ex.text) if ex.since < s < end]
    if len(cuts) < 2:
        return []
    mid = cuts[len(cuts) // 2]
    return [([replace(ex, upto=mid)], [(ex, mid, end)]), ([replace(ex, since=mid)], [(ex, ex.since, mid)])]


def decide(examples: list[Example], labels: list[str], conventions: Conventions,
           extra_actors=None) -> dict[str, dict]:
    """{label: {"policy": "rules"|"vetted"|"model", "cv_<policy>_f1": ..}} for the
    labels the rules know (others are the model's alone)."""
    counts = {lab: {p: [0, 0] for p in POLICIES} for lab in labels}
    for train_on, test_on in _folds(examples):
        blobs = train(train_on, labels, conventions, extra_actors)
        if not blobs:
            continue
        model = Model.from_bytes(blobs, conventions=conventions)
        chosen = of_examples(train_on, conventions, extra_actors)  # which actor candidates the half tags
        for ex, lo, hi in test_on:
            found = ex.found(extra_actors)
            raw: list[tuple[int, int, str, dict, str]] = [
                (s, e, lab, {}, "rules") for lab, spans in rule_spans(found, conventions).items()
                if lab in labels for s, e in spans]
            want = {k for k in ex.spans if lo <= k[0] < hi}
            for policy in POLICIES:
                model.policy = dict.fromkeys(labels, policy)
                got, _ = model.combine(ex.text, labels, found, raw)
                if "ACTOR" in labels:
                    got = selected(ex.text, got, chosen)
                got = {(*cut, r[2]) for r in got if (cut := tidy(ex.text, r[0], r[1])) and lo <= cut[0] < hi}
                for lab in labels:
                    w = {k for k in want if k[2] == lab}
                    g = {k for k in got if k[2] == lab}
                    c = counts[lab][policy]
                    c[0] += 2 * len(w & g)
                    c[1] += len(w) + len(g)
    out = {}
    for lab in labels:
        f: dict[str, float | None] = {p: (c[0] / c[1] if c[1] else None) for p, c in counts[lab].items()}
        best = "rules"
        for p in POLICIES[1:]:
            fp, fb = f[p], f[best]
            if fp is not None and fb is not None and fp > fb + MARGIN:
                best = p
        out[lab] = {"policy": best, **{f"cv_{p}_f1": _round(f[p]) for p in POLICIES}}
    return out


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)

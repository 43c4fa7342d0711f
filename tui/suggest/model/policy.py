"""Which of the rules or the model should win, per label, where both propose a span:
"rules" first, the rules' spans the model believes ("vetted"), or the "model" alone.

Decided when training, by two-fold cross-validation on the corpus's own annotations: the
two halves of up to ``MAX_DOCS`` documents (or of the one document's sentences), a model
trained on each half, both orders tried on the other half, exact span F1 compared. The
rules win ties, and wins by one span bought by vetoing right spans (``_bar``): they are
what the team saw before it had a model.
"""

from __future__ import annotations

from dataclasses import replace

from tui.suggest.conventions import Conventions
from tui.suggest.edges import tidy
from tui.suggest.selection import of_examples, selected
from tui.tokens import sentences
from tui.suggest.model.crf import Example, Model, rule_spans, train

MAX_DOCS = 10  # documents used to decide (the decision costs about one training on them)
MARGIN = 0.01  # a policy must beat the one before it by this much exact F1 to be chosen (see _bar)
MIN_TAUGHT = 5  # ... and each fold's model must have learned from this many spans of the label
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
    want: set[tuple] = set()
    got: dict[str, set[tuple]] = {p: set() for p in POLICIES}  # ((fold, doc), start, end, label)
    taught = dict.fromkeys(labels, 1 << 30)  # the fewest spans of a label a fold's model learned from
    for fold, (train_on, test_on) in enumerate(_folds(examples)):
        blobs = train(train_on, labels, conventions, extra_actors)
        if not blobs:
            continue
        model = Model.from_bytes(blobs, conventions=conventions)
        chosen = of_examples(train_on, conventions, extra_actors)  # which actor candidates the half tags
        taught = {lab: min(n, _taught(train_on, lab)) for lab, n in taught.items()}
        for i, (ex, lo, hi) in enumerate(test_on):
            at = (fold, i)
            found = ex.found(extra_actors)
            raw: list[tuple[int, int, str, dict, str]] = [
                (s, e, lab, {}, "rules") for lab, spans in rule_spans(found, conventions).items()
                if lab in labels for s, e in spans]
            want |= {(at, *k) for k in ex.spans if lo <= k[0] < hi and k[2] in labels}
            for policy in POLICIES:
                model.policy = dict.fromkeys(labels, policy)
                mine, _ = model.combine(ex.text, labels, found, raw)
                if "ACTOR" in labels:
                    mine = selected(ex.text, mine, chosen)
                got[policy] |= {(at, *cut, r[2]) for r in mine
                                if (cut := tidy(ex.text, r[0], r[1])) and lo <= cut[0] < hi}
    return {lab: _choose({k for k in want if k[3] == lab}, {p: {k for k in g if k[3] == lab} for p, g in got.items()},
                         taught[lab] >= MIN_TAUGHT) for lab in labels}


def _choose(want: set, got: dict[str, set], trusted: bool) -> dict:
    """The policy for one label: the rules, unless another policy's exact F1 beats the
    one chosen before it by MARGIN and each fold's model was ``trusted``: it learned from
    MIN_TAUGHT spans of the label at least. A model that saw three claims in half of one
    document may win its other half by luck (dropping three of the rules' claims there)
    and then veto the right ones everywhere else."""
    n = {p: len(want) + len(g) for p, g in got.items()}
    f: dict[str, float | None] = {p: (2 * len(want & g) / n[p] if n[p] else None) for p, g in got.items()}
    best = "rules"
    for p in POLICIES[1:]:
        fp, fb = f[p], f[best]
        if fp is not None and fb is not None and trusted and fp > max(fb + MARGIN, _bar(want, got[p], got[best])) \
                and not _loses_a_fold(want, got[p], got[best]):
            best = p
    return {"policy": best, **{f"cv_{p}_f1": _round(f[p]) for p in POLICIES}}


def _bar(want: set, mine: set, theirs: set) -> float:
    """What ``mine`` must beat when it finds fewer gold spans than ``theirs``: the exact F1
    ``theirs`` would score with one span more right (one of its wrong spans gone, or else
    one gold span it missed found); 0 otherwise. A model that vetoes right spans the rules
    found and wins by one span has won by luck on two documents: on the development set
    (68 articles, each after the two golds beside it, four pairings) every such win lost
    on the articles held out (cairo ACTOR 0.69 -> 0.47 under the vetted policy)."""
    right, n = len(want & theirs), len(want) + len(theirs)
    if len(want & mine) >= right:
        return 0.0
    if theirs - want:
        return 2 * right / (n - 1)
    return 2 * (right + 1) / (n + 1)


def _loses_a_fold(want: set, mine: set, theirs: set) -> bool:
    """Does ``mine`` score a lower exact F1 than ``theirs`` on one of the folds (keys are
    ((fold, doc), start, end, label))? A policy that wins the pooled F1 only because it
    drops most spans of a short half, losing there too, won by the halves' sizes."""
    for fold in {k[0][0] for k in want | mine | theirs}:
        w = {k for k in want if k[0][0] == fold}
        a, b = {k for k in mine if k[0][0] == fold}, {k for k in theirs if k[0][0] == fold}
        if len(w) + len(a) and len(w) + len(b) and \
                2 * len(w & a) / (len(w) + len(a)) < 2 * len(w & b) / (len(w) + len(b)):
            return True
    return False


def _taught(train_on: list[Example], label: str) -> int:
    """How many spans of ``label`` a fold's model learned from."""
    return sum(1 for x in train_on for k in x.spans
               if k[2] == label and x.since <= k[0] < (x.upto if x.upto is not None else len(x.text)))


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)

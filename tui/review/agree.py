"""Agreement between annotators, computed from the models (no I/O, no printing).

For every pair: span precision/recall/F1 with exact and overlap matching, token-level
Cohen's kappa per label, relation F1; over all annotators: Krippendorff's alpha (nominal)
per label; per document: how many disagreements a reviewer has to settle. Everything is
accumulated as counts in one pass, linear in the number of tokens and spans. Definitions:
docs/review.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TypeVar

from tui.review.adjudication import disagreements
from tui.model import Annotation, Document
from tui.tokens import token_index

K = TypeVar("K", bound=Hashable)  # what exact_matches compares: (start, end), a relation key


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


@dataclass
class PRF:
    """Span (or relation) matches between a reference ``a`` and ``b``."""

    matches: int = 0
    a: int = 0  # items of the reference annotator
    b: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.matches, self.b)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matches, self.a)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.matches, self.a + self.b)

    def __iadd__(self, other: "PRF") -> "PRF":
        self.matches += other.matches
        self.a += other.a
        self.b += other.b
        return self


@dataclass
class Binary:
    """2x2 table of two annotators' 0/1 token values: tokens, ones of a, ones of b, ones of both."""

    n: int = 0
    a: int = 0
    b: int = 0
    both: int = 0

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when undefined (both annotators constant and equal)."""
        if not self.n:
            return None
        n = self.n
        observed = (n - self.a - self.b + 2 * self.both) / n
        expected = (self.a * self.b + (n - self.a) * (n - self.b)) / (n * n)
        return _ratio(observed - expected, 1 - expected)

    def __iadd__(self, other: "Binary") -> "Binary":
        self.n += other.n
        self.a += other.a
        self.b += other.b
        self.both += other.both
        return self


@dataclass
class Alpha:
    """Krippendorff's alpha (nominal, binary values) from its sufficient statistics."""

    values: int = 0  # pairable values (units with 2+ values)
    ones: int = 0
    disagreement: float = 0.0  # sum over units of n0 * n1 / (m - 1)

    @property
    def value(self) -> float | None:
        zeros = self.values - self.ones
        if not self.ones or not zeros:
            return None
        return 1 - (self.values - 1) * self.disagreement / (zeros * self.ones)


@dataclass
class PairAgreement:
    a: str
    b: str
    docs: int = 0
    exact: dict[str, PRF] = field(default_factory=dict)
    overlap: dict[str, PRF] = field(default_factory=dict)
    tokens: dict[str, Binary] = field(default_factory=dict)
    relations: PRF = field(default_factory=PRF)

    def micro(self) -> tuple[PRF, PRF, Binary]:
        """Exact, overlap and token counts summed over labels."""
        exact, overlap, tokens = PRF(), PRF(), Binary()
        for label in self.exact:
            exact += self.exact[label]
            overlap += self.overlap[label]
            tokens += self.tokens[label]
        return exact, overlap, tokens

    def to_json(self) -> dict:
        return {
            "a": self.a, "b": self.b, "docs": self.docs,
            "labels": {lab: _scores(self.exact[lab], self.overlap[lab], self.tokens[lab]) for lab in self.exact},
            "micro": _scores(*self.micro()),
            "relations_f1": self.relations.f1,
            "relations": {"precision": self.relations.precision, "recall": self.relations.recall,
                          "matches": self.relations.matches, "a": self.relations.a, "b": self.relations.b},
        }


def _scores(exact: PRF, overlap: PRF, tokens: Binary) -> dict:
    return {
        "exact_f1": exact.f1, "overlap_f1": overlap.f1, "kappa": tokens.kappa,
        "exact_precision": exact.precision, "exact_recall": exact.recall,
        "overlap_precision": overlap.precision, "overlap_recall": overlap.recall,
        "a_spans": exact.a, "b_spans": exact.b,
        "exact_matches": exact.matches, "overlap_matches": overlap.matches,
    }


@dataclass
class DocDisagreement:
    document: str
    annotators: tuple[str, ...]
    count: int


@dataclass
class Agreement:
    annotators: list[str]
    labels: list[str]
    pairs: list[PairAgreement]
    alpha: dict[str, Alpha]
    documents: list[DocDisagreement]  # most disagreements first

    def to_json(self) -> dict:
        return {
            "annotators": self.annotators,
            "labels": self.labels,
            "documents": len(self.documents),
            "pairs": [p.to_json() for p in self.pairs],
            "alpha": {lab: a.value for lab, a in self.alpha.items()},
            "disagreements": [{"document": d.document, "annotators": list(d.annotators), "count": d.count}
                              for d in self.documents],
        }


# --------------------------------------------------------------------------- matching


def exact_matches(a: list[K], b: list[K]) -> int:
    """How many items ((start, end), relation keys) of ``a`` have an identical partner in
    ``b`` (one-to-one)."""
    sa, sb = set(a), set(b)
    if len(sa) == len(a) and len(sb) == len(b):
        return len(sa & sb)
    return sum((Counter(a) & Counter(b)).values())


def overlap_matches(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Size of a maximum one-to-one matching of overlapping spans between ``a`` and ``b``."""
    if not a or not b:
        return 0
    spans = sorted([(s, e, 0) for s, e in a] + [(s, e, 1) for s, e in b])
    total, reach = 0, -1
    cluster: list[tuple[int, int, int]] = []
    for sp in spans:
        if sp[0] >= reach and cluster:
            total += _match_cluster(cluster)
            cluster = []
        cluster.append(sp)
        reach = sp[1] if len(cluster) == 1 else max(reach, sp[1])
    return total + _match_cluster(cluster)


def _match_cluster(cluster: list[tuple[int, int, int]]) -> int:
    """Greedy matching, optimal for intervals: each ``a`` (by end) takes the free overlapping
    ``b`` that ends first."""
    if len(cluster) == 2:
        return int(cluster[0][2] != cluster[1][2])
    a = sorted((sp for sp in cluster if sp[2] == 0), key=lambda sp: sp[1])
    b = sorted((sp for sp in cluster if sp[2] == 1), key=lambda sp: sp[1])
    n = 0
    for s, e, _ in a:
        for j, (bs, be, _) in enumerate(b):
            if bs < e and s < be:
                del b[j]
                n += 1
                break
    return n


def _merge(ranges: list[tuple[int, int]]) -> list[list[int]]:
    ranges.sort()
    out: list[list[int]] = []
    for s, e in ranges:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1][1] = e
        else:
            out.append([s, e])
    return out


def _covered(x: list[list[int]], y: list[list[int]]) -> int:
    """Tokens in both merged range lists."""
    i = j = n = 0
    while i < len(x) and j < len(y):
        lo = max(x[i][0], y[j][0])
        hi = min(x[i][1], y[j][1])
        if lo < hi:
            n += hi - lo
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return n


# --------------------------------------------------------------------------- the whole corpus


class _View:
    """One annotation seen by label: span offsets, covered token ranges, relation keys."""

    __slots__ = ("spans", "ranges", "tokens", "relations")

    def __init__(self, ann: Annotation, labels: list[str], index):
        self.spans: dict[str, list[tuple[int, int]]] = {lab: [] for lab in labels}
        ranges: dict[str, list[tuple[int, int]]] = {lab: [] for lab in labels}
        for s in ann.spans:
            lst = self.spans.get(s.label)
            if lst is not None:
                lst.append((s.start, s.end))
                r = index.tokens_in(s.start, s.end)
                if r:
                    ranges[s.label].append((r.start, r.stop))
        self.ranges = {lab: _merge(rs) for lab, rs in ranges.items()}
        self.tokens = {lab: sum(e - s for s, e in rs) for lab, rs in self.ranges.items()}
        if ann.relations:
            keys = {s.id: s.key for s in ann.spans}
            self.relations = [(r.label, keys[r.source], keys[r.target]) for r in ann.relations]
        else:
            self.relations = []


def agreement(docs: Iterable[tuple[Document, Mapping[str, Annotation]]], annotators: list[str],
              labels: list[str]) -> Agreement:
    """Agreement of ``annotators`` over ``docs`` ((document, {annotator: annotation}) pairs),
    for spans of ``labels``. Documents with fewer than two of the annotators are skipped."""
    pairs = {pair: PairAgreement(*pair, exact={lab: PRF() for lab in labels},
                                 overlap={lab: PRF() for lab in labels},
                                 tokens={lab: Binary() for lab in labels})
             for pair in combinations(annotators, 2)}
    alpha = {lab: Alpha() for lab in labels}
    documents = []
    wanted = set(labels)
    for doc, anns in docs:
        names = [n for n in annotators if n in anns]
        if len(names) < 2:
            continue
        index = token_index(doc.text)
        n_tokens = len(index.tokens)
        views = {n: _View(anns[n], labels, index) for n in names}
        both_sum = dict.fromkeys(labels, 0)
        for x, y in combinations(names, 2):
            pa = pairs[(x, y)]
            pa.docs += 1
            vx, vy = views[x], views[y]
            for lab in labels:
                sx, sy = vx.spans[lab], vy.spans[lab]
                ex = pa.exact[lab]
                m = exact_matches(sx, sy)
                ex.matches += m
                ex.a += len(sx)
                ex.b += len(sy)
                ov = pa.overlap[lab]
                ov.matches += m if m == min(len(sx), len(sy)) else overlap_matches(sx, sy)
                ov.a += len(sx)
                ov.b += len(sy)
                both = _covered(vx.ranges[lab], vy.ranges[lab])
                both_sum[lab] += both
                pa.tokens[lab] += Binary(n_tokens, vx.tokens[lab], vy.tokens[lab], both)
            pa.relations += PRF(exact_matches(vx.relations, vy.relations),
                                len(vx.relations), len(vy.relations))
        m = len(names)
        for lab in labels:
            ones = sum(v.tokens[lab] for v in views.values())
            squares = ones + 2 * both_sum[lab]  # sum over tokens of (ones in the token)^2
            al = alpha[lab]
            al.values += m * n_tokens
            al.ones += ones
            al.disagreement += (m * ones - squares) / (m - 1)
        chosen = {n: anns[n] for n in names}
        if any(s.label not in wanted for a in chosen.values() for s in a.spans):
            chosen = {n: replace(a, spans=[s for s in a.spans if s.label in wanted]) for n, a in chosen.items()}
        documents.append(DocDisagreement(doc.id, tuple(names), disagreements(chosen)))
    documents.sort(key=lambda d: (-d.count, d.document))
    return Agreement(list(annotators), list(labels), list(pairs.values()), alpha, documents)

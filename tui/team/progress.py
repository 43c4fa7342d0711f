"""Where the team stands: progress, pace, agreement and its trend, label counts (pure core).

Everything the dashboard shows (``margin dashboard`` and ``--json``) is computed here,
without Textual. The work is split by document: :func:`doc_summary` loads one document's
files and reduces them to counts (per file: status, time, spans per label; per annotator
pair: the match counts :mod:`tui.review.agree` accumulates; per label: Krippendorff's sufficient
statistics; the disagreements a reviewer must settle). Those counts are additive, so
:func:`build` sums them in document order and obtains exactly the numbers
``margin agree --json`` and ``margin stats --json`` print (tests/test_team.py checks it).

Summaries are kept in the corpus's one per-document cache (``tui.team.status``), keyed by
the size, mtime and inode of the article and of every annotation file: reopening the
dashboard re-reads only what changed, and the picker and ``margin stats`` find the
statuses it read.

Pace (spans per hour) comes from the ``updated:`` time each save writes into a file (its
mtime when absent): for one annotator, files sorted by that time; a file saved within
``BREAK`` of the previous one took that gap to annotate; a longer gap is a break, and the
file after it is left out of both spans and hours. Git history is not used: commit times
say when people pushed, not when they worked, and ``updated:`` travels with the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import combinations
from operator import add
from pathlib import Path

from tui import store
from tui.review.agree import PRF, Agreement, Alpha, Binary, DocDisagreement, PairAgreement, agreement
from tui.corpus import GOLD, Corpus
from tui.errors import DataError, ValidationError
from tui.team.status import FileStatus, StatusCache, cache_of, file_key, status_of

BREAK = 30 * 60  # seconds: a longer gap between two saves is a break
TREND_BUCKETS = 12  # most recent periods in the trend
PARALLEL_MIN_DOCS = 64


# --------------------------------------------------------------------------- one document


def doc_key(corpus: Corpus, doc_id: str, paths: Iterable[Path]) -> list:
    """What the summary of ``doc_id`` depends on: the article's and the files' stat data."""
    art = file_key(corpus.seeds_dir / f"{doc_id}.txt")
    return [list(art) if art else None, [[p.name, list(k) if (k := file_key(p)) else None] for p in paths]]


def doc_summary(corpus: Corpus, doc_id: str, paths: list[Path]) -> dict:
    """The counts of one document (JSON-able): files (``tui.team.status``), pair matches,
    alpha terms, problems."""
    schema = corpus.schema
    labels = list(schema.labels)
    out: dict = {"files": {}, "pairs": {}, "alpha": [], "disagreements": None, "problems": []}
    try:
        doc = corpus.document(doc_id)
    except DataError as e:
        out["problems"].append(str(e))
        return out
    anns = {}
    for p in paths:
        try:
            loaded = store.load(corpus.inside(p), schema, doc)
        except ValidationError as e:
            out["problems"].extend(e.problems)
            continue
        except DataError as e:
            out["problems"].append(str(e))
            continue
        out["files"][p.stem] = status_of(loaded.annotation, p, labels).to_json()
        anns[p.stem] = loaded.annotation
    names = sorted(n for n in anns if n != GOLD)
    if len(names) >= 2:
        res = agreement([(doc, anns)], names, labels)
        for pa in res.pairs:  # flat, in label order (see _PairSums): small to cache, fast to add
            out["pairs"][f"{pa.a}\t{pa.b}"] = [
                *(x for c in pa.exact.values() for x in (c.matches, c.a, c.b)),
                *(x for c in pa.overlap.values() for x in (c.matches, c.a, c.b)),
                *(x for t in pa.tokens.values() for x in (t.n, t.a, t.b, t.both)),
                pa.relations.matches, pa.relations.a, pa.relations.b]
        out["alpha"] = [x for a in res.alpha.values() for x in (a.values, a.ones, a.disagreement)]
        out["disagreements"] = res.documents[0].count
    return out


def _summarise(args) -> tuple[str, dict]:
    root, doc_id, paths = args
    return doc_id, doc_summary(Corpus(Path(root)), doc_id, [Path(p) for p in paths])


# --------------------------------------------------------------------------- the cache


def summaries(corpus: Corpus, docs: str | None = None, *, cache: bool = True, jobs: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> dict[str, dict]:
    """{doc id: summary} for every annotated document (matching the glob ``docs``), in
    document order; unchanged documents come from the corpus's cache (``tui.team.status``),
    whose file statuses the summaries also refresh."""
    groups: dict[str, list[Path]] = {}
    for p in corpus.annotation_files(docs):
        groups.setdefault(p.parent.name, []).append(p)
    store_ = cache_of(corpus) if cache else StatusCache(corpus, persist=False)
    keys = {d: doc_key(corpus, d, ps) for d, ps in groups.items()}
    out: dict[str, dict] = {}
    todo = []
    for d in sorted(groups):
        hit = store_.summary(d, keys[d])
        if hit is not None:
            out[d] = hit
        else:
            todo.append((str(corpus.root), d, [str(p) for p in groups[d]]))
    if todo:
        if jobs is None:
            jobs = min(os.cpu_count() or 1, 8) if len(todo) >= PARALLEL_MIN_DOCS else 1
        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(_progress(pool.map(_summarise, todo, chunksize=max(1, len(todo) // (jobs * 8))),
                                         len(todo), progress))
        else:
            results = list(_progress(map(_summarise, todo), len(todo), progress))
        for d, summary in results:
            store_.put_summary(d, keys[d], summary)
            file_keys = dict(keys[d][1])
            for name, f in summary["files"].items():
                if file_keys.get(name + ".yaml"):
                    store_.put(d, name, file_keys[name + ".yaml"], FileStatus.from_json(f))
            out[d] = summary
        out = {d: out[d] for d in sorted(out)}
        store_.save()
    return out


def _progress(results, total: int, progress):
    for i, r in enumerate(results, 1):
        if progress is not None:
            progress(i, total)
        yield r


# --------------------------------------------------------------------------- the whole team


@dataclass
class Progress:
    annotator: str
    assigned: int | None  # None: the corpus has no assignments
    done: int
    in_progress: int
    not_started: int
    spans: int
    spans_per_hour: float | None
    hours: float

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class TrendPoint:
    period: str  # YYYY-MM-DD (or YYYY-MM-DDTHH when all work is within two days)
    documents: int
    exact_f1: float | None
    overlap_f1: float | None


@dataclass
class Team:
    documents: int  # articles in the corpus
    labels: list[str]
    progress: list[Progress]
    gold_done: int
    label_counts: dict[str, dict[str, int]]  # label -> annotator -> spans
    agreement: Agreement | None
    trend: list[TrendPoint]
    stats: list[dict]  # the rows of margin stats --json
    problems: list[str] = field(default_factory=list)
    settled: frozenset[str] = frozenset()  # documents whose gold is done

    def worst(self, n: int = 10) -> list[DocDisagreement]:
        """The documents with disagreements, most first; settled ones (gold done) last."""
        docs = self.agreement.documents if self.agreement else []
        return sorted((d for d in docs if d.count), key=lambda d: d.document in self.settled)[:n]

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "progress": [p.to_json() for p in self.progress],
            "gold_done": self.gold_done,
            "settled": sorted(self.settled),
            "labels": self.label_counts,
            "agreement": self.agreement.to_json() if self.agreement else None,
            "trend": [t.__dict__ for t in self.trend],
            "stats": self.stats,
            "problems": self.problems,
        }


def _time(ts: str) -> float | None:
    try:
        return datetime.strptime(ts[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def pace(files: Iterable[tuple[str, int]]) -> tuple[float | None, float]:
    """(spans per hour, hours) from (updated, spans) of one annotator's files (see the module doc)."""
    times = sorted((t, n) for ts, n in files if (t := _time(ts)) is not None)
    seconds, spans = 0.0, 0
    for (t0, _), (t1, n) in zip(times, times[1:]):
        gap = t1 - t0
        if 0 < gap <= BREAK:
            seconds += gap
            spans += n
    hours = seconds / 3600
    return (spans / hours if hours else None), hours


def build(corpus: Corpus, sums: Mapping[str, dict], assignments: Mapping[str, Iterable[str]] | None = None,
          n_documents: int | None = None) -> Team:
    """Sum the per-document counts into the team's figures."""
    labels = list(corpus.schema.labels)
    names = sorted({n for s in sums.values() for n in s["files"]} - {GOLD})
    files = _sum_files(sums, names, labels)
    known = set(corpus.doc_ids()) if n_documents is None or assignments else set()  # listed only if used
    n_docs = len(known) if n_documents is None else n_documents
    progress = _people(files["per"], names, assignments, known, n_docs)
    agree, buckets = _sum_agreement(sums, names, labels)
    return Team(n_docs, labels, progress, files["gold_done"], files["label_counts"], agree, _trend(buckets),
                files["stats"], files["problems"], frozenset(files["settled"]))


def _sum_files(sums: Mapping[str, dict], names: list[str], labels: list[str]) -> dict:
    """Per file: the stats rows, each annotator's documents, spans and times, label counts, gold."""
    out: dict = {"stats": [], "problems": [], "gold_done": 0, "settled": set(),
                 "per": {n: {"done": set(), "in_progress": set(), "spans": 0, "times": []} for n in names},
                 "label_counts": {lab: dict.fromkeys(names, 0) for lab in labels}}
    for d, s in sums.items():
        out["problems"].extend(s["problems"])
        for name, f in s["files"].items():
            out["stats"].append({"document": d, "annotator": name, "status": f["status"], **f["labels"],
                                 "relations": f["relations"], "spans": f["spans"]})
            if name == GOLD:
                if f["status"] == "done":
                    out["gold_done"] += 1
                    out["settled"].add(d)
                continue
            p = out["per"][name]
            p["done" if f["status"] == "done" else "in_progress"].add(d)
            p["spans"] += f["spans"]
            p["times"].append((f["updated"], f["spans"]))
            for lab, n in f["labels"].items():
                out["label_counts"].setdefault(lab, dict.fromkeys(names, 0))[name] += n
    return out


def _people(per: dict, names: list[str], assignments, known: set[str], n_docs: int) -> list[Progress]:
    """Each annotator's progress and pace (against their assignments when there are some)."""
    out = []
    for name in sorted(set(names) | {n for v in (assignments or {}).values() for n in v}):
        p = per.get(name) or {"done": set(), "in_progress": set(), "spans": 0, "times": []}
        if assignments:
            mine = {d for d, who in assignments.items() if name in who and d in known}
            done, started = len(p["done"] & mine), len(p["in_progress"] & mine)
            total = len(mine)
        else:
            done, started, total = len(p["done"]), len(p["in_progress"]), n_docs
        rate, hours = pace(p["times"])
        out.append(Progress(name, total if assignments else None, done, started,
                            max(total - done - started, 0), p["spans"], rate, hours))
    return out


def _sum_agreement(sums: Mapping[str, dict], names: list[str], labels: list[str]) -> tuple[Agreement | None, dict]:
    """The agreement of the documents with two or more annotators (summed in document order,
    as ``margin agree`` adds), and each document's exact/overlap counts by time for the trend."""
    n = len(labels)
    pair_sums: dict[tuple[str, str], list] = {pair: [0] * (10 * n + 3) for pair in combinations(names, 2)}
    pair_docs = dict.fromkeys(pair_sums, 0)
    alpha_sums: list = [0] * (3 * n)
    documents = []
    buckets: dict[str, list] = {}
    for d, s in sums.items():
        if s["disagreements"] is None:
            continue
        doc_exact, doc_overlap = PRF(), PRF()
        for key, c in s["pairs"].items():
            pair = tuple(key.split("\t"))
            pair_sums[pair] = list(map(add, pair_sums[pair], c))  # in document order, as agree adds
            pair_docs[pair] += 1
            doc_exact += PRF(sum(c[0:3 * n:3]), sum(c[1:3 * n:3]), sum(c[2:3 * n:3]))
            doc_overlap += PRF(sum(c[3 * n:6 * n:3]), sum(c[3 * n + 1:6 * n:3]), sum(c[3 * n + 2:6 * n:3]))
        alpha_sums = list(map(add, alpha_sums, s["alpha"]))
        who = tuple(x for x in names if x in s["files"])
        documents.append(DocDisagreement(d, who, s["disagreements"]))
        buckets.setdefault(max(s["files"][x]["updated"] for x in who), []).append((doc_exact, doc_overlap))
    pairs = [_pair(a, b, pair_docs[(a, b)], pair_sums[(a, b)], labels) for a, b in pair_sums]
    alpha = {lab: Alpha(alpha_sums[3 * i], alpha_sums[3 * i + 1], alpha_sums[3 * i + 2] + 0.0)
             for i, lab in enumerate(labels)}
    documents.sort(key=lambda x: (-x.count, x.document))
    return (Agreement(names, labels, pairs, alpha, documents) if documents else None), buckets


def _pair(a: str, b: str, docs: int, c: list, labels: list[str]) -> PairAgreement:
    """A PairAgreement from the flat sums ``doc_summary`` writes (exact, overlap: 3 per label;
    tokens: 4 per label; relations: 3)."""
    n = len(labels)
    return PairAgreement(
        a, b, docs,
        exact={lab: PRF(*c[3 * i:3 * i + 3]) for i, lab in enumerate(labels)},
        overlap={lab: PRF(*c[3 * n + 3 * i:3 * n + 3 * i + 3]) for i, lab in enumerate(labels)},
        tokens={lab: Binary(*c[6 * n + 4 * i:6 * n + 4 * i + 4]) for i, lab in enumerate(labels)},
        relations=PRF(*c[10 * n:10 * n + 3]))


def _trend(by_time: dict[str, list]) -> list[TrendPoint]:
    """Exact and overlap F1 (all pairs and labels pooled) of the documents finished in each
    period, by day (by hour when all the work fits in two days)."""
    if not by_time:
        return []
    days = {t[:10] for t in by_time}
    width = 13 if len(days) <= 2 else 10
    periods: dict[str, tuple[PRF, PRF, int]] = {}
    for t in sorted(by_time):
        ex, ov, n = periods.get(t[:width], (PRF(), PRF(), 0))
        for e, o in by_time[t]:
            ex += e
            ov += o
            n += 1
        periods[t[:width]] = (ex, ov, n)
    return [TrendPoint(p, n, ex.f1, ov.f1) for p, (ex, ov, n) in list(periods.items())[-TREND_BUCKETS:]]


def team(corpus: Corpus, docs: str | None = None, *, cache: bool = True,
         progress: Callable[[int, int], None] | None = None) -> Team:
    """Everything the dashboard shows, for the corpus (documents matching ``docs``)."""
    from tui.team.assign import load as load_assignments

    sums = summaries(corpus, docs, cache=cache, progress=progress)
    assignments = load_assignments(corpus)
    if docs:
        import fnmatch

        assignments = {d: v for d, v in assignments.items() if fnmatch.fnmatchcase(d, docs)}
    return build(corpus, sums, assignments, len(corpus.doc_ids(docs)))

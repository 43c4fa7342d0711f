"""Leave-one-out learning curves on the real-text set (bench/realtext: forty-four Wikinews
articles with golds under guidelines that differ from the rules' defaults).

For each article held out and each n of ``POINTS``, a corpus holds the golds of the n
articles that follow it (in name order, wrapping round), ``margin learn`` trains on them
and the suggestions for the held-out article are scored against its gold: exact and
overlap span F1 per label, and the share of exactly matched spans whose suggested
attributes are the gold's (all of them, values and absences alike). Each cell is the mean over the held-out articles. n = 0 is the rules with
their default conventions: what margin suggested before any annotation.

The articles of ``bench/realtext-heldout`` never teach and were never tuned on: each
is scored after the rules' defaults, after learning on two dev golds (every pair of
neighbours in name order, averaged) and after learning on all dev golds.

    python -m bench.learnreal           # prints both tables (bench: python -m bench --only learn)
    MARGIN_BENCH_SPACY=en_core_web_sm python -m bench.learnreal 2   # with a spaCy pipeline named
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parent / "realtext"
HELDOUT = Path(__file__).resolve().parent / "realtext-heldout"
#: six more Wikinews articles, each annotated twice, blind (``a/`` and ``b/``): how far two annotators
#: following GUIDELINES.md agree, and the suggester against each (its SOURCES.md says how they were made)
AGREEMENT = Path(__file__).resolve().parent / "realtext-agreement"
POINTS = (0, 1, 2, 5)
LABELS = ("ACTOR", "FIGURE", "CLAIM")
#: names an installed spaCy pipeline package for every corpus built here (margin.yaml's
#: ``suggest: {spacy: NAME}``): e.g. MARGIN_BENCH_SPACY=en_core_web_sm
SPACY_ENV = "MARGIN_BENCH_SPACY"
#: when set, the held-out articles are not scored: whoever tunes the rules keeps them unseen
NO_HELDOUT_ENV = "MARGIN_BENCH_NO_HELDOUT"


#: the development articles chosen by the held-out set's rule (evenly spaced among the scrape's
#: unused articles, bench/realtext/SOURCES.md: session 9's twelve and session 10's twenty-four),
#: chosen before anyone read them: their mean is the stand-in for the held-out set when tuning
SAMPLED = tuple(f"wn-{d}" for d in (
    "2019-01-04-pelosi 2019-02-11-ubolratana 2019-05-15-kaczynski 2019-08-04-rossello 2019-09-08-phytoplankton "
    "2019-10-01-warholm 2019-10-23-canada 2019-12-30-imus 2020-02-24-nevada 2020-04-08-bangladesh "
    "2020-06-11-jackal 2020-09-10-winchester 2019-01-12-easterisland 2019-02-05-aleppo 2019-03-02-bradford "
    "2019-04-20-captivity 2019-06-01-whitehouse 2019-07-17-stevens 2019-08-15-ebola 2019-09-03-sirhan "
    "2019-09-16-humberto 2019-09-26-chirac 2019-10-07-baker 2019-10-14-kosgei 2019-11-01-impeachment "
    "2019-12-14-thunberg 2020-01-11-cairo 2020-02-14-covidname 2020-03-06-tippu 2020-03-17-cowurine "
    "2020-04-29-millioninfections 2020-06-05-alquaety 2020-07-09-parkwonsoon 2020-09-01-rugby "
    "2020-10-19-blankenship 2020-11-27-jephcott").split())


def documents(where: Path = REAL) -> list[str]:
    return sorted(p.stem for p in (where / "seeds").glob("*.txt"))


def gold(doc: str, where: Path = REAL):
    """(text, annotation) of one article."""
    from tui.model import Document
    from tui.store import load

    text = (where / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
    return text, load(where / "annotations" / doc / "gold.yaml", doc=Document(doc, text)).annotation


def _corpus(root: Path, train: list[str]) -> None:
    (root / "seeds").mkdir(parents=True)
    if os.environ.get(SPACY_ENV):  # the optional spaCy pipeline, named like a team would
        (root / "margin.yaml").write_text(f"suggest:\n  spacy: {os.environ[SPACY_ENV]}\n", encoding="utf-8")
    for d in train:
        shutil.copy(REAL / "seeds" / f"{d}.txt", root / "seeds")
        (root / "annotations" / d).mkdir(parents=True)
        shutil.copy(REAL / "annotations" / d / "gold.yaml", root / "annotations" / d / "gold.yaml")


def score(gold_spans, got_spans) -> dict:
    """{label: {"exact": F1, "overlap": F1, "attrs": [agree, compared]}} for one article."""
    from tui.review.agree import exact_matches, overlap_matches

    out = {}
    for lab in LABELS:
        g = [(s.start, s.end) for s in gold_spans if s.label == lab]
        p = [(s.start, s.end) for s in got_spans if s.label == lab]
        n = len(g) + len(p)
        ex = 2 * exact_matches(g, p) / n if n else 1.0
        ov = 2 * overlap_matches(g, p) / n if n else 1.0
        want = {(s.start, s.end): s.attrs for s in gold_spans if s.label == lab}
        same = [want[(s.start, s.end)] == s.attrs for s in got_spans if s.label == lab and (s.start, s.end) in want]
        agree, compared = sum(same), len(same)
        out[lab] = {"exact": ex, "overlap": ov, "attrs": [agree, compared]}
    return out


def curve(points=POINTS, log=print) -> dict:
    """{n: {"mean": {label: {"exact", "overlap"}}, "attrs": {label: share}, "per_doc": ...,
    "train_s": mean seconds}}."""
    from tui.corpus import Corpus
    from tui.suggest.learn import Suggester, retrain

    docs = documents()
    golds = {d: gold(d) for d in docs}
    out = {}
    for n in points:
        per_doc, train_s = {}, []
        for k, held in enumerate(docs):
            train = [docs[(k + 1 + i) % len(docs)] for i in range(n)]
            root = Path(tempfile.mkdtemp(prefix="margin-real-"))
            try:
                _corpus(root, train)
                corpus = Corpus(root)
                t0 = time.perf_counter()
                if n:
                    retrain(corpus)
                train_s.append(time.perf_counter() - t0)
                text, ann = golds[held]
                got = Suggester.for_corpus(corpus).suggest(text)
                per_doc[held] = score(ann.spans, got.spans)
            finally:
                shutil.rmtree(root, ignore_errors=True)
        mean = {lab: {m: round(sum(d[lab][m] for d in per_doc.values()) / len(per_doc), 3)
                      for m in ("exact", "overlap")} for lab in LABELS}
        attrs = {}
        for lab in LABELS:
            a = sum(d[lab]["attrs"][0] for d in per_doc.values())
            c = sum(d[lab]["attrs"][1] for d in per_doc.values())
            attrs[lab] = round(a / c, 3) if c else None
        out[n] = {"mean": mean, "attrs": attrs, "per_doc": per_doc,
                  "train_s": round(sum(train_s) / len(train_s), 2)}
        log(f"learnreal: {n} doc(s): " + "  ".join(
            f"{lab} {mean[lab]['exact']:.2f}/{mean[lab]['overlap']:.2f}" for lab in LABELS))
    return out


def _trained(train: list[str]):
    """A suggester after ``margin learn`` on the dev golds ``train`` (the rules' defaults when empty)."""
    from tui.corpus import Corpus
    from tui.suggest.learn import Suggester, retrain

    root = Path(tempfile.mkdtemp(prefix="margin-real-"))
    try:
        _corpus(root, train)
        corpus = Corpus(root)
        if train:
            retrain(corpus)
        return Suggester.for_corpus(corpus)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def heldout(log=print) -> dict:
    """{setting: {doc: score}} for the held-out articles; settings "0" (rules' defaults),
    "2" (mean over the pairs of neighbouring dev golds) and the number of dev golds (all of them)."""
    dev, docs = documents(), documents(HELDOUT)
    if os.environ.get(NO_HELDOUT_ENV):
        log(f"learnreal held-out: not scored ({NO_HELDOUT_ENV} is set)")
        return {}
    if not docs:
        log("learnreal held-out: no held-out article yet")
        return {}
    golds = {d: gold(d, HELDOUT) for d in docs}
    pairs = [[dev[k], dev[(k + 1) % len(dev)]] for k in range(len(dev))]
    settings: dict[str, list[list[str]]] = {"0": [[]], "2": pairs, str(len(dev)): [dev]}
    out: dict = {}
    for name, trainings in settings.items():
        runs = []
        for train in trainings:
            sug = _trained(train)
            runs.append({d: score(golds[d][1].spans, sug.suggest(golds[d][0]).spans) for d in docs})
        out[name] = {d: {lab: {m: round(sum(r[d][lab][m] for r in runs) / len(runs), 3)
                               for m in ("exact", "overlap")} for lab in LABELS} for d in docs}
        log(f"learnreal held-out: {name} doc(s): " + "  ".join(
            f"{lab} {_mean(out[name], lab, 'exact'):.2f}/{_mean(out[name], lab, 'overlap'):.2f}" for lab in LABELS))
    return out


def agreement(log=print, step: int = 1) -> dict:
    """{"annotators": {doc: score of b against a}, "suggester": {doc: {"a": score, "b": score}}}
    on the doubly annotated articles (``AGREEMENT``); the suggester's is the mean over every
    ``step``-th pair of neighbouring dev golds (``heldout``'s setting "2"). Empty when the
    directory has no article."""
    docs = documents(AGREEMENT / "a")
    if os.environ.get(NO_HELDOUT_ENV):  # an exam too: those tuning the rules never see it
        log(f"learnreal agreement: not scored ({NO_HELDOUT_ENV} is set)")
        return {}
    if not docs:
        return {}
    golds = {w: {d: gold(d, AGREEMENT / w) for d in docs} for w in ("a", "b")}
    out: dict = {"annotators": {d: score(golds["a"][d][1].spans, golds["b"][d][1].spans) for d in docs}}
    dev = documents()
    runs = []
    for k in range(0, len(dev), step):
        sug = _trained([dev[k], dev[(k + 1) % len(dev)]])
        runs.append({(w, d): score(golds[w][d][1].spans, sug.suggest(golds[w][d][0]).spans)
                     for w in ("a", "b") for d in docs})
    out["suggester"] = {d: {w: {lab: {m: round(sum(r[(w, d)][lab][m] for r in runs) / len(runs), 3)
                                      for m in ("exact", "overlap")} for lab in LABELS} for w in ("a", "b")}
                        for d in docs}
    log("learnreal agreement: annotators " + "  ".join(
        f"{lab} {_mean(out['annotators'], lab, 'exact'):.2f}/{_mean(out['annotators'], lab, 'overlap'):.2f}"
        for lab in LABELS))
    return out


def ceiling(log=print, step: int = 4) -> dict:
    """{set: {"suggested", "selection_ceiling": {"exact", "overlap"}, "candidate_recall": share}}:
    where ACTOR suggestions lose, on the development articles (every ``step``-th pair of
    neighbouring dev golds trains, and the ``step`` articles after the pair are scored: each
    article once, never by a pair holding it) and, unless ``NO_HELDOUT_ENV`` is
    set, on the held-out and the doubly annotated articles (annotator a). The selection's
    ceiling keeps every actor the rules and the model proposed before the selection
    (``tui.suggest.selection``) that overlaps a gold actor: the best a perfect choice among the
    rules' own candidates could score. Candidate recall: the share of gold actors some
    candidate overlaps. Mean F1 over articles, as everywhere here."""
    from tui.review.agree import overlap_matches
    from tui.suggest import suggest

    dev = documents()
    sets = {"development": [(d, REAL) for d in dev]}
    if not os.environ.get(NO_HELDOUT_ENV):
        sets["held-out"] = [(d, HELDOUT) for d in documents(HELDOUT)]
        sets["doubly annotated (a)"] = [(d, AGREEMENT / "a") for d in documents(AGREEMENT / "a")]
    rows: dict = {name: {"suggested": [], "ceiling": [], "found": [0, 0]} for name, docs in sets.items() if docs}
    for k in range(0, len(dev), step):
        train = [dev[k], dev[(k + 1) % len(dev)]]
        sug = _trained(train)
        for name in rows:
            docs = sets[name] if name != "development" else [(dev[(k + 2 + i) % len(dev)], REAL) for i in range(step)]
            for d, where in docs:
                text, ann = gold(d, where)
                g = [(s.start, s.end) for s in ann.spans if s.label == "ACTOR"]
                got = sug.suggest(text, ["ACTOR"]).spans
                every = suggest(text, sug.schema, ["ACTOR"], sug.extra_actors, sug.guidelines.conventions,
                                sug.model, sug.habits, None, sug.entities).spans
                right = [s for s in every if any(a < s.end and s.start < b for a, b in g)]
                rows[name]["suggested"].append(score(ann.spans, got)["ACTOR"])
                rows[name]["ceiling"].append(score(ann.spans, right)["ACTOR"])
                cand = [(s.start, s.end) for s in every]
                rows[name]["found"][0] += overlap_matches(g, cand)
                rows[name]["found"][1] += len(g)
    out: dict = {}
    for name, r in rows.items():
        mean = lambda xs, m: round(sum(x[m] for x in xs) / len(xs), 3)  # noqa: E731
        suggested = {m: mean(r["suggested"], m) for m in ("exact", "overlap")}
        best = {m: mean(r["ceiling"], m) for m in ("exact", "overlap")}
        out[name] = {"suggested": suggested, "selection_ceiling": best,
                     "candidate_recall": round(r["found"][0] / r["found"][1], 3) if r["found"][1] else None}
        log(f"learnreal ceiling, {name}: ACTOR suggested {suggested['exact']:.2f}, "
            f"selection's ceiling {best['exact']:.2f}")
    return out


def ceiling_table(c: dict) -> list[str]:
    """``ceiling`` as markdown rows."""
    if not c:
        return ["(not computed)"]
    lines = ["| articles | ACTOR suggested, exact / overlap | selection's ceiling, exact / overlap "
             "| gold actors some candidate overlaps |", "|---|---|---|---|"]
    for name, r in c.items():
        rec = "-" if r["candidate_recall"] is None else f"{r['candidate_recall']:.2f}"
        lines.append(f"| {name} | {r['suggested']['exact']:.2f} / {r['suggested']['overlap']:.2f} | "
                     f"{r['selection_ceiling']['exact']:.2f} / {r['selection_ceiling']['overlap']:.2f} | {rec} |")
    return lines


def agreement_table(g: dict) -> list[str]:
    """The doubly annotated articles as markdown rows: annotator b against a, and the suggester
    after two dev golds against each annotator (exact / overlap F1 per label), with means."""
    if not g:
        return [f"(not scored: no article in {AGREEMENT.name}, or {NO_HELDOUT_ENV} is set)"]
    lines = ["| article | who | ACTOR exact / overlap | FIGURE exact / overlap | CLAIM exact / overlap |",
             "|---|---|---|---|---|"]
    rows = [(d, "annotator b vs a", sc) for d, sc in g["annotators"].items()]
    rows += [(d, f"suggester (2 dev golds) vs {w}", sc[w]) for d, sc in g["suggester"].items() for w in ("a", "b")]
    rows.sort(key=lambda r: (r[0], r[1]))
    mean_a = {lab: {m: _mean(g["annotators"], lab, m) for m in ("exact", "overlap")} for lab in LABELS}
    both = {f"{d}/{w}": sc[w] for d, sc in g["suggester"].items() for w in ("a", "b")}
    mean_s = {lab: {m: _mean(both, lab, m) for m in ("exact", "overlap")} for lab in LABELS}
    rows += [("mean", "annotator b vs a", mean_a), ("mean", "suggester vs either", mean_s)]
    for doc, who, sc in rows:
        lines.append(f"| {doc} | {who} | " + " | ".join(
            f"{sc[lab]['exact']:.2f} / {sc[lab]['overlap']:.2f}" for lab in LABELS) + " |")
    return lines


def _mean(per_doc: dict, lab: str, metric: str) -> float:
    return sum(d[lab][metric] for d in per_doc.values()) / len(per_doc)


def interval(values: list[float], reps: int = 4000, seed: int = 0) -> tuple[float, float]:
    """The 95 % percentile-bootstrap interval of the mean of ``values`` (articles resampled
    with replacement; a fixed seed, so a run repeats): how far twelve articles' mean may be
    from the mean of the news they were sampled from."""
    import random

    if not values:
        return (0.0, 0.0)
    rnd, n = random.Random(seed), len(values)
    means = sorted(sum(rnd.choices(values, k=n)) / n for _ in range(reps))
    return means[int(0.025 * reps)], means[int(0.975 * reps) - 1]


def heldout_table(h: dict) -> list[str]:
    """Held-out articles as markdown rows: exact / overlap F1 per label and setting, the
    mean and its 95 % bootstrap interval over the articles."""
    lines = ["| trained on | article | ACTOR exact / overlap | FIGURE exact / overlap | CLAIM exact / overlap |",
             "|---|---|---|---|---|"]
    for name, per_doc in h.items():
        rows = [*per_doc.items(), ("mean", {lab: {m: _mean(per_doc, lab, m) for m in ("exact", "overlap")}
                                             for lab in LABELS})]
        for doc, sc in rows:
            cells = [f"{sc[lab]['exact']:.2f} / {sc[lab]['overlap']:.2f}" for lab in LABELS]
            lines.append(f"| {_setting(name)} | {doc} | " + " | ".join(cells) + " |")
        spans = [[interval([d[lab][m] for d in per_doc.values()]) for m in ("exact", "overlap")] for lab in LABELS]
        lines.append(f"| {_setting(name)} | 95 % interval of the mean | " + " | ".join(
            f"{e[0]:.2f}–{e[1]:.2f} / {o[0]:.2f}–{o[1]:.2f}" for e, o in spans) + " |")
    return lines


def _setting(name: str) -> str:
    pairs = len(documents())
    return {"0": "0 (rules' defaults)", "2": f"2 dev golds ({pairs} pairs)"}.get(name, f"{name} dev golds")


def table(c: dict) -> list[str]:
    """The curve as markdown rows: exact / overlap F1 per label, attribute agreement."""
    lines = ["| docs | ACTOR exact / overlap | FIGURE exact / overlap | CLAIM exact / overlap "
             "| attributes right (A F C) |", "|---|---|---|---|---|"]
    for n, row in c.items():
        cells = [f"{row['mean'][lab]['exact']:.2f} / {row['mean'][lab]['overlap']:.2f}" for lab in LABELS]
        att = " ".join("-" if row["attrs"][lab] is None else f"{row['attrs'][lab]:.2f}" for lab in LABELS)
        name = f"{n} (rules' defaults)" if n == 0 else str(n)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {att} |")
    return lines


def sampled_table(c: dict) -> list[str]:
    """The curve's means over the ``SAMPLED`` development articles alone, with the 95 %
    bootstrap interval of each exact mean: the numbers to tune by."""
    lines = [f"| docs | the {len(SAMPLED)} sampled: ACTOR exact (95 % interval) / overlap | FIGURE | CLAIM |",
             "|---|---|---|---|"]
    for n, row in c.items():
        per = [row["per_doc"][d] for d in SAMPLED if d in row["per_doc"]]
        if not per:
            continue
        cells = []
        for lab in LABELS:
            ex, ov = [p[lab]["exact"] for p in per], [p[lab]["overlap"] for p in per]
            lo, hi = interval(ex)
            cells.append(f"{sum(ex) / len(ex):.2f} ({lo:.2f}–{hi:.2f}) / {sum(ov) / len(ov):.2f}")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def _points(argv: list[str] | None = None) -> tuple[int, ...]:
    """The document counts to train on, from the command line (default ``POINTS``)."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m bench.learnreal", description=__doc__.split("\n\n")[0])
    p.add_argument("points", nargs="*", type=int, metavar="N",
                   help=f"numbers of training documents (default: {' '.join(map(str, POINTS))})")
    return tuple(p.parse_args(argv).points) or POINTS


if __name__ == "__main__":
    result = curve(_points())
    print("\n".join(table(result)))
    print("\n".join(["", *sampled_table(result)]))
    print("\nheld out (never taught, never tuned on):")
    print("\n".join(heldout_table(heldout())))
    print("\ntwo annotators, blind to each other (bench/realtext-agreement):")
    print("\n".join(agreement_table(agreement())))
    print("\nwhere ACTOR loses: the selection's ceiling among the rules' own candidates (after two dev golds):")
    print("\n".join(ceiling_table(ceiling())))

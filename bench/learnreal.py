"""Leave-one-out learning curves on the real-text set (bench/realtext: twelve Wikinews
articles with golds under guidelines that differ from the rules' defaults).

For each article held out and each n of ``POINTS``, a corpus holds the golds of the n
articles that follow it (in name order, wrapping round), ``margin learn`` trains on them
and the suggestions for the held-out article are scored against its gold: exact and
overlap span F1 per label, and the share of exactly matched spans whose suggested
attributes are the gold's (all of them, values and absences alike). Each cell is the mean over the held-out articles. n = 0 is the rules with
their default conventions: what margin suggested before any annotation.

    python -m bench.learnreal           # prints the table (bench: python -m bench --only learn)
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parent / "realtext"
POINTS = (0, 1, 2, 5)
LABELS = ("ACTOR", "FIGURE", "CLAIM")


def documents() -> list[str]:
    return sorted(p.stem for p in (REAL / "seeds").glob("*.txt"))


def gold(doc: str):
    """(text, annotation) of one article."""
    from tui.model import Document
    from tui.store import load

    text = (REAL / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
    return text, load(REAL / "annotations" / doc / "gold.yaml", doc=Document(doc, text)).annotation


def _corpus(root: Path, train: list[str]) -> None:
    (root / "seeds").mkdir(parents=True)
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


if __name__ == "__main__":
    import sys

    result = curve(tuple(int(a) for a in sys.argv[1:]) or POINTS)
    print("\n".join(table(result)))
